import { type Kysely, sql } from "kysely";

// At most one current signing secret per store and purpose, held by the database itself: a
// partial unique index (SQLite and PostgreSQL alike). Before it, a secret made on first use (the
// `links` secret of review-request links) could be made twice by two processes at the same moment,
// leaving two current secrets and links signed with one checked against the other. Any such pair
// left behind keeps its newest current; the others are retired (they signed nothing that is still
// checked: only the newest was ever used). keys/signing-secrets.ts makes secrets with insert-or-
// ignore against this index, then reads back the one that won.

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type
export async function up(db: Kysely<any>): Promise<void> {
  const current = (await db
    .selectFrom("signing_secrets")
    .select(["id", "store_id", "purpose"])
    .where("retired_at", "is", null)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute()) as { id: string; store_id: string; purpose: string }[];
  const kept = new Set<string>();
  const at = new Date().toISOString();
  for (const row of current) {
    const slot = `${row.store_id}\n${row.purpose}`;
    if (!kept.has(slot)) {
      kept.add(slot);
      continue;
    }
    await db.updateTable("signing_secrets").set({ retired_at: at }).where("id", "=", row.id).execute();
  }
  await sql`create unique index signing_secrets_one_current on signing_secrets (store_id, purpose) where retired_at is null`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index signing_secrets_one_current`.execute(db);
}
