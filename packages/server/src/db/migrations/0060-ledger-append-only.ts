import { type Kysely, PostgresAdapter, sql } from "kysely";

// The points ledger is append-only (DESIGN.md): a refund, an expiry or a sweep adds rows and never
// rewrites one, so every balance can be re-derived from history. The database enforces it too:
// no DELETE, and no UPDATE of what a row says happened (its id, store, points, action, reference,
// time). The customer id may change — erasure (privacy/) moves an erased person's rows to a
// pseudonymous id, keeping the sums.

const REFUSED = "the points ledger is append-only";
const FIXED = ["id", "store_id", "delta", "action", "reference", "created_at"] as const;

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const changed = FIXED.map((c) => `new.${c} is distinct from old.${c}`).join(" or ");
    await sql`create function loyalty_ledger_append_only() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' and not (${sql.raw(changed)}) then
          return new;
        end if;
        raise exception '${sql.raw(REFUSED)}';
      end $$`.execute(db);
    await sql`create trigger loyalty_ledger_append_only before update or delete on loyalty_ledger
      for each row execute function loyalty_ledger_append_only()`.execute(db);
    return;
  }
  await sql`create trigger loyalty_ledger_no_delete before delete on loyalty_ledger begin
    select raise(abort, '${sql.raw(REFUSED)}');
  end`.execute(db);
  await sql`create trigger loyalty_ledger_no_rewrite before update of ${sql.raw(FIXED.join(", "))}
    on loyalty_ledger
    when ${sql.raw(FIXED.map((c) => `new.${c} is not old.${c}`).join(" or "))}
    begin
      select raise(abort, '${sql.raw(REFUSED)}');
    end`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop trigger if exists loyalty_ledger_append_only on loyalty_ledger`.execute(db);
    await sql`drop function if exists loyalty_ledger_append_only()`.execute(db);
    return;
  }
  await sql`drop trigger if exists loyalty_ledger_no_delete`.execute(db);
  await sql`drop trigger if exists loyalty_ledger_no_rewrite`.execute(db);
}
