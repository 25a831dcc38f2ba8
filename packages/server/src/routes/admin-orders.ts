import type { RouteModule } from "../context.ts";
import { readJsonBody } from "../http/json-body.ts";
import { requireScope } from "../http/require-scope.ts";
import { fulfillOrder } from "../orders/fulfill-order.ts";
import { FulfillmentSubmission, OrderSubmission } from "../orders/order-input.ts";
import { recordOrder } from "../orders/record-order.ts";
import { parseOrFail } from "../validation.ts";

/** The store's server reports orders: they make buyers' reviews verified and (loyalty) earn points. */
export const adminOrderRoutes: RouteModule = {
  name: "admin-orders",
  register(app, ctx) {
    app.post("/v1/admin/orders", requireScope("orders:write"), async (c) => {
      const input = parseOrFail(OrderSubmission, await readJsonBody(c));
      const { created, order } = await recordOrder(ctx, c.get("store").id, input);
      // 201 the first time; a replay of the same orderId answers 200 and changes nothing.
      return c.json({ orderId: order.orderId, created }, created ? 201 : 200);
    });

    // The order reached the shopper: review requests count their delay from here.
    app.post("/v1/admin/orders/:orderId/fulfillment", requireScope("orders:write"), async (c) => {
      // The body is optional: no body means "fulfilled now".
      const body = c.req.header("content-type") ? await readJsonBody(c) : {};
      const input = parseOrFail(FulfillmentSubmission, body);
      const result = await fulfillOrder(ctx, {
        storeId: c.get("store").id,
        orderId: c.req.param("orderId"),
        ...(input.fulfilledAt ? { fulfilledAt: input.fulfilledAt } : {}),
      });
      return c.json(result, result.created ? 201 : 200, { "Cache-Control": "no-store" });
    });
  },
};
