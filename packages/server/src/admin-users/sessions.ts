import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { appendAudit } from "../audit/audit-log.ts";
import { ROLE_SCOPES, type Role } from "../auth/scopes.ts";
import type { Database } from "../db/database.ts";
import { transaction } from "../db/transaction.ts";
import { keyedMac, randomToken, sameText, sha256 } from "./secrets.ts";
import { type AuditFor, isRole } from "./users.ts";

// Server-side sessions: the cookie holds a random token, the database its sha256 and whose it is.
// Signing out deletes the row, so a stolen cookie stops working at once, in every process.

export const SESSION_COOKIE = "plaudit_admin";
/** The cookie goes only to the admin API, never to widget or page requests. */
export const SESSION_COOKIE_PATH = "/v1/admin";
/** A session lasts a working day; then the user signs in again. */
export const SESSION_HOURS = 12;
export const CSRF_HEADER = "x-csrf-token";

export interface SessionUser {
  userId: string;
  storeId: string;
  email: string;
  role: Role;
  scopes: (typeof ROLE_SCOPES)[Role];
  /** The session's own row, for signing this one out. */
  idHash: string;
  expiresAt: string;
}

/** The CSRF token of a session: derived from its secret cookie, so nothing more is stored. */
export function csrfTokenFor(sessionToken: string): string {
  return keyedMac(sessionToken, "plaudit-admin-csrf");
}

export function csrfMatches(sessionToken: string, presented: string | undefined): boolean {
  return presented !== undefined && sameText(presented, csrfTokenFor(sessionToken));
}

export function sessionTokenOf(c: Context): string | undefined {
  const token = getCookie(c, SESSION_COOKIE);
  return token && token.length <= 100 ? token : undefined;
}

export async function startSession(
  db: Database,
  args: { userId: string; now: Date; ip: string; userAgent: string; previousToken?: string },
  audit: AuditFor,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken(32);
  const expiresAt = new Date(args.now.getTime() + SESSION_HOURS * 3_600_000);
  await transaction(db, async (tx) => {
    // Rotation: the session this browser had (if any) ends as the new one starts.
    if (args.previousToken !== undefined)
      await tx.deleteFrom("admin_sessions").where("id_hash", "=", sha256(args.previousToken)).execute();
    await tx
      .insertInto("admin_sessions")
      .values({
        id_hash: sha256(token),
        user_id: args.userId,
        created_at: args.now.toISOString(),
        expires_at: expiresAt.toISOString(),
        ip: args.ip.slice(0, 100),
        user_agent: args.userAgent.slice(0, 300),
      })
      .execute();
    await appendAudit(tx, { ...audit, target: args.userId });
  });
  return { token, expiresAt };
}

export async function findSession(db: Database, token: string, now: Date): Promise<SessionUser | undefined> {
  const row = await db.kysely
    .selectFrom("admin_sessions")
    .innerJoin("admin_users", "admin_users.id", "admin_sessions.user_id")
    .select([
      "admin_sessions.id_hash",
      "admin_sessions.expires_at",
      "admin_users.id",
      "admin_users.store_id",
      "admin_users.email",
      "admin_users.role",
    ])
    .where("admin_sessions.id_hash", "=", sha256(token))
    .executeTakeFirst();
  if (!row || row.expires_at <= now.toISOString()) return undefined;
  // A role the code does not know (a hand-edited row) is no session; `in` would also have let
  // through the object's inherited names ("toString"), with a function for scopes.
  const role = isRole(row.role) ? row.role : undefined;
  if (!role) return undefined;
  return {
    userId: row.id,
    storeId: row.store_id,
    email: row.email,
    role,
    scopes: ROLE_SCOPES[role],
    idHash: row.id_hash,
    expiresAt: row.expires_at,
  };
}

export async function endSession(
  db: Database,
  token: string,
  audit: AuditFor & { target: string },
): Promise<void> {
  await transaction(db, async (tx) => {
    await tx.deleteFrom("admin_sessions").where("id_hash", "=", sha256(token)).execute();
    await appendAudit(tx, audit);
  });
}

/** Signs a user out everywhere: every browser, every process. Returns how many sessions ended. */
export async function endAllSessions(db: Database, userId: string, audit: AuditFor): Promise<number> {
  return transaction(db, async (tx) => {
    const result = await tx.deleteFrom("admin_sessions").where("user_id", "=", userId).executeTakeFirst();
    await appendAudit(tx, { ...audit, target: userId });
    return Number(result.numDeletedRows);
  });
}

/** Forgets sessions that ran out (the sweep calls this). */
export async function sweepSessions(db: Database, now: Date): Promise<number> {
  const result = await db.kysely
    .deleteFrom("admin_sessions")
    .where("expires_at", "<=", now.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export function setSessionCookie(c: Context, token: string, expiresAt: Date, secure: boolean): void {
  setCookie(c, SESSION_COOKIE, token, {
    path: SESSION_COOKIE_PATH,
    httpOnly: true,
    sameSite: "Lax",
    secure,
    expires: expiresAt,
  });
}

export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, SESSION_COOKIE, { path: SESSION_COOKIE_PATH, httpOnly: true, sameSite: "Lax", secure });
}
