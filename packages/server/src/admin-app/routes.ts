import type { RouteModule } from "../context.ts";
import { ApiError, validationFailed } from "../errors.ts";
import { requireScope } from "../http/require-scope.ts";
import { customerDetail, findCustomers } from "./customers.ts";
import { type OverviewRange, storeOverview } from "./overview.ts";

const NO_STORE = { "Cache-Control": "no-store" };
const DAY = 86_400_000;
/** Default range: the last twelve weeks. Longest: about three years. */
export const OVERVIEW_DEFAULT_DAYS = 84;
export const OVERVIEW_MAX_DAYS = 1096;

const isDay = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00.000Z`).toISOString().startsWith(value);

function parseRange(query: Record<string, string | undefined>, now: Date): OverviewRange {
  const fields: Record<string, string> = {};
  const to = query.to ?? now.toISOString().slice(0, 10);
  if (!isDay(to)) fields.to = "must be a day, YYYY-MM-DD";
  const from =
    query.from ??
    (isDay(to)
      ? new Date(Date.parse(to) - (OVERVIEW_DEFAULT_DAYS - 1) * DAY).toISOString().slice(0, 10)
      : to);
  if (!isDay(from)) fields.from = "must be a day, YYYY-MM-DD";
  if (!fields.to && !fields.from) {
    const days = (Date.parse(to) - Date.parse(from)) / DAY + 1;
    if (days < 1) fields.from = "must not be after to";
    else if (days > OVERVIEW_MAX_DAYS) fields.from = `must be at most ${OVERVIEW_MAX_DAYS} days before to`;
  }
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
  return { from, to };
}

/** What the admin app's overview and customer screens read. */
export const adminAppRoutes: RouteModule = {
  name: "admin-app",
  register(app, ctx) {
    app.get("/v1/admin/overview", requireScope("reviews:read"), async (c) => {
      const range = parseRange(c.req.query(), ctx.clock());
      return c.json(await storeOverview(ctx.db, c.get("store").id, range), 200, NO_STORE);
    });

    app.get("/v1/admin/customers", requireScope("customers:read"), async (c) => {
      const q = c.req.query("q")?.trim() ?? "";
      if (q.length < 1 || [...q].length > 254)
        throw validationFailed({ q: "must be a customer id or an email address" });
      return c.json({ items: await findCustomers(ctx.db, c.get("store").id, q) }, 200, NO_STORE);
    });

    app.get("/v1/admin/customers/:customerId", requireScope("customers:read"), async (c) => {
      const id = c.req.param("customerId").trim();
      if (id.length < 1 || [...id].length > 200)
        throw validationFailed({ customerId: "must be 1–200 characters" });
      const detail = await customerDetail(ctx, c.get("store").id, id);
      if (!detail) throw new ApiError(404, "customer_not_found", "this store has never seen this customer");
      return c.json(detail, 200, NO_STORE);
    });
  },
};
