// A PostgreSQL connection in use — held by a transaction between two statements, or by any code
// between two queries — that the network cuts emits "error" on its client, not on the pool: unheard,
// Node ends the process (the database-outage test's server died with exit 1, one run in four). It
// must fail only the work that held it; the pool goes on with new connections.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { relayTo } from "../../testing/pg-relay.ts";
import { createTestSchema, type TestSchema } from "../../testing/pg-schema.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";
import { type Database, openDatabase } from "./database.ts";

describe.runIf(databasesUnderTest().includes("postgres"))("a PostgreSQL connection cut while in use", () => {
  let schema: TestSchema;
  let relay: Awaited<ReturnType<typeof relayTo>>;
  let db: Database;
  beforeAll(async () => {
    schema = await createTestSchema("t_cut");
    const url = new URL(schema.url);
    relay = await relayTo({ hostname: url.hostname, port: Number(url.port || 5432) });
    url.host = `127.0.0.1:${relay.port}`;
    db = openDatabase(url.href);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await relay?.close();
    await schema?.drop();
  });

  it("fails the work that held it, not the process, and the next query gets a new connection", async () => {
    const heard: unknown[] = [];
    const listener = (error: unknown) => heard.push(error);
    // What Node would end the process with, outside vitest.
    process.on("uncaughtException", listener);
    try {
      const held = db.kysely.connection().execute(async (conn) => {
        await sql`select 1`.execute(conn);
        relay.set("hang"); // the connection is cut while it is checked out, between two queries
        await new Promise((resume) => setTimeout(resume, 200));
        relay.set("pass");
        await sql`select 2`.execute(conn);
      });
      await expect(held).rejects.toThrow();
      expect(heard).toEqual([]);
      const { rows } = await sql<{ n: number }>`select 3 as n`.execute(db.kysely);
      expect(rows[0]?.n).toBe(3);
    } finally {
      process.off("uncaughtException", listener);
    }
  });
});
