import * as v from "valibot";
import { cursorPage, queryCursor, queryLimit, timestamp } from "./fields.ts";
import { LIMITS } from "./limits.ts";

// The audit log as GET /v1/admin/audit answers it (API.md, "Audit").

/**
 * Every action an audit row can name, `noun.verb` in the shop's words: the one list the server's
 * routes and CLI write (their audit events take only these) and the admin app offers as filters.
 */
export const AUDIT_ACTIONS = [
  "review.moderate",
  "review.reply",
  "media.moderate",
  "media.settings.save",
  "media.sweep",
  "product.save",
  "order.record",
  "order.fulfill",
  "order.refund",
  "loyalty.program.save",
  "loyalty.adjust",
  "loyalty.customer.update",
  "loyalty.sweep",
  "review_requests.settings.save",
  "review_request.send",
  "review_request.cancel",
  "suppression.add",
  "suppression.lift",
  /** A person looked up on the privacy screen: what the store holds about them, counted. */
  "privacy.lookup",
  /** A person's data handed out whole (downloaded from the admin, the API or the CLI). */
  "privacy.export",
  "privacy.erase",
  "store.create",
  "store.update",
  "store.settings.save",
  "key.create",
  "key.revoke",
  "signing_secret.rotate",
  "webhook_secret.rotate",
  "admin.session.start",
  "admin.session.end",
  "admin.sessions.end",
  "admin.user.create",
  "admin.user.invite",
  "admin.user.role",
  "admin.user.delete",
  "admin.user.password.set",
  "admin.user.sessions.end",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

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

const filter = (max: number, description: string) =>
  v.optional(
    v.pipe(
      v.string(),
      v.check((s) => s.length > 0 && [...s].length <= max, `must be 1–${max} characters`),
      v.metadata({ minLength: 1, maxLength: max }),
      v.description(description),
    ),
  );

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/;
const TIME_MESSAGE = "must be an ISO 8601 time, e.g. 2026-03-01T12:00:00Z";

/** An ISO 8601 time (a day alone is its midnight UTC), as the log stores it: UTC, milliseconds. */
const time = (description: string) =>
  v.optional(
    v.pipe(
      v.string(),
      v.regex(ISO_TIME, TIME_MESSAGE),
      v.check((s) => !Number.isNaN(Date.parse(s)), TIME_MESSAGE),
      v.description(description),
      v.transform((s) => new Date(s).toISOString()),
    ),
  );

/** Filters of the list: each optional; times are ISO 8601. */
export const AuditListQuery = v.object({
  action: filter(100, "e.g. review.moderate"),
  actor: filter(200, "a key id, user id or CLI user"),
  target: filter(200, "the id of what changed"),
  since: time("rows at or after this ISO 8601 time"),
  until: time("rows before this ISO 8601 time"),
  limit: queryLimit(LIMITS.auditLimitMax, LIMITS.auditLimitDefault),
  cursor: queryCursor(LIMITS.cursorMax),
});
