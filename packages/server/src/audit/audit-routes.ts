import { AuditListQuery, AuditPage } from "@plaudit/contract";
import type { RouteModule } from "../context.ts";
import { decodeTimeIdCursor } from "../db/time-id-cursor.ts";
import { validationFailed } from "../errors.ts";
import { requireScope } from "../http/require-scope.ts";
import { describeRoute } from "../openapi/describe-route.ts";
import { type AuditQuery, listAudit } from "./audit-list.ts";

const TEXT_FILTERS = { action: 100, actor: 200, target: 200 } as const;

/** An ISO 8601 time, normalised to the stored form (UTC, milliseconds); undefined if not one. */
function isoTime(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(value)) return undefined;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

/** GET /v1/admin/audit: who did what, newest first, filtered and paged by cursor. */
export const auditRoutes: RouteModule = {
  name: "audit",
  register(app, ctx) {
    app.get(
      "/v1/admin/audit",
      describeRoute({
        summary: "Who did what: every admin write, newest first, filtered and paged by cursor",
        query: AuditListQuery,
        responses: { 200: AuditPage },
        errors: [403, 422],
        examples: [
          { summary: "the order records", query: { action: "order.record" }, status: 200 },
          { summary: "a time that is not one", query: { since: "yesterday" }, status: 422 },
        ],
      }),
      requireScope("audit:read"),
      async (c) => {
        const fields: Record<string, string> = {};
        const query: AuditQuery = { storeId: c.get("store").id, limit: 50 };
        for (const [name, max] of Object.entries(TEXT_FILTERS) as [keyof typeof TEXT_FILTERS, number][]) {
          const value = c.req.query(name);
          if (value === undefined) continue;
          if (value.length < 1 || [...value].length > max) fields[name] = `must be 1–${max} characters`;
          else query[name] = value;
        }
        for (const name of ["since", "until"] as const) {
          const value = c.req.query(name);
          if (value === undefined) continue;
          const time = isoTime(value);
          if (time === undefined) fields[name] = "must be an ISO 8601 time, e.g. 2026-03-01T12:00:00Z";
          else query[name] = time;
        }
        const limitText = c.req.query("limit");
        if (limitText !== undefined) {
          const limit = Number(limitText);
          if (!Number.isInteger(limit) || limit < 1 || limit > 100)
            fields.limit = "must be an integer from 1 to 100";
          else query.limit = limit;
        }
        const cursor = c.req.query("cursor");
        if (cursor) {
          const after = decodeTimeIdCursor(cursor);
          if (after) query.after = after;
          else fields.cursor = "is not a cursor of this list; start again without it";
        }
        if (Object.keys(fields).length > 0) throw validationFailed(fields);
        c.header("Cache-Control", "no-store");
        return c.json(await listAudit(ctx.db, query));
      },
    );
  },
};
