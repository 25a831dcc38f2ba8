import { type Kysely, PostgresAdapter, sql } from "kysely";

// The audit log (src/audit/): one row per admin write, appended in the write's transaction.
// Append-only, enforced by the database as well as by the code: a trigger refuses every DELETE,
// and every UPDATE except the one erasure makes (privacy/), which pseudonymises an erased person's
// targets. Erasure announces itself by holding a row in `audit_pseudonymising` for the length of
// its own transaction (inserted and deleted inside it, so no other transaction ever sees it).
// A table rather than a session setting so the same rule reads the same on SQLite and PostgreSQL.

const REFUSED = "the audit log is append-only";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("audit_log")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("store_id", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_kind", "text", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target", "text", (c) => c.notNull())
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("request_id", "text", (c) => c.notNull())
    .execute();
  // The list pages newest first, by store, optionally by action or target.
  for (const [name, columns] of [
    ["audit_log_newest", ["store_id", "at", "id"]],
    ["audit_log_action", ["store_id", "action", "at", "id"]],
    ["audit_log_target", ["store_id", "target", "at", "id"]],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on("audit_log")
      .columns([...columns])
      .execute();
  }
  await db.schema
    .createTable("audit_pseudonymising")
    .addColumn("store_id", "text", (c) => c.primaryKey())
    .execute();

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE'
          and exists (select 1 from audit_pseudonymising p where p.store_id = old.store_id)
          and new.id = old.id and new.store_id = old.store_id and new.at = old.at
          and new.actor_kind = old.actor_kind and new.actor_id = old.actor_id
          and new.action = old.action and new.request_id = old.request_id then
          return new;
        end if;
        raise exception '${sql.raw(REFUSED)}';
      end $$`.execute(db);
    await sql`create trigger audit_log_append_only before update or delete on audit_log
      for each row execute function audit_log_append_only()`.execute(db);
    return;
  }
  const refuse = sql.raw(`begin select raise(abort, '${REFUSED}'); end`);
  await sql`create trigger audit_log_no_delete before delete on audit_log ${refuse}`.execute(db);
  await sql`create trigger audit_log_no_update before update on audit_log
    when not exists (select 1 from audit_pseudonymising p where p.store_id = old.store_id)
      or new.id is not old.id or new.store_id is not old.store_id or new.at is not old.at
      or new.actor_kind is not old.actor_kind or new.actor_id is not old.actor_id
      or new.action is not old.action or new.request_id is not old.request_id
    ${refuse}`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  // Dropping the table drops its triggers; PostgreSQL's trigger function goes after it.
  await db.schema.dropTable("audit_pseudonymising").execute();
  await db.schema.dropTable("audit_log").execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await sql`drop function if exists audit_log_append_only()`.execute(db);
}
