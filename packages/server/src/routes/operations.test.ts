import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiDocument } from "../../testing/api-document.ts";
import { getJson, makeStore, postJson, reviewBody } from "../../testing/fixtures.ts";
import {
  databasesUnderTest,
  METRICS_AUTH,
  startTestServer,
  type TestServer,
} from "../../testing/test-server.ts";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
// The contract lives in shared/ beside the repository (or inside it); PLAUDIT_API_MD overrides.
const apiMdPath = [
  process.env.PLAUDIT_API_MD,
  resolve(repoRoot, "shared/API.md"),
  resolve(repoRoot, "../shared/API.md"),
].find((p): p is string => p !== undefined && existsSync(p));

/**
 * The routes API.md lists, as "METHOD /path" (written there in backticks) — leaving out sections
 * whose heading says "planned: not in an issue yet" (specified ahead of being built) and the
 * merchant's web app at /admin/ (HTML pages, not an API route).
 */
function routesOf(markdown: string): string[] {
  const routes = new Set<string>();
  const sections = markdown.split(/^(?=#{2,3} )/m);
  for (const section of sections) {
    const heading = section.slice(0, section.indexOf("\n"));
    if (/planned: not in an issue yet/.test(heading)) continue;
    for (const match of section.matchAll(/`(GET|POST|PUT|PATCH|DELETE) (\/[^`?\s]*)/g))
      if (match[2] !== "/admin/") routes.add(`${match[1]} ${match[2]}`);
  }
  return [...routes];
}

/** API.md's routes as of this writing: checked even when API.md itself is not at hand. */
const KNOWN_ROUTES = [
  "GET /v1/stores/{store}/products/{product}/summary",
  "GET /v1/stores/{store}/summaries",
  "GET /v1/stores/{store}/products/{product}/reviews",
  "POST /v1/stores/{store}/products/{product}/reviews",
  "POST /v1/stores/{store}/reviews/{id}/votes",
  "POST /v1/stores/{store}/media",
  "GET /v1/stores/{store}/media",
  "GET /v1/stores/{store}/loyalty/program",
  "GET /v1/stores/{store}/loyalty/me",
  "POST /v1/stores/{store}/loyalty/redemptions",
  "POST /v1/admin/orders",
  "GET /v1/admin/reviews",
  "PATCH /v1/admin/reviews/{id}",
  "GET /v1/admin/loyalty/program",
  "PUT /v1/admin/loyalty/program",
  "POST /v1/admin/loyalty/adjustments",
  "GET /healthz",
  "GET /metrics",
  "GET /v1/openapi.json",
];

const openApiDocument = apiDocument() as {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, object>;
};

function documented(route: string): boolean {
  const [method, path] = route.split(" ") as [string, string];
  return openApiDocument.paths[path]?.[method.toLowerCase()] !== undefined;
}

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 and documents every route the contract names", () => {
    expect(openApiDocument.openapi).toBe("3.1.0");
    expect(KNOWN_ROUTES.filter((r) => !documented(r))).toEqual([]);
  });

  it.skipIf(!apiMdPath)(
    "documents every route in shared/API.md (skipped only when API.md is not beside the repo)",
    () => {
      const routes = routesOf(readFileSync(apiMdPath as string, "utf8"));
      expect(routes.length).toBeGreaterThanOrEqual(KNOWN_ROUTES.length);
      expect(routes.filter((r) => !documented(r))).toEqual([]);
    },
  );

  it("resolves every $ref", () => {
    const refs = JSON.stringify(openApiDocument).match(/#\/components\/[\w/]+/g) ?? [];
    for (const ref of refs) {
      const [, , section, name] = ref.split("/") as [string, string, "schemas" | "responses", string];
      expect(openApiDocument.components[section], ref).toHaveProperty(name);
    }
  });
});

describe.each(databasesUnderTest())("operations on %s", (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ db: kind });
  });
  afterAll(() => server.close());

  it("serves the OpenAPI document", async () => {
    const res = await getJson(`${server.url}/v1/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.json.paths["/v1/stores/{store}/products/{product}/reviews"].post).toBeTruthy();
  });

  it("reports request counts and latency by route pattern, database timings and rate-limit rejections", async () => {
    const { storeId } = await makeStore(server.db);
    await postJson(`${server.url}/v1/stores/${storeId}/products/p-1/reviews`, reviewBody());
    await getJson(`${server.url}/v1/stores/${storeId}/products/p-1/reviews`);
    await getJson(`${server.url}/v1/stores/${storeId}/products/p-2/reviews`);
    await getJson(`${server.url}/no/such/route`);
    const res = await fetch(`${server.url}/metrics`, { headers: METRICS_AUTH });
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(text).toContain(
      'plaudit_http_requests_total{method="GET",route="/v1/stores/:store/products/:product/reviews",status="200"} 2',
    );
    expect(text).toContain(
      'plaudit_http_requests_total{method="POST",route="/v1/stores/:store/products/:product/reviews",status="201"} 1',
    );
    expect(text).toContain('plaudit_http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(text).toMatch(
      /plaudit_http_request_duration_seconds_bucket\{le="0.1",method="GET",route="\/v1\/stores\/:store/,
    );
    expect(text).toMatch(
      new RegExp(
        `plaudit_db_query_duration_seconds_count\\{dialect="${kind}",operation="insert",outcome="ok"\\} [1-9]`,
      ),
    );
    expect(text).toContain("plaudit_rate_limit_rejections_total");
  });

  it("reports health, and 503 when the database is gone", async () => {
    expect((await getJson(`${server.url}/healthz`)).json).toEqual({ ok: true });
    const broken = await startTestServer({ db: kind });
    await broken.db.close();
    const res = await getJson(`${broken.url}/healthz`);
    expect(res.status).toBe(503);
    expect(res.json.ok).toBe(false);
    // And an API route over a dead database is a 500 in the error shape, without a stack.
    const api = await getJson(`${broken.url}/v1/stores/demo/summaries?products=a`);
    expect(api.status).toBe(500);
    expect(api.json).toEqual({ error: { code: "internal_error", message: expect.any(String) } });
    expect(api.text).not.toMatch(/at .*\.ts/);
    await broken.close().catch(() => {});
  });
});
