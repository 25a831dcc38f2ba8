import { type Kysely, PostgresAdapter, sql } from "kysely";
import { createExtension, withOptionalExtension } from "../optional-extension.ts";

// Text search (`q`) was a LIKE scan over a product's reviews: ~0.7 s on 100,000 reviews, and on
// SQLite (synchronous) that blocks every other request for as long. An index for substring
// matching makes it a lookup:
// - SQLite: an FTS5 table with the trigram tokenizer holding each review's search_text under its
//   id, kept in step by triggers. review-list.ts asks it for terms of 3+ characters without LIKE
//   wildcards; the LIKE on the index is the same case-insensitive substring match.
// - PostgreSQL: a pg_trgm GIN index, which the existing LIKE uses as it is. Creating the extension
//   needs a privilege a hosted database may not grant: then the index is left out (search still
//   works, as a scan) and the server says so in the migration's log line (optional-extension.ts).

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped Kysely
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await withOptionalExtension(
      db,
      { migration: "0004", without: "no pg_trgm index for review search", still: "search works, as a scan" },
      async () => {
        const schema = await createExtension(db, "pg_trgm");
        await sql`create index reviews_search_trgm on reviews using gin (search_text ${sql.id(schema)}.gin_trgm_ops)`.execute(
          db,
        );
      },
    );
    return;
  }
  // Keyed by the review id, not SQLite's rowid: a table without an INTEGER PRIMARY KEY may have
  // its rowids renumbered by VACUUM, which would point an external-content index at other rows.
  await sql`create virtual table reviews_search using fts5(
    review_id unindexed, search_text, tokenize='trigram')`.execute(db);
  await sql`create trigger reviews_search_insert after insert on reviews begin
    insert into reviews_search(review_id, search_text) values (new.id, new.search_text);
  end`.execute(db);
  await sql`create trigger reviews_search_delete after delete on reviews begin
    delete from reviews_search where review_id = old.id;
  end`.execute(db);
  await sql`create trigger reviews_search_update after update of search_text on reviews begin
    delete from reviews_search where review_id = old.id;
    insert into reviews_search(review_id, search_text) values (new.id, new.search_text);
  end`.execute(db);
  await sql`insert into reviews_search(review_id, search_text) select id, search_text from reviews`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop index if exists reviews_search_trgm`.execute(db);
    return;
  }
  for (const trigger of ["reviews_search_insert", "reviews_search_delete", "reviews_search_update"])
    await sql`drop trigger if exists ${sql.id(trigger)}`.execute(db);
  await sql`drop table if exists reviews_search`.execute(db);
}
