import { randomUUID } from "node:crypto";
import { userInfo } from "node:os";
import type { AuditAction } from "@plaudit/contract";
import type { Context } from "hono";
import { actorRef } from "../auth/actor.ts";
import type { AppContext, AppEnv } from "../context.ts";
import type { Database } from "../db/database.ts";
import { type Tx, transaction } from "../db/transaction.ts";
import { clientIp } from "../http/client-ip.ts";

/** Who did it, as an audit row names them: an admin key, an admin-app user, or the CLI. */
export type AuditActor = { keyId: string } | { userId: string } | { cli: string };

export type { AuditAction };

/** The operating-system user running the command (a container without a passwd entry: $USER). */
function operatorName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER?.trim() || "plaudit-server";
  }
}

/**
 * One admin write, as the audit log records it. Make it with `auditEvent(c, ctx, action, target)`
 * in the route and hand it to the code that writes, which appends it with `appendAudit(tx, event)`
 * inside its own transaction: the row commits with the write, or neither does.
 */
export interface AuditEvent {
  storeId: string;
  at: string;
  actor: AuditActor;
  /** `noun.verb` in the shop's words ("review.moderate"): one of contract's AUDIT_ACTIONS. */
  action: AuditAction;
  /** The id of what changed (review, order, customer, key…); never an email address or a name. */
  target: string;
  ip: string;
  requestId: string;
}

/** The audit event of this admin request: its store, actor, client address and request id. */
export function auditEvent(
  c: Context<AppEnv>,
  ctx: AppContext,
  action: AuditAction,
  target: string,
): AuditEvent {
  return {
    storeId: c.get("store").id,
    at: ctx.clock().toISOString(),
    actor: actorRef(c.get("actor")),
    action,
    target,
    ip: clientIp(c, ctx.trustProxy),
    requestId: c.get("requestId"),
  };
}

/**
 * The audit event of a command an operator ran on the machine (`plaudit-server stores|keys|users|
 * media|privacy …`), the same shape for every command: the actor is the operating-system user
 * (`{ cli }`), the address `cli` (no client), no request id.
 */
export function cliAuditEvent(storeId: string, action: AuditAction, target: string, now: Date): AuditEvent {
  return {
    storeId,
    at: now.toISOString(),
    actor: { cli: operatorName() },
    action,
    target,
    ip: CLI_ADDRESS,
    requestId: "",
  };
}

/** Appends a command's audit row (cliAuditEvent) inside the transaction of its write. */
export const appendCliAudit = (tx: Tx, storeId: string, action: AuditAction, target: string, now: Date) =>
  appendAudit(tx, cliAuditEvent(storeId, action, target, now));

/** What a CLI row has where a request's rows have the client address. */
export const CLI_ADDRESS = "cli";

/** Appends one audit row. Call it inside the transaction of the write it records. */
export async function appendAudit(tx: Tx, event: AuditEvent): Promise<void> {
  const [actorKind, actorId] =
    "keyId" in event.actor
      ? (["key", event.actor.keyId] as const)
      : "userId" in event.actor
        ? (["user", event.actor.userId] as const)
        : (["cli", event.actor.cli] as const);
  await tx
    .insertInto("audit_log")
    .values({
      id: randomUUID(),
      store_id: event.storeId,
      at: event.at,
      actor_kind: actorKind,
      actor_id: actorId,
      action: event.action,
      target: event.target,
      ip: event.ip,
      request_id: event.requestId,
    })
    .execute();
}

/**
 * For a write made of many transactions (a sweep): the audit row in a transaction of its own,
 * after the work. Prefer appendAudit inside the write's transaction wherever there is one.
 */
export function recordAudit(db: Database, event: AuditEvent): Promise<void> {
  return transaction(db, (tx) => appendAudit(tx, event));
}
