import { randomUUID } from "node:crypto";
import { type Database, hashPassword, normalizeEmail, randomToken } from "@plaudit/server/internals";

export const DEMO_OWNER_EMAIL = "owner@demo.example";

/**
 * The demo store's owner account, so `npm start` leads straight into the admin app. Made once,
 * with PLAUDIT_DEMO_ADMIN_PASSWORD or a generated password, which is returned only then (to print).
 */
export async function seedDemoOwner(
  db: Database,
  args: { storeId: string; now: Date; password?: string },
): Promise<{ email: string; password?: string }> {
  const email = normalizeEmail(DEMO_OWNER_EMAIL);
  const existing = await db.kysely
    .selectFrom("admin_users")
    .select("id")
    .where("store_id", "=", args.storeId)
    .where("email", "=", email)
    .executeTakeFirst();
  if (existing) return { email };
  const password = args.password ?? randomToken(12);
  const at = args.now.toISOString();
  await db.kysely
    .insertInto("admin_users")
    .values({
      id: `usr_${randomUUID()}`,
      store_id: args.storeId,
      email,
      role: "owner",
      password_hash: await hashPassword(password),
      password_set_at: at,
      created_at: at,
    })
    .execute();
  return { email, password };
}
