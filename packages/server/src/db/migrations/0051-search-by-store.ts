import { type Kysely, PostgresAdapter, sql } from "kysely";
import { createExtension, extensionSchema, withOptionalExtension } from "../optional-extension.ts";

// Review search's index scoped to one store (issue 19, review "Search across stores"). The trigram
// index of 0004 held every store's text together: a term common in other stores filled the
// search's bounded probe with their rows, so this store's search fell back to the slow walk, and
// one store's content set another's cost.
// - SQLite: the FTS5 table gets a `scope` column, `<store id>` (trigram-indexed like the text),
//   and review-search.ts asks it `scope:"<store>" AND search_text:"term"` in one MATCH, so the
//   index itself answers only this store's rows. Rebuilt from `reviews`; triggers keep it in step.
// - PostgreSQL: a GIN index over (store_id, search_text) (btree_gin + pg_trgm), so a LIKE limited
//   to a store is one index lookup. Like 0004, a database that refuses the extension keeps its
//   search (as before), and the migration says so.

const SQLITE_TRIGGERS = ["reviews_search_insert", "reviews_search_delete", "reviews_search_update"];

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped Kysely
async function sqliteTable(db: Kysely<any>, scoped: boolean): Promise<void> {
  for (const trigger of SQLITE_TRIGGERS) await sql`drop trigger if exists ${sql.id(trigger)}`.execute(db);
  await sql`drop table if exists reviews_search`.execute(db);
  const scope = scoped ? sql`'<' || new.store_id || '>', ` : sql``;
  const scopeColumn = scoped ? sql`scope, ` : sql``;
  await sql`create virtual table ${sql.raw(
    scoped
      ? "reviews_search using fts5(review_id unindexed, scope, search_text, tokenize='trigram')"
      : "reviews_search using fts5(review_id unindexed, search_text, tokenize='trigram')",
  )}`.execute(db);
  await sql`create trigger reviews_search_insert after insert on reviews begin
    insert into reviews_search(review_id, ${scopeColumn}search_text) values (new.id, ${scope}new.search_text);
  end`.execute(db);
  await sql`create trigger reviews_search_delete after delete on reviews begin
    delete from reviews_search where review_id = old.id;
  end`.execute(db);
  await sql`create trigger reviews_search_update after update of search_text, store_id on reviews begin
    delete from reviews_search where review_id = old.id;
    insert into reviews_search(review_id, ${scopeColumn}search_text) values (new.id, ${scope}new.search_text);
  end`.execute(db);
  await (scoped
    ? sql`insert into reviews_search(review_id, scope, search_text)
        select id, '<' || store_id || '>', search_text from reviews`
    : sql`insert into reviews_search(review_id, search_text) select id, search_text from reviews`
  ).execute(db);
  // 0021 (privacy): erased text must not linger in the index's pages.
  await sql`insert into reviews_search(reviews_search, rank) values('secure-delete', 1)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see sqliteTable()
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await withOptionalExtension(
      db,
      {
        migration: "0051",
        without: "no per-store trigram index for review search",
        still: "search works as before",
      },
      async () => {
        await createExtension(db, "btree_gin");
        const trgm = await extensionSchema(db, "pg_trgm");
        if (!trgm) throw new Error("pg_trgm is not installed (see 0004)");
        await sql`create index reviews_search_store_trgm on reviews
          using gin (store_id, search_text ${sql.id(trgm)}.gin_trgm_ops)`.execute(db);
      },
    );
    return;
  }
  await sqliteTable(db, true);
}

// biome-ignore lint/suspicious/noExplicitAny: see sqliteTable()
export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop index if exists reviews_search_store_trgm`.execute(db);
    return;
  }
  await sqliteTable(db, false);
}
