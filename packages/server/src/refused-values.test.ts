// The error handler's safety net: a value no validation caught that the database refuses (a NUL,
// text longer than its column, a number or date out of range, text that is not the column's type)
// is 400 bad_request in API.md's shape with a warning naming the route, not a 500. Every real
// route validates its input first (the hostile-input sweep checks that), so the gap is made here:
// a route registered only in this test writes the client's value into a real table of the
// test's database, unvalidated. A NUL is refused by both databases alike (SQLite's driver refuses
// it as PostgreSQL does, 22021); the other values only PostgreSQL refuses — SQLite, typed by
// affinity, stores them — and that difference is asserted, so it stays known.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databasesUnderTest, startTestServer, type TestServer } from "../testing/test-server.ts";
import type { RouteModule } from "./context.ts";

const PROBE_ROUTE = "/v1/probe/:column";
const COLUMNS = { label: "label", n: "n", at: "at", doc: "doc" } as const;

/** Inserts the body's `value` into one column of `refusal_probe`, with no validation at all. */
const probeRoutes: RouteModule = {
  name: "refused-values test probe",
  register(app, ctx) {
    app.post(PROBE_ROUTE, async (c) => {
      const column = COLUMNS[c.req.param("column") as keyof typeof COLUMNS];
      const { value } = (await c.req.json()) as { value: string };
      await sql`insert into refusal_probe (${sql.ref(column)}) values (${value})`.execute(ctx.db.kysely);
      return c.json({ stored: true }, 201);
    });
  },
};

// What each value does on PostgreSQL: its SQLSTATE. `sqlite`: refused there too (else stored).
const CASES = [
  { what: "a NUL in text", column: "label", value: "a\u0000b", sqlstate: "22021", sqlite: "refused" },
  { what: "\\u0000 in JSON", column: "doc", value: '{"a":"\\u0000"}', sqlstate: "22P05", sqlite: "stored" },
  { what: "text over varchar(3)", column: "label", value: "abcd", sqlstate: "22001", sqlite: "stored" },
  { what: "an integer out of range", column: "n", value: "99999999999", sqlstate: "22003", sqlite: "stored" },
  { what: "a word for an integer", column: "n", value: "abc", sqlstate: "22P02", sqlite: "stored" },
  { what: "a word for a date", column: "at", value: "not a date", sqlstate: "22007", sqlite: "stored" },
  { what: "30 February", column: "at", value: "2026-02-30 10:00", sqlstate: "22008", sqlite: "stored" },
] as const;

for (const kind of databasesUnderTest()) {
  describe(`a value the database refuses, past validation (${kind})`, () => {
    let server: TestServer;
    const warnings: Record<string, unknown>[] = [];
    const errors: Record<string, unknown>[] = [];
    beforeAll(async () => {
      server = await startTestServer({
        db: kind,
        routes: [probeRoutes],
        logger: {
          info() {},
          warn: (fields) => warnings.push(fields),
          error: (fields) => errors.push(fields),
        },
      });
      await sql`create table refusal_probe (label varchar(3), n integer, at timestamp, doc jsonb)`.execute(
        server.db.kysely,
      );
    });
    afterAll(() => server?.close());

    const rows = async () =>
      (await sql<{ n: number }>`select count(*) as n from refusal_probe`.execute(server.db.kysely)).rows[0]
        ?.n;

    for (const c of CASES) {
      const refused = kind === "postgres" || c.sqlite === "refused";
      it(`${c.what}: ${refused ? `400 bad_request, a warning naming the route (${c.sqlstate})` : "stored"}`, async () => {
        warnings.length = 0;
        const before = Number(await rows());
        const response = await fetch(`${server.url}/v1/probe/${c.column}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ value: c.value }),
        });
        const text = await response.text();
        expect(errors, "nothing logged as our bug").toEqual([]);
        if (!refused) {
          expect(response.status, text).toBe(201);
          expect(Number(await rows())).toBe(before + 1);
          expect(warnings).toEqual([]);
          return;
        }
        expect(response.status, text).toBe(400);
        expect(response.headers.get("content-type")).toMatch(/^application\/json/);
        expect(JSON.parse(text)).toEqual({
          error: { code: "bad_request", message: "the request holds a value the database cannot store" },
        });
        expect(Number(await rows()), "nothing written").toBe(before);
        expect(warnings).toEqual([
          {
            msg: "database refused a value",
            requestId: response.headers.get("x-request-id"),
            method: "POST",
            route: PROBE_ROUTE,
            sqlstate: c.sqlstate,
          },
        ]);
      });
    }

    it("answers the refusal in the request's language (de), as every error", async () => {
      const response = await fetch(`${server.url}/v1/probe/label`, {
        method: "POST",
        headers: { "content-type": "application/json", "accept-language": "de" },
        body: JSON.stringify({ value: "\u0000" }),
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("bad_request");
      expect(response.headers.get("vary")).toMatch(/accept-language/i);
    });
  });
}
