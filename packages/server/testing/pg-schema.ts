// The one way tests, the e2e harness and the benchmarks get a PostgreSQL database of their own: a
// fresh schema in the test database, and a DATABASE_URL whose every connection works in it.
import { randomBytes } from "node:crypto";
import pg from "pg";

/** The PostgreSQL database tests make their schemas in (scripts/check-test-database.mjs checks it is up). */
export const TEST_PG_URL = process.env.PLAUDIT_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface TestSchema {
  /** e.g. `t_3f9a0c1b2d4e` */
  schema: string;
  /** A DATABASE_URL for this schema, for a server process or a pool (`?options=-c search_path=…`). */
  url: string;
  /** Drops the schema and everything in it. */
  drop(): Promise<void>;
}

async function runOnce(base: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Creates a schema named `<prefix>_<12 random hex digits>` in `base` (default TEST_PG_URL). */
export async function createTestSchema(prefix = "t", base = TEST_PG_URL): Promise<TestSchema> {
  if (!/^[a-z][a-z0-9_]*$/.test(prefix)) throw new Error(`not a schema name prefix: ${prefix}`);
  const schema = `${prefix}_${randomBytes(6).toString("hex")}`;
  await runOnce(base, `create schema ${schema}`);
  const url = new URL(base);
  // libpq's options parameter (node-postgres reads it from the URL): every connection of a pool
  // opened with this URL then works in the fresh schema.
  url.searchParams.set("options", `-c search_path=${schema}`);
  return { schema, url: url.href, drop: () => runOnce(base, `drop schema ${schema} cascade`) };
}
