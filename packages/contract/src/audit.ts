import * as v from "valibot";
import { cursorPage, timestamp } from "./fields.ts";

// The audit log as GET /v1/admin/audit answers it (API.md, "Audit").

/** Who did it: an admin key, a signed-in admin user, or the server's CLI. */
export const AuditActor = v.union([
  v.object({ keyId: v.string() }),
  v.object({ userId: v.string() }),
  v.object({ cli: v.string() }),
]);

export const AuditItem = v.object({
  id: v.string(),
  at: timestamp,
  actor: AuditActor,
  action: v.string(),
  target: v.string(),
  ip: v.string(),
  requestId: v.string(),
});
export type AuditItem = v.InferOutput<typeof AuditItem>;
export const AuditPage = cursorPage(AuditItem);

/** Filters of the list: each optional; times are ISO 8601. */
export const AuditListQuery = v.object({
  action: v.optional(v.pipe(v.string(), v.maxLength(100), v.description("e.g. review.moderate"))),
  actor: v.optional(v.pipe(v.string(), v.maxLength(200), v.description("a key id, user id or CLI user"))),
  target: v.optional(v.pipe(v.string(), v.maxLength(200))),
  since: v.optional(v.pipe(v.string(), v.description("rows at or after this ISO 8601 time"))),
  until: v.optional(v.pipe(v.string(), v.description("rows before this ISO 8601 time"))),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/), v.description("1–100, default 50"))),
  cursor: v.optional(v.string()),
});
