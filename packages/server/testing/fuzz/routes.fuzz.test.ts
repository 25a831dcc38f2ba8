// Property-based fuzzing of every route in the OpenAPI document against a real HTTP server:
// whatever arrives, the answer is never a 5xx, its JSON always parses, every 4xx under /v1 has
// API.md's error shape, a refused write leaves nothing committed (db-fingerprint.ts), and the
// server logs no error. PLAUDIT_FUZZ_RUNS sets the requests per route (default 100 on
// SQLite, a third of that on PostgreSQL).
import { connect } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { postJson, reviewBody } from "../fixtures.ts";
import { databasesUnderTest } from "../test-server.ts";
import { answerProblem } from "./answer-problem.ts";
import { changedTables } from "./db-fingerprint.ts";
import { type FuzzRequest, type FuzzWorld, fuzzRequest } from "./fuzz-request.ts";
import { fuzzServer } from "./fuzz-world.ts";
import { FUZZ_SEED, wellFormed } from "./hostile-input.ts";
import { type FuzzRoute, pathParameterNames, routesFromOpenApi } from "./openapi-routes.ts";

const RUNS = Number(process.env.PLAUDIT_FUZZ_RUNS ?? 100);

async function send(base: string, request: FuzzRequest) {
  const response = await fetch(base + request.path, {
    method: request.method,
    headers: request.headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get("content-type") ?? "", text };
}

const routes = routesFromOpenApi();

/** fc.assert, but the failure names the request in a few hundred characters, not megabytes. */
async function assertShort<T>(property: fc.IAsyncProperty<T>, numRuns: number): Promise<void> {
  // FUZZ_SEED (hostile-input.ts) and FUZZ_PATH, from a failure's message, replay that failure.
  const replay = { seed: FUZZ_SEED, ...(process.env.FUZZ_PATH ? { path: process.env.FUZZ_PATH } : {}) };
  const result = await fc.check(property, { numRuns, endOnFailure: true, ...replay });
  if (result.failed) {
    const cause =
      result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
    throw new Error(
      `after ${result.numRuns} runs (seed ${result.seed}, path ${result.counterexamplePath}): ${cause.slice(0, 600)}`,
    );
  }
}

/** A request with the route's sample body whose Content-Length promises more than is sent. */
function sendCutShort(base: string, route: FuzzRoute, world: FuzzWorld, requestId: string): Promise<void> {
  let i = 0;
  const names = pathParameterNames(route.template);
  const path = route.template.replace(/\{\w+\}/g, () =>
    encodeURIComponent(world.pathValues[names[i++]!]?.[0] ?? "x"),
  );
  const [type, body] =
    route.bodyType === "multipart"
      ? [
          "multipart/form-data; boundary=x",
          '--x\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nab',
        ]
      : route.bodyType === "form"
        ? ["application/x-www-form-urlencoded", "product=tee&rating=5&body=Lovely"]
        : ["application/json", JSON.stringify(world.samples[`${route.method} ${route.template}`] ?? {})];
  const { hostname, port } = new URL(base);
  return new Promise((done) => {
    const socket = connect(Number(port), hostname);
    socket.on("error", () => undefined);
    socket.on("close", () => done());
    // Read what the server sends (Node's own 400 for the short body), or "close" never comes.
    socket.resume();
    socket.end(
      `${route.method} ${path} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: ${type}\r\n` +
        `Authorization: Bearer ${world.bearer}\r\nOrigin: https://shop.example\r\nX-Request-Id: ${requestId}\r\n` +
        `Content-Length: ${Buffer.byteLength(body) + 1000}\r\n\r\n${body}`,
    );
  });
}

describe.each(databasesUnderTest())("every route under hostile input (%s)", (kind) => {
  const fuzz = fuzzServer(kind);
  const runs = kind === "sqlite" ? RUNS : Math.max(10, Math.round(RUNS / 3));

  it("derives its routes from the OpenAPI document (public, admin, loyalty, media)", () => {
    const names = routes.map((r) => `${r.method} ${r.template}`);
    expect(names).toEqual(
      expect.arrayContaining([
        "GET /v1/stores/{store}/products/{product}/reviews",
        "POST /v1/stores/{store}/products/{product}/reviews",
        "PATCH /v1/admin/reviews/{id}",
      ]),
    );
    expect(routes.length).toBeGreaterThan(15);
  });

  it.each(routes.map((r) => [`${r.method} ${r.template}`, r] as const))(
    "%s never answers 5xx, keeps the error shape, and writes nothing when it refuses",
    async (_name, route) => {
      const errorsBefore = fuzz.log.errors.length;
      await assertShort(
        fc.asyncProperty(fuzzRequest(route, fuzz.world), async (request) => {
          const writes = request.method !== "GET";
          const before = writes ? await fuzz.committed.read() : undefined;
          const answer = await send(fuzz.server.url, request);
          const problem = answerProblem(request, answer.status, answer.type, answer.text);
          if (problem) throw new Error(`${request.method} ${request.path.slice(0, 300)}: ${problem}`);
          // A refused write leaves nothing behind: no half-written record, no side effect.
          if (before && answer.status >= 400) {
            const changed = changedTables(before, await fuzz.committed.read());
            if (changed.length > 0)
              throw new Error(
                `${request.method} ${request.path.slice(0, 300)} answered ${answer.status} and changed ${changed.join(", ")}: ${answer.text.slice(0, 200)}`,
              );
          }
        }),
        runs,
      );
      expect(fuzz.log.errors.slice(errorsBefore)).toEqual([]);
    },
  );

  it.each(
    routes
      .filter((r) => r.bodyType)
      .map((r, n) => [`${r.method} ${r.template}`, r, `cut-short-${n}`] as const),
  )(
    "%s takes a body cut short by its client as the client's fault (4xx, no error logged)",
    async (_name, route, requestId) => {
      await sendCutShort(fuzz.server.url, route, fuzz.world, requestId);
      // The client is gone before any answer: the server's log says how it judged the request.
      await expect.poll(() => fuzz.log.statuses.get(requestId)).toBeDefined();
      expect(fuzz.log.statuses.get(requestId)).toBeLessThan(500);
      expect(fuzz.log.errors).toEqual([]);
    },
  );

  it("refuses the NUL character in URLs (400) and JSON bodies (422), which PostgreSQL cannot store", async () => {
    const store = fuzz.world.pathValues.store![0]!;
    const url = await send(fuzz.server.url, {
      method: "GET",
      path: `/v1/stores/${store}/products/a%00b/summary`,
      headers: {},
    });
    expect([url.status, JSON.parse(url.text).error.code]).toEqual([400, "bad_request"]);
    const posted = await postJson(
      `${fuzz.server.url}/v1/stores/${store}/products/tee/reviews`,
      reviewBody({ title: "a\u0000b" }),
    );
    expect([posted.status, posted.json.error.fields]).toEqual([
      422,
      { title: expect.stringContaining("NUL") },
    ]);
  });

  it("answers unknown paths under /v1 with a 404 not_found in the error shape", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"),
        fc.string({ unit: "binary", maxLength: 60 }),
        async (method, tail) => {
          const segment = encodeURIComponent(wellFormed(tail));
          // Not unknown paths: the admin door (401 before routing), the stores' prefix (CORS
          // preflight, store lookup), and dot segments the client resolves away.
          // Nor a NUL (refused with 400 before routing: its own test above).
          fc.pre(!["admin", "stores", ".", ".."].includes(segment) && !segment.includes("%00"));
          const request = { method, path: `/v1/${segment}/zz`, headers: {} };
          const answer = await send(fuzz.server.url, request);
          expect(answerProblem(request, answer.status, answer.type, answer.text)).toBeUndefined();
          expect([answer.status, JSON.parse(answer.text).error.code]).toEqual([404, "not_found"]);
        },
      ),
      { numRuns: Math.round(runs / 2) },
    );
  });
});

describe("the fuzz oracle", () => {
  const request = { method: "GET", path: "/v1/stores/s/products/p/summary", headers: {} };
  const json = "application/json; charset=utf-8";
  const shaped = JSON.stringify({ error: { code: "not_found", message: "no such thing" } });

  it("passes answers that keep the contract", () => {
    expect(answerProblem(request, 200, json, '{"count":0}')).toBeUndefined();
    expect(answerProblem(request, 404, json, shaped)).toBeUndefined();
    const withFields = JSON.stringify({
      error: { code: "validation_failed", message: "m", fields: { a: "b" } },
    });
    expect(answerProblem(request, 422, json, withFields)).toBeUndefined();
  });

  it.each([
    ["a 5xx", 500, json, shaped, /answered 500/],
    ["a 503 with no body", 503, "text/plain", "", /answered 503/],
    ["unparseable JSON", 200, json, '{"items": [', /unparseable JSON/],
    ["an error without the shape", 404, json, '{"message":"nope"}', /without API.md's error shape/],
    ["an error as plain text", 400, "text/plain", "Bad Request", /not application\/json/],
    ["the error shape as HTML", 404, "text/html", shaped, /not application\/json/],
    ["an error code that is not a string", 422, json, '{"error":{"code":422,"message":"m"}}', /error shape/],
    [
      "fields that are not strings",
      422,
      json,
      '{"error":{"code":"c","message":"m","fields":{"a":1}}}',
      /fields/,
    ],
    ["fields that are null", 422, json, '{"error":{"code":"c","message":"m","fields":null}}', /fields/],
  ] as const)("rejects %s", (_name, status, type, text, problem) => {
    expect(answerProblem(request, status, type, text)).toMatch(problem);
  });
});
