import { auditEvent } from "../audit/audit-log.ts";
import type { RouteModule } from "../context.ts";
import { readJsonBody } from "../http/json-body.ts";
import { requireScope } from "../http/require-scope.ts";
import { OrderSubmission } from "../orders/order-input.ts";
import { recordOrder } from "../orders/record-order.ts";
import { parseOrFail } from "../validation.ts";

/** The store's server reports orders: they make buyers' reviews verified and (loyalty) earn points. */
export const adminOrderRoutes: RouteModule = {
  name: "admin-orders",
  register(app, ctx) {
    app.post("/v1/admin/orders", requireScope("orders:write"), async (c) => {
      const input = parseOrFail(OrderSubmission, await readJsonBody(c));
      const { created, order } = await recordOrder(
        ctx,
        c.get("store").id,
        input,
        auditEvent(c, ctx, "order.record", input.orderId),
      );
      // 201 the first time; a replay of the same orderId answers 200 and changes nothing.
      return c.json({ orderId: order.orderId, created }, created ? 201 : 200);
    });
  },
};
