// The one way tests, the e2e harness and the benchmarks get a PostgreSQL database of their own: a
// fresh schema in the test database, and a DATABASE_URL whose every connection works in it — or,
// for the browser tests, a database of its own copied from one seeded once (createTestDatabase).
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

export interface TestDatabase {
  /** e.g. `e2e_3f9a0c1b2d4e` */
  name: string;
  /** Its DATABASE_URL (TEST_PG_URL's server, this database). */
  url: string;
  /** Drops the database, closing whatever connections are still open to it. */
  drop(): Promise<void>;
}

/**
 * Creates a database `<prefix>_<12 random hex digits>` on TEST_PG_URL's server: empty, or a copy of
 * `template` (PostgreSQL copies its files: a seeded store in a fraction of the seed's time). The
 * template must have no open connection while it is copied.
 */
export async function createTestDatabase(prefix = "t", template?: string): Promise<TestDatabase> {
  for (const name of [prefix, template ?? "t"]) {
    if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`not a database name: ${name}`);
  }
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await runOnce(TEST_PG_URL, `create database ${name}${template ? ` template ${template}` : ""}`);
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.href,
    drop: () => runOnce(TEST_PG_URL, `drop database if exists ${name} with (force)`),
  };
}
