import { AuditListQuery, AuditPage } from "@plaudit/contract";
import type { RouteModule } from "../context.ts";
import { decodeTimeIdCursor } from "../db/time-id-cursor.ts";
import { requireScope } from "../http/require-scope.ts";
import { describeRoute } from "../openapi/describe-route.ts";
import { NOT_A_CURSOR, parseQuery } from "../validation.ts";
import { type AuditQuery, listAudit } from "./audit-list.ts";

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
        const cursor = c.req.query("cursor") || undefined;
        const after = cursor === undefined ? undefined : decodeTimeIdCursor(cursor);
        const { cursor: _, ...filters } = parseQuery(c, AuditListQuery, {
          alsoBad: cursor !== undefined && !after ? NOT_A_CURSOR : {},
        });
        const query: AuditQuery = { storeId: c.get("store").id, ...filters, ...(after ? { after } : {}) };
        c.header("Cache-Control", "no-store");
        return c.json(await listAudit(ctx.db, query));
      },
    );
  },
};
