import { FulfillmentSubmission, OrderFulfilled, OrderRecorded, OrderSubmission } from "@plaudit/contract";
import { auditEvent } from "../audit/audit-log.ts";
import type { RouteModule } from "../context.ts";
import { readJsonBody, readOptionalJsonBody } from "../http/json-body.ts";
import { requireScope } from "../http/require-scope.ts";
import { describeRoute } from "../openapi/describe-route.ts";
import { fulfillOrder } from "../orders/fulfill-order.ts";
import { recordOrder } from "../orders/record-order.ts";
import { parseOrFail } from "../validation.ts";

/** The store's server reports orders: they make buyers' reviews verified and (loyalty) earn points. */
export const adminOrderRoutes: RouteModule = {
  name: "admin-orders",
  register(app, ctx) {
    app.post(
      "/v1/admin/orders",
      describeRoute({
        summary: "Report an order (idempotent on orderId): verified purchases and loyalty points",
        body: OrderSubmission,
        responses: {
          201: { schema: OrderRecorded, description: "Recorded" },
          200: { schema: OrderRecorded, description: "Already recorded: nothing changed" },
        },
        errors: [400, 413, 422],
        examples: [
          {
            summary: "an order of two tees",
            body: {
              orderId: "o-2001",
              customerId: "c-1001",
              total: 58,
              currency: "EUR",
              items: [{ productId: "tee-classic", quantity: 2, price: 29 }],
            },
            status: 201,
          },
          {
            summary: "an order without items",
            body: { orderId: "o-2002", customerId: "c-1001", total: 0, currency: "EUR", items: [] },
            status: 422,
          },
        ],
      }),
      requireScope("orders:write"),
      async (c) => {
        const input = parseOrFail(OrderSubmission, await readJsonBody(c));
        const { created, order } = await recordOrder(
          ctx,
          c.get("store").id,
          input,
          auditEvent(c, ctx, "order.record", input.orderId),
        );
        // 201 the first time; a replay of the same orderId answers 200 and changes nothing.
        return c.json({ orderId: order.orderId, created }, created ? 201 : 200);
      },
    );

    // The order reached the shopper: review requests count their delay from here.
    app.post(
      "/v1/admin/orders/:orderId/fulfillment",
      describeRoute({
        summary: "Mark an order fulfilled (once): its review request is scheduled from this time",
        params: { orderId: { description: "The order id given to POST /v1/admin/orders" } },
        body: FulfillmentSubmission,
        bodyOptional: true,
        responses: {
          201: { schema: OrderFulfilled, description: "Marked fulfilled" },
          200: { schema: OrderFulfilled, description: "Already fulfilled: nothing changed" },
        },
        errors: [400, 404, 413, 422],
        examples: [
          {
            summary: "order o-1001 reached its shopper now",
            params: { orderId: "o-1001" },
            body: {},
            status: 201,
          },
          { summary: "an order never reported", params: { orderId: "o-unknown" }, body: {}, status: 404 },
        ],
      }),
      requireScope("orders:write"),
      async (c) => {
        // The body is optional: no body means "fulfilled now".
        const body = await readOptionalJsonBody(c);
        const input = parseOrFail(FulfillmentSubmission, body);
        const orderId = c.req.param("orderId");
        const result = await fulfillOrder(
          ctx,
          {
            storeId: c.get("store").id,
            orderId,
            ...(input.fulfilledAt ? { fulfilledAt: input.fulfilledAt } : {}),
          },
          auditEvent(c, ctx, "order.fulfill", orderId),
        );
        return c.json(result, result.created ? 201 : 200, { "Cache-Control": "no-store" });
      },
    );
  },
};
