import type { Kysely } from "kysely";

// The merchant admin app's people (src/admin-users/tables.ts describes the columns): users with a
// role, one-time invite links to set a password, server-side sessions, and sign-in failures kept
// per account and per address for throttling.

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("admin_users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("store_id", "text", (c) => c.notNull().references("stores.id"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("password_hash", "text")
    .addColumn("password_set_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("admin_users_store_email", ["store_id", "email"])
    .execute();
  await db.schema
    .createTable("admin_invites")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("admin_users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("admin_invites_user").on("admin_invites").column("user_id").execute();
  await db.schema
    .createTable("admin_sessions")
    .addColumn("id_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("admin_users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("user_agent", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("admin_sessions_user").on("admin_sessions").column("user_id").execute();
  await db.schema
    .createTable("admin_sign_in_failures")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("first_at", "text", (c) => c.notNull())
    .addColumn("locked_until", "text")
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["admin_sign_in_failures", "admin_sessions", "admin_invites", "admin_users"])
    await db.schema.dropTable(table).execute();
}
