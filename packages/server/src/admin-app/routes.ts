import {
  CustomerDetail,
  CustomerMatches,
  CustomerSearchQuery,
  dayIn,
  Overview,
  OverviewQuery,
} from "@plaudit/contract";
import type { RouteModule } from "../context.ts";
import { ApiError, validationFailed } from "../errors.ts";
import { requireScope } from "../http/require-scope.ts";
import { describeRoute } from "../openapi/describe-route.ts";
import { parseQuery } from "../validation.ts";
import { customerDetail, findCustomers } from "./customers.ts";
import { type OverviewRange, storeOverview } from "./overview.ts";

const NO_STORE = { "Cache-Control": "no-store" };
const DAY = 86_400_000;
/** Default range: the last twelve weeks. Longest: about three years. */
export const OVERVIEW_DEFAULT_DAYS = 84;
export const OVERVIEW_MAX_DAYS = 1096;

/** The overview's range: `to` defaults to today (in the store's zone), `from` to twelve weeks before `to`. */
function rangeOf(
  query: { from?: string | undefined; to?: string | undefined },
  now: Date,
  timeZone: string,
): OverviewRange {
  const to = query.to ?? dayIn(now, timeZone);
  const from =
    query.from ?? new Date(Date.parse(to) - (OVERVIEW_DEFAULT_DAYS - 1) * DAY).toISOString().slice(0, 10);
  const days = (Date.parse(to) - Date.parse(from)) / DAY + 1;
  if (days < 1) throw validationFailed({ from: "must not be after to" });
  if (days > OVERVIEW_MAX_DAYS)
    throw validationFailed({ from: `must be at most ${OVERVIEW_MAX_DAYS} days before to` });
  return { from, to };
}

/** What the admin app's overview and customer screens read. */
export const adminAppRoutes: RouteModule = {
  name: "admin-app",
  register(app, ctx) {
    app.get(
      "/v1/admin/overview",
      describeRoute({
        summary:
          "Figures of the reviews received in a date range and not rejected: per week, by rating, with media, verified, best and worst products, and the review-request funnel",
        query: OverviewQuery,
        responses: { 200: Overview },
        errors: [422],
        examples: [
          { summary: "February 2026", query: { from: "2026-02-01", to: "2026-02-28" }, status: 200 },
          {
            summary: "a range that ends before it starts",
            query: { from: "2026-03-01", to: "2026-02-01" },
            status: 422,
          },
        ],
      }),
      requireScope("reviews:read"),
      async (c) => {
        const store = c.get("store");
        const range = rangeOf(parseQuery(c, OverviewQuery), ctx.clock(), store.timeZone);
        return c.json(await storeOverview(ctx.db, store.id, range, store.timeZone), 200, NO_STORE);
      },
    );

    app.get(
      "/v1/admin/customers",
      describeRoute({
        summary: "Find customers by id (or its beginning) or by an email address they used",
        query: CustomerSearchQuery,
        responses: { 200: CustomerMatches },
        errors: [422],
        examples: [{ summary: "by id", query: { q: "c-1001" }, status: 200 }],
      }),
      requireScope("customers:read"),
      async (c) => {
        const { q } = parseQuery(c, CustomerSearchQuery);
        return c.json({ items: await findCustomers(ctx.db, c.get("store").id, q) }, 200, NO_STORE);
      },
    );

    app.get(
      "/v1/admin/customers/:customerId",
      describeRoute({
        summary: "One customer: addresses, orders, balance, tier, pending points, ledger and redemptions",
        params: { customerId: { description: "The merchant's customer id" } },
        responses: { 200: CustomerDetail },
        errors: [404, 422],
        examples: [
          { summary: "a customer with an order", params: { customerId: "c-1001" }, status: 200 },
          { summary: "a customer the store never saw", params: { customerId: "nobody" }, status: 404 },
        ],
      }),
      requireScope("customers:read"),
      async (c) => {
        const id = c.req.param("customerId").trim();
        if (id.length < 1 || [...id].length > 200)
          throw validationFailed({ customerId: "must be 1–200 characters" });
        const detail = await customerDetail(ctx, c.get("store").id, id);
        if (!detail) throw new ApiError(404, "customer_not_found", "this store has never seen this customer");
        return c.json(detail, 200, NO_STORE);
      },
    );
  },
};
