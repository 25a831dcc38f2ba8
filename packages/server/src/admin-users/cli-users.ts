import { type AuditAction, cliAuditEvent } from "../audit/audit-log.ts";
import type { Database } from "../db/database.ts";
import { ApiError } from "../errors.ts";
import type { SecretBox } from "../keys/secret-box.ts";
import { type AuditFor, createUser, isRole, reinvite } from "./users.ts";

/**
 * Where links in the CLI's output point: PLAUDIT_PUBLIC_URL, else this machine's port — 8787 when
 * PORT is unset, empty (as `start` reads it) or 0 (any free port, which a link cannot name).
 */
export function linkOrigin(env: NodeJS.ProcessEnv = process.env): string {
  const port = Number(env.PORT?.trim() || 8787);
  return env.PLAUDIT_PUBLIC_URL?.trim() || `http://localhost:${port > 0 ? port : 8787}`;
}

/** Said under a link made without PLAUDIT_PUBLIC_URL: run on a server, it would name localhost. */
const localLinkHint = (env: NodeJS.ProcessEnv = process.env) =>
  env.PLAUDIT_PUBLIC_URL?.trim()
    ? ""
    : "PLAUDIT_PUBLIC_URL is not set, so the link names this machine: open it here, or set PLAUDIT_PUBLIC_URL to your server's address and make a new link with `users invite`.\n";

/** The CLI's audit event (the same shape as every command's); the write names its target. */
const cliAudit = (storeId: string, action: AuditAction, now: Date): AuditFor => {
  const { target, ...audit } = cliAuditEvent(storeId, action, "", now);
  return audit;
};

/**
 * `plaudit-server users create --store <id> --email <e> --role owner|moderator|support`: the
 * new user and their one-time set-password link, as text lines (or one JSON line).
 */
export async function usersCommand(
  db: Database,
  args: { action: string | undefined; store?: string; email?: string; role?: string; json?: boolean },
  now: Date,
  /** The box the store's signing secrets are sealed with (PLAUDIT_SECRETS_KEY). */
  secrets: SecretBox,
): Promise<string> {
  if (args.action !== "create" && args.action !== "invite")
    throw new Error(
      "users needs create or invite: plaudit-server users create --store ID --email E --role R",
    );
  if (!args.store || !args.email) throw new Error("users create needs --store and --email");
  const origin = linkOrigin();
  try {
    if (args.action === "invite") {
      const user = await db.kysely
        .selectFrom("admin_users")
        .select("id")
        .where("store_id", "=", args.store)
        .where("email", "=", args.email.trim().toLowerCase())
        .executeTakeFirst();
      if (!user) throw new Error(`no user ${args.email} in store ${args.store}`);
      const link = await reinvite(
        db,
        { storeId: args.store, userId: user.id, now, origin, secrets },
        cliAudit(args.store, "admin.user.invite", now),
      );
      return args.json
        ? `${JSON.stringify(link)}\n`
        : `A new one-time link to set the password (valid until ${link.expiresAt}):\n  ${link.inviteUrl}\n${localLinkHint()}`;
    }
    if (!isRole(args.role)) throw new Error("--role must be owner, moderator or support");
    const created = await createUser(
      db,
      { storeId: args.store, email: args.email, role: args.role, now, origin, secrets },
      cliAudit(args.store, "admin.user.create", now),
    );
    return args.json
      ? `${JSON.stringify(created)}\n`
      : `Created ${created.user.role} ${created.user.email} for store ${args.store}.\n` +
          `Send them this one-time link to set a password (valid until ${created.expiresAt}):\n  ${created.inviteUrl}\n` +
          localLinkHint();
  } catch (error) {
    if (error instanceof ApiError) {
      const detail = error.fields
        ? Object.entries(error.fields)
            .map(([k, m]) => `${k} ${m}`)
            .join("; ")
        : error.message;
      throw new Error(detail);
    }
    throw error;
  }
}
