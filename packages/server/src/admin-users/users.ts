import { randomUUID } from "node:crypto";
import { LIMITS } from "@plaudit/contract";
import { type AuditEvent, appendAudit } from "../audit/audit-log.ts";
import type { Role } from "../auth/scopes.ts";
import type { Database } from "../db/database.ts";
import { type Tx, transaction } from "../db/transaction.ts";
import { ApiError, validationFailed } from "../errors.ts";
import type { SecretBox } from "../keys/secret-box.ts";
import { signingSecretFor, verifyingSecrets } from "../keys/signing-secrets.ts";
import { hashPassword, passwordProblem } from "./passwords.ts";
import { keyedMac, randomToken, sameText, sha256 } from "./secrets.ts";

export const ROLES: readonly Role[] = ["owner", "moderator", "support"];
/** How long a set-password link works. */
export const INVITE_HOURS = 72;

/** An audit event whose target (the user's id) is known only once the write finds or makes it. */
export type AuditFor = Omit<AuditEvent, "target">;

export interface AdminUser {
  id: string;
  storeId: string;
  email: string;
  role: Role;
  /** false until the invite link was followed. */
  active: boolean;
  createdAt: string;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Why an address is refused for an account, or undefined. */
export function emailProblem(email: unknown): string | undefined {
  if (typeof email !== "string") return "must be an email address";
  const value = normalizeEmail(email);
  if (value.length > LIMITS.emailMax || !/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(value))
    return "must be an email address";
  return undefined;
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

type UserRow = {
  id: string;
  store_id: string;
  email: string;
  role: Role;
  password_hash: string | null;
  created_at: string;
};

export function toAdminUser(row: UserRow): AdminUser {
  return {
    id: row.id,
    storeId: row.store_id,
    email: row.email,
    role: row.role,
    active: row.password_hash !== null,
    createdAt: row.created_at,
  };
}

// Invite links are signed with the store's own `admin_invite` secret (keys/signing-secrets.ts):
// never an admin key, the customer-token secret or the links secret. The HMAC's key is derived
// from that secret for this purpose, and its input starts with the purpose too, so a signature
// made for anything else never passes here.
const INVITE_PURPOSE = "plaudit.admin-invite.v1";

export function inviteMac(
  secret: string,
  nonce: string,
  userId: string,
  storeId: string,
  expiresAt: string,
): string {
  const key = keyedMac(secret, INVITE_PURPOSE);
  return keyedMac(key, INVITE_PURPOSE, nonce, userId, storeId, expiresAt);
}

/**
 * Links sent before the upgrade that gave invites their own secret (session 5, commit 7751dad)
 * were signed this way, with the store's `secret_key` column — which migration 0010 had already
 * emptied, so in practice with an empty key. They still work until they expire (72 h, so at most
 * that long after the upgrade): an old link must still be one the server stored (its hash),
 * unused and unexpired, exactly as before the upgrade, and only an invite made before the store's
 * first `admin_invite` secret may be checked this way. Shop-friendly: nobody has to be re-invited.
 */
export function legacyInviteMac(
  storeSecretKey: string,
  nonce: string,
  userId: string,
  expiresAt: string,
): string {
  return keyedMac(storeSecretKey, "plaudit-admin-invite", nonce, userId, expiresAt);
}

/** Whether the invite (made at `createdAt`) predates the store's invite secrets and is signed as such links were. */
async function signedBeforeInviteSecrets(
  tx: Tx,
  invite: {
    storeId: string;
    userId: string;
    createdAt: string;
    expiresAt: string;
    nonce: string;
    mac: string;
  },
): Promise<boolean> {
  const first = await tx
    .selectFrom("signing_secrets")
    .select((eb) => eb.fn.min("created_at").as("at"))
    .where("store_id", "=", invite.storeId)
    .where("purpose", "=", "admin_invite")
    .executeTakeFirst();
  const firstAt = first?.at ?? null;
  if (firstAt !== null && invite.createdAt >= firstAt) return false;
  const store = await tx
    .selectFrom("stores")
    .select("secret_key")
    .where("id", "=", invite.storeId)
    .executeTakeFirst();
  if (!store) return false;
  return sameText(
    invite.mac,
    legacyInviteMac(store.secret_key, invite.nonce, invite.userId, invite.expiresAt),
  );
}

/** The store's current invite secret (made on first use, inside the caller's transaction). */
function inviteSecret(tx: Tx, secrets: SecretBox, storeId: string, now: Date): Promise<string> {
  return signingSecretFor(tx, secrets, { storeId, purpose: "admin_invite", now });
}

/** The invite token: random, signed with the store's invite secret, and expiring. */
function inviteToken(secret: string, userId: string, storeId: string, expiresAt: string): string {
  const nonce = randomToken(24);
  return `${nonce}.${inviteMac(secret, nonce, userId, storeId, expiresAt)}`;
}

/**
 * A new user of a store with a role, and a one-time link to set a password. 409 conflict when the
 * address already has an account in the store.
 */
export async function createUser(
  db: Database,
  args: { storeId: string; email: string; role: Role; now: Date; origin: string; secrets: SecretBox },
  audit: AuditFor,
): Promise<{ user: AdminUser; inviteUrl: string; expiresAt: string }> {
  const problems: Record<string, string> = {};
  const emailIssue = emailProblem(args.email);
  if (emailIssue) problems.email = emailIssue;
  if (!isRole(args.role)) problems.role = "must be owner, moderator or support";
  if (Object.keys(problems).length > 0) throw validationFailed(problems);
  const email = normalizeEmail(args.email);
  const at = args.now.toISOString();
  return transaction(db, async (tx) => {
    const store = await tx
      .selectFrom("stores")
      .select("id")
      .where("id", "=", args.storeId)
      .executeTakeFirst();
    if (!store) throw new ApiError(404, "store_not_found", `no store ${JSON.stringify(args.storeId)}`);
    const row: UserRow = {
      id: `usr_${randomUUID()}`,
      store_id: args.storeId,
      email,
      role: args.role,
      password_hash: null,
      created_at: at,
    };
    // Decided by the unique (store, email) index, not by a read first: two requests adding the
    // same address at once both read "free" on PostgreSQL, and the second insert would be a 500.
    // ON CONFLICT waits for the other transaction and then inserts nothing.
    const inserted = await tx
      .insertInto("admin_users")
      .values({ ...row, password_set_at: null })
      .onConflict((oc) => oc.columns(["store_id", "email"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0)
      throw new ApiError(409, "conflict", "this address already has an account in this store");
    const invite = await issueInvite(tx, { ...args, userId: row.id, email }, audit);
    return { user: toAdminUser(row), ...invite };
  });
}

export function inviteUrl(origin: string, storeId: string, email: string, token: string): string {
  // In the fragment: never sent to the server, so it stays out of access logs and Referer headers.
  const query = new URLSearchParams({ store: storeId, email, token });
  return `${origin.replace(/\/+$/, "")}/admin/#/set-password?${query.toString()}`;
}

/** A new one-time link for a user (signed, stored as its hash, audited): its URL and expiry. */
async function issueInvite(
  tx: Tx,
  args: { userId: string; storeId: string; email: string; origin: string; secrets: SecretBox; now: Date },
  audit: AuditFor,
): Promise<{ inviteUrl: string; expiresAt: string }> {
  const secret = await inviteSecret(tx, args.secrets, args.storeId, args.now);
  const expiresAt = new Date(args.now.getTime() + INVITE_HOURS * 3_600_000).toISOString();
  const token = inviteToken(secret, args.userId, args.storeId, expiresAt);
  await tx
    .insertInto("admin_invites")
    .values({
      token_hash: sha256(token),
      user_id: args.userId,
      created_at: args.now.toISOString(),
      expires_at: expiresAt,
      used_at: null,
    })
    .execute();
  await appendAudit(tx, { ...audit, target: args.userId });
  return { inviteUrl: inviteUrl(args.origin, args.storeId, args.email, token), expiresAt };
}

/** A fresh set-password link for an existing user (a lost invite, a forgotten password). */
export async function reinvite(
  db: Database,
  args: { storeId: string; userId: string; now: Date; origin: string; secrets: SecretBox },
  audit: AuditFor,
): Promise<{ inviteUrl: string; expiresAt: string }> {
  return transaction(db, async (tx) => {
    const row = await tx
      .selectFrom("admin_users")
      .select(["id", "email"])
      .where("id", "=", args.userId)
      .where("store_id", "=", args.storeId)
      .executeTakeFirst();
    if (!row) throw new ApiError(404, "not_found", "no such user in this store");
    return issueInvite(tx, { ...args, userId: row.id, email: row.email }, audit);
  });
}

const badLink = () =>
  new ApiError(410, "invite_invalid", "this link is not valid any more: ask the store owner for a new one");

/**
 * Follows an invite link: sets the password, spends the link (once, even when two tabs race) and
 * signs the user out everywhere else. Wrong, used and expired links are all 410 invite_invalid.
 */
export async function setPasswordWithInvite(
  db: Database,
  args: { token: unknown; password: unknown; now: Date; secrets: SecretBox },
  audit: Pick<AuditEvent, "ip" | "requestId">,
): Promise<AdminUser> {
  const problem = passwordProblem(args.password);
  if (problem) throw validationFailed({ password: problem });
  if (typeof args.token !== "string" || args.token.length > 200) throw badLink();
  const token = args.token;
  // Hashing first, outside the transaction: argon2 takes a while and SQLite's write lock must not wait.
  const passwordHash = await hashPassword(args.password as string);
  const at = args.now.toISOString();
  return transaction(db, async (tx) => {
    const found = await tx
      .selectFrom("admin_invites")
      .innerJoin("admin_users", "admin_users.id", "admin_invites.user_id")
      .select([
        "admin_invites.token_hash",
        "admin_invites.created_at as invite_created_at",
        "admin_invites.expires_at",
        "admin_users.id",
        "admin_users.store_id",
        "admin_users.email",
        "admin_users.role",
        "admin_users.created_at",
      ])
      .where("admin_invites.token_hash", "=", sha256(token))
      .executeTakeFirst();
    if (!found || found.expires_at <= at) throw badLink();
    const [nonce = "", mac = ""] = token.split(".");
    // Every invite secret not retired (or retired within a link's lifetime) verifies: a rotation
    // does not break the links already sent.
    const secrets = await verifyingSecrets(tx, args.secrets, {
      storeId: found.store_id,
      purpose: "admin_invite",
      now: args.now,
      overlapSeconds: INVITE_HOURS * 3600,
    });
    const signed =
      secrets.some((secret) =>
        sameText(mac, inviteMac(secret, nonce, found.id, found.store_id, found.expires_at)),
      ) ||
      (await signedBeforeInviteSecrets(tx, {
        storeId: found.store_id,
        userId: found.id,
        createdAt: found.invite_created_at,
        expiresAt: found.expires_at,
        nonce,
        mac,
      }));
    if (!signed) throw badLink();
    const spent = await tx
      .updateTable("admin_invites")
      .set({ used_at: at })
      .where("token_hash", "=", found.token_hash)
      .where("used_at", "is", null)
      .returning("token_hash")
      .executeTakeFirst();
    if (!spent) throw badLink();
    await tx
      .updateTable("admin_users")
      .set({ password_hash: passwordHash, password_set_at: at })
      .where("id", "=", found.id)
      .execute();
    await tx.deleteFrom("admin_sessions").where("user_id", "=", found.id).execute();
    await appendAudit(tx, {
      ...audit,
      storeId: found.store_id,
      at,
      actor: { userId: found.id },
      action: "admin.user.password.set",
      target: found.id,
    });
    return toAdminUser({ ...found, password_hash: passwordHash });
  });
}

export async function listUsers(db: Database, storeId: string): Promise<AdminUser[]> {
  const rows = await db.kysely
    .selectFrom("admin_users")
    .select(["id", "store_id", "email", "role", "password_hash", "created_at"])
    .where("store_id", "=", storeId)
    .orderBy("email")
    .execute();
  return rows.map(toAdminUser);
}

/** This store's user `id` (undefined when the store has none), as the user routes load it. */
export function userOfStore(tx: Tx, storeId: string, id: string) {
  return tx
    .selectFrom("admin_users")
    .select(["id", "store_id", "email", "role", "password_hash", "created_at"])
    .where("id", "=", id)
    .where("store_id", "=", storeId)
    .executeTakeFirst();
}

/**
 * 409 conflict when `user` is its store's only owner and is about to stop being one. The owners are
 * read in the write's transaction (locked on PostgreSQL), so two owners demoting each other at once
 * cannot leave none.
 */
export async function assertNotLastOwner(
  tx: Tx,
  user: { id: string; store_id: string; role: Role },
  postgres: boolean,
): Promise<void> {
  if (user.role !== "owner") return;
  let owners = tx
    .selectFrom("admin_users")
    .select("id")
    .where("store_id", "=", user.store_id)
    .where("role", "=", "owner")
    .orderBy("id");
  if (postgres) owners = owners.forUpdate();
  const ids = (await owners.execute()).map((r) => r.id);
  if (ids.length <= 1 && ids.includes(user.id))
    throw new ApiError(409, "conflict", "a store keeps at least one owner: make someone else owner first");
}

/**
 * Gives a user another role (the route loads and audits: auditedRowWrite). Sessions read the role
 * on every request, so it counts at once. The store's last owner stays owner (409 conflict).
 */
export async function setRole(tx: Tx, user: UserRow, role: Role, postgres: boolean): Promise<AdminUser> {
  if (role !== "owner") await assertNotLastOwner(tx, user, postgres);
  await tx.updateTable("admin_users").set({ role }).where("id", "=", user.id).execute();
  return toAdminUser({ ...user, role });
}

/** Removes a user, their sessions and unused links (the route loads and audits: auditedRowWrite). */
export async function removeUser(tx: Tx, userId: string): Promise<void> {
  await tx.deleteFrom("admin_sessions").where("user_id", "=", userId).execute();
  await tx.deleteFrom("admin_invites").where("user_id", "=", userId).execute();
  await tx.deleteFrom("admin_users").where("id", "=", userId).execute();
}
