import type { Database } from "../db/database.ts";
import { encodeTimeIdCursor } from "../db/time-id-cursor.ts";
import type { AuditActor } from "./audit-log.ts";
import type { AuditLogTable } from "./audit-table.ts";

/** An audit row as GET /v1/admin/audit answers it (API.md, "Audit"). */
export interface AuditItem {
  id: string;
  at: string;
  actor: AuditActor;
  action: string;
  target: string;
  ip: string;
  requestId: string;
}

export interface AuditQuery {
  storeId: string;
  action?: string;
  /** A key id, user id or CLI user: rows by that actor. */
  actor?: string;
  target?: string;
  /** ISO times: rows at or after `since`, before `until`. */
  since?: string;
  until?: string;
  limit: number;
  /** The last row of the previous page (newest first). */
  after?: { at: string; id: string };
}

function toItem(row: AuditLogTable): AuditItem {
  const actor: AuditActor =
    row.actor_kind === "key"
      ? { keyId: row.actor_id }
      : row.actor_kind === "user"
        ? { userId: row.actor_id }
        : { cli: row.actor_id };
  return {
    id: row.id,
    at: row.at,
    actor,
    action: row.action,
    target: row.target,
    ip: row.ip,
    requestId: row.request_id,
  };
}

export async function listAudit(
  db: Database,
  query: AuditQuery,
): Promise<{ items: AuditItem[]; nextCursor: string | null }> {
  let select = db.kysely.selectFrom("audit_log").selectAll().where("store_id", "=", query.storeId);
  if (query.action !== undefined) select = select.where("action", "=", query.action);
  if (query.actor !== undefined) select = select.where("actor_id", "=", query.actor);
  if (query.target !== undefined) select = select.where("target", "=", query.target);
  if (query.since !== undefined) select = select.where("at", ">=", query.since);
  if (query.until !== undefined) select = select.where("at", "<", query.until);
  const after = query.after;
  if (after) {
    select = select.where((eb) =>
      eb.or([eb("at", "<", after.at), eb.and([eb("at", "=", after.at), eb("id", "<", after.id)])]),
    );
  }
  const rows = await select
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toItem),
    nextCursor: rows.length > query.limit && last ? encodeTimeIdCursor(last) : null,
  };
}
