// The hostile-input sweep: every route of the OpenAPI document (a new route is swept without
// editing this file) gets every kind of hostile input of sweep-cases.ts once, through its door (an
// admin key or the owner's session with its CSRF token, a customer token, an Origin the store
// allows) so the input reaches validation. Each answer must be below 500, in API.md's error shape
// as application/json with a known code (the documented one where the input names it), a refused
// write must leave every table as it was, and the server must log no error. Then the routes that
// create something get the same valid request several times at once. Deterministic: the seeded
// PRNG (FUZZ_SEED) picks which field or parameter each kind lands on.
import { request as httpRequest } from "node:http";
import { ERROR_CODES } from "@plaudit/contract";
import { describe, expect, it } from "vitest";
import { prng } from "../../src/prng.ts";
import { databasesUnderTest, METRICS_AUTH } from "../test-server.ts";
import { answerProblem } from "./answer-problem.ts";
import { changedTables, rowCounts } from "./db-fingerprint.ts";
import { fuzzServer } from "./fuzz-world.ts";
import { FUZZ_SEED } from "./hostile-input.ts";
import { type FuzzRoute, routesFromOpenApi } from "./openapi-routes.ts";
import { type SweepCase, sampleBody, sweepCases, validPath } from "./sweep-cases.ts";

interface Answer {
  status: number;
  type: string;
  text: string;
}

/** Sends exactly what the case says (fetch would resolve `..` and add a content type). */
function send(
  base: string,
  c: Pick<SweepCase, "method" | "path" | "headers" | "body" | "chunked">,
): Promise<Answer> {
  const { hostname, port } = new URL(base);
  const body = typeof c.body === "string" ? Buffer.from(c.body, "utf8") : c.body;
  return new Promise((done, fail) => {
    const req = httpRequest(
      {
        hostname,
        port,
        method: c.method,
        path: c.path,
        headers: {
          ...c.headers,
          ...(body && !c.chunked ? { "content-length": String(body.byteLength) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          done({
            status: res.statusCode ?? 0,
            type: String(res.headers["content-type"] ?? ""),
            text: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    // The server may answer (413) and close before the whole body is written.
    req.on("error", (error: NodeJS.ErrnoException) =>
      error.code === "EPIPE" || error.code === "ECONNRESET" ? undefined : fail(error),
    );
    if (body && c.chunked) {
      // In pieces, so Node sends Transfer-Encoding: chunked.
      for (let at = 0; at < body.byteLength; at += 16_384) req.write(body.subarray(at, at + 16_384));
      req.end();
    } else req.end(body);
  });
}

function codeProblem(c: SweepCase, answer: Answer): string | undefined {
  if (c.expect && answer.status < 400)
    return `answered ${answer.status}, API.md says ${c.expect.status} ${c.expect.codes.join("|")}`;
  if (answer.status < 400 || !c.path.startsWith("/v1/")) return undefined;
  const code = (JSON.parse(answer.text) as { error: { code: string } }).error.code;
  if (!(ERROR_CODES as readonly string[]).includes(code)) return `answered the unknown code ${code}`;
  if (c.expect && (answer.status !== c.expect.status || !c.expect.codes.includes(code)))
    return `answered ${answer.status} ${code}, API.md says ${c.expect.status} ${c.expect.codes.join("|")}`;
  return undefined;
}

/** Routes that end the sweep's own session go last. */
const endsSession = (r: FuzzRoute) => r.method === "DELETE" && /^\/v1\/admin\/sessions?$/.test(r.template);
const routes = routesFromOpenApi().sort((a, b) => Number(endsSession(a)) - Number(endsSession(b)));
const routeName = (r: FuzzRoute) => `${r.method} ${r.template}`;

/** A valid body that differs from `sample` in its first field: a string gets a suffix, a number moves by one. */
function otherBody(sample: Record<string, unknown>): Record<string, unknown> {
  const [key, value] = Object.entries(sample)[0] ?? ["x", 0];
  return {
    ...sample,
    [key]: typeof value === "number" ? (value > 1 ? value - 1 : value + 1) : `${String(value)}-2`,
  };
}
/** A seed per route, so a new route does not change what the others are sent. */
const seedOf = (name: string) =>
  [...name].reduce((h, ch) => Math.imul(h ^ ch.charCodeAt(0), 16_777_619), FUZZ_SEED);

describe.each(databasesUnderTest())("the hostile-input sweep (%s)", (kind) => {
  const fuzz = fuzzServer(kind);

  /** The headers that get through a route's door; a key route takes the session a quarter of the time. */
  const door = (route: FuzzRoute, random: () => number) => (): Record<string, string> => {
    const session = { cookie: fuzz.world.session.cookie, "x-csrf-token": fuzz.world.session.csrf };
    const key: Record<string, string> = route.parameters.some((p) => p.name === "Idempotency-Key")
      ? { "idempotency-key": `sweep-${Math.floor(random() * 2 ** 36).toString(36)}` }
      : {};
    if (route.door === "session") return session;
    if (route.door === "key")
      return { ...key, ...(random() < 0.25 ? session : { authorization: `Bearer ${fuzz.world.bearer}` }) };
    return {
      ...key,
      origin: "https://shop.example",
      "x-plaudit-customer": fuzz.world.customerTokens[0]!,
      ...(route.template === "/metrics" ? METRICS_AUTH : undefined),
    };
  };

  it.each(routes.map((r) => [routeName(r), r] as const))(
    "%s: every hostile input answered below 500, in the error shape, nothing written when refused",
    async (name, route) => {
      const errorsBefore = fuzz.log.errors.length;
      if (endsSession(route)) fuzz.world.session = await fuzz.world.freshSession();
      const random = prng(seedOf(name));
      const cases = sweepCases(route, fuzz.world, random, door(route, random));
      const problems: string[] = [];
      const statuses: number[] = [];
      let tables = await fuzz.committed.read();
      let stale = false;
      for (const c of cases) {
        const before =
          stale && c.method !== "GET" && c.method !== "HEAD" ? await fuzz.committed.read() : tables;
        const answer = await send(fuzz.server.url, c);
        statuses.push(answer.status);
        // SWEEP_SHOW=<a regular expression of route names> prints what each case was answered.
        if (process.env.SWEEP_SHOW && new RegExp(process.env.SWEEP_SHOW).test(name))
          console.log(c.name.slice(0, 60), answer.status, answer.text.slice(0, 150));
        // A HEAD answer has no body to judge: only its status and type.
        const problem =
          c.method === "HEAD"
            ? answer.status >= 500
              ? `answered ${answer.status}`
              : undefined
            : (answerProblem(c, answer.status, answer.type, answer.text) ?? codeProblem(c, answer));
        if (problem) problems.push(`${c.name}: ${problem}`);
        if (c.method === "GET" || c.method === "HEAD") {
          // Some reads write (a link's first click, a customer joining on GET /me): the next
          // write is judged against the tables as they are after them.
          stale = true;
        } else {
          if (stale) tables = before;
          stale = false;
          const after = await fuzz.committed.read();
          const changed = changedTables(tables, after);
          if (answer.status >= 400 && changed.length)
            problems.push(`${c.name}: answered ${answer.status} and changed ${changed.join(", ")}`);
          tables = after;
        }
      }
      // The door held open: some input got past authentication (a 401/403 for all would test the door only).
      expect(statuses.some((s) => s !== 401 && s !== 403)).toBe(true);
      expect(problems, `${cases.length} cases, seed ${FUZZ_SEED}`).toEqual([]);
      expect(fuzz.log.errors.slice(errorsBefore)).toEqual([]);
    },
  );

  // The same valid request several times at once, as a double-click or a retrying client sends
  // it: never a 5xx; with one Idempotency-Key, every success is the same answer (one record).
  const creating = routes.filter(
    (r) =>
      r.bodyType === "json" && r.method !== "GET" && r.door !== "session" && !r.template.includes("session"),
  );
  it.each(creating.map((r) => [routeName(r), r] as const))(
    "%s: five identical requests at once",
    async (name, route) => {
      const errorsBefore = fuzz.log.errors.length;
      const random = prng(seedOf(`${name} at once`));
      const headers = {
        ...door(route, random)(),
        ...(route.door === "key" ? { authorization: `Bearer ${fuzz.world.bearer}` } : {}),
        "content-type": "application/json",
        "idempotency-key": `at-once-${Math.floor(random() * 2 ** 32).toString(36)}`,
      };
      delete (headers as Record<string, string>).cookie;
      const body = JSON.stringify(sampleBody(route, fuzz.world));
      const path = validPath(route, fuzz.world);
      const before = await rowCounts(fuzz.server.db);
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => send(fuzz.server.url, { method: route.method, path, headers, body })),
      );
      const problems = answers.flatMap((a) => answerProblem({ path }, a.status, a.type, a.text) ?? []);
      expect(problems).toEqual([]);
      if (route.parameters.some((p) => p.name === "Idempotency-Key")) {
        const successes = new Set(answers.filter((a) => a.status < 300).map((a) => a.text));
        expect(
          successes.size,
          answers.map((a) => `${a.status} ${a.text.slice(0, 120)}`).join("\n"),
        ).toBeLessThanOrEqual(1);
        // One key, one effect: no table gained more than one request's row (one review, one
        // redemption, one ledger entry, one stored answer).
        const after = await rowCounts(fuzz.server.db);
        const grown = Object.entries(after).filter(([table, n]) => n - (before[table] ?? 0) > 1);
        expect(grown, `answered ${answers.map((a) => a.status).join(", ")}`).toEqual([]);
        if (route.template.endsWith("/redemptions")) expect([...successes]).toHaveLength(1);
        // The same key with another body: API.md's 409 idempotency_conflict, nothing written.
        if (successes.size === 1) {
          const other = JSON.stringify(otherBody(sampleBody(route, fuzz.world)));
          const tables = await fuzz.committed.read();
          const again = await send(fuzz.server.url, { method: route.method, path, headers, body: other });
          expect(`${again.status} ${again.text.slice(0, 200)}`).toMatch(/^409 .*"idempotency_conflict"/);
          expect(changedTables(tables, await fuzz.committed.read())).toEqual([]);
        }
      }
      expect(fuzz.log.errors.slice(errorsBefore)).toEqual([]);
    },
  );
});
