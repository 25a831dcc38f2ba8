import type { Context } from "hono";
import type { AppContext, AppEnv } from "../context.ts";
import { type Tx, transaction } from "../db/transaction.ts";
import { ApiError } from "../errors.ts";
import { type AuditAction, appendAudit, auditEvent } from "./audit-log.ts";

/**
 * An admin write and its audit row in one transaction: `write` runs, then the row is appended
 * (both commit, or neither). `write` answers what the route sends back.
 */
export function auditedWrite<T>(
  c: Context<AppEnv>,
  ctx: AppContext,
  action: AuditAction,
  target: string,
  write: (tx: Tx, storeId: string) => Promise<T>,
): Promise<T> {
  const audit = auditEvent(c, ctx, action, target);
  return transaction(ctx.db, async (tx) => {
    const answer = await write(tx, audit.storeId);
    await appendAudit(tx, audit);
    return answer;
  });
}

/**
 * The admin write on one row of this store, named by the route's `:id`: the row is loaded inside
 * the write's transaction (404 `not_found` with `notFound` when this store has none), `write`
 * changes it, and the audit row (`action`, target the id) commits with it.
 */
export function auditedRowWrite<Row, T>(
  c: Context<AppEnv>,
  ctx: AppContext,
  spec: {
    action: AuditAction;
    load: (tx: Tx, storeId: string, id: string) => Promise<Row | undefined>;
    notFound: string;
    write: (tx: Tx, row: Row, id: string) => Promise<T>;
  },
): Promise<T> {
  const id = c.req.param("id") ?? "";
  return auditedWrite(c, ctx, spec.action, id, async (tx, storeId) => {
    const row = await spec.load(tx, storeId, id);
    if (row === undefined) throw new ApiError(404, "not_found", spec.notFound);
    return spec.write(tx, row, id);
  });
}
