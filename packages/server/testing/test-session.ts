import { type AuditFor, createUser } from "../src/admin-users/users.ts";
import type { AuditAction } from "../src/audit/audit-log.ts";
import type { Role } from "../src/auth/scopes.ts";
import type { Database } from "../src/db/database.ts";
import { plainSecretBox, type SecretBox } from "../src/keys/secret-box.ts";

/** The audit fields of a write a test makes by calling the code directly (the CLI as its actor). */
export function testAudit(storeId: string, action: AuditAction, at: Date = new Date()): AuditFor {
  return { storeId, at: at.toISOString(), actor: { cli: "test" }, action, ip: "test", requestId: "test" };
}

/** The one-time token of an invite link (`…/admin/#/set-password?store=…&token=…`). */
export function inviteTokenOf(inviteUrl: string): string {
  return new URLSearchParams(new URL(inviteUrl).hash.split("?")[1]).get("token") ?? "";
}

/** For tests: a user of `role`, their password set through the invite link, and signed in. */
export async function signedInUser(
  url: string,
  db: Database,
  storeId: string,
  role: Role,
  email = `${role}-${Math.random().toString(36).slice(2, 8)}@shop.example`,
  /** The server's secret box (test servers use the plain one unless given another). */
  secrets: SecretBox = plainSecretBox,
): Promise<{ userId: string; email: string; password: string; cookie: string; csrf: string; token: string }> {
  const now = new Date();
  const created = await createUser(
    db,
    { storeId, email, role, now, origin: url, secrets },
    testAudit(storeId, "admin.user.create", now),
  );
  const token = inviteTokenOf(created.inviteUrl);
  const password = `correct horse ${role} battery`;
  const post = (path: string, body: unknown) =>
    fetch(`${url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const set = await post("/v1/admin/password", { token, password });
  if (set.status !== 200) throw new Error(`setting the password answered ${set.status}`);
  const res = await post("/v1/admin/session", { store: storeId, email, password });
  if (res.status !== 200) throw new Error(`signing in answered ${res.status}`);
  const json = (await res.json()) as { csrfToken: string };
  const cookie = res.headers.get("set-cookie")?.split(";")[0] ?? "";
  return {
    userId: created.user.id,
    email: created.user.email,
    password,
    cookie,
    csrf: json.csrfToken,
    token,
  };
}
