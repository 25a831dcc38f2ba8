import { LIMITS, REVIEW_SORTS } from "@plaudit/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiDocument } from "../../testing/api-document.ts";
import { getJson, makeStore, postJson, reviewBody } from "../../testing/fixtures.ts";
import { startTestServer, type TestServer } from "../../testing/test-server.ts";

// Query strings are parsed by the contract's schemas: the limits, sorts and defaults the routes
// apply are the ones @plaudit/contract holds and the OpenAPI document states, and a bad value is
// API.md's error shape (never a 5xx), one message per parameter.
describe("query strings from the contract", () => {
  let server: TestServer;
  let storeId: string;
  let secretKey: string;
  beforeAll(async () => {
    server = await startTestServer({ db: "sqlite" });
    ({ storeId, secretKey } = await makeStore(server.db));
    const reviews = `${server.url}/v1/stores/${storeId}/products/p1/reviews`;
    for (let i = 0; i < LIMITS.listLimitDefault + 2; i++)
      expect(
        (await postJson(reviews, reviewBody({ body: `Review number ${i} of this product.` }))).status,
      ).toBe(201);
  });
  afterAll(() => server.close());

  const list = (query: string) => getJson(`${server.url}/v1/stores/${storeId}/products/p1/reviews${query}`);

  it("answers the contract's default page size, and refuses each bad parameter with its own message", async () => {
    expect((await list("")).json.items).toHaveLength(LIMITS.listLimitDefault);
    expect((await list(`?limit=${LIMITS.listLimitMax}`)).json.items).toHaveLength(
      LIMITS.listLimitDefault + 2,
    );
    const bad = await list(
      `?limit=${LIMITS.listLimitMax + 1}&sort=best&rating=6&media=2&q=${"x".repeat(LIMITS.searchMax + 1)}`,
    );
    expect(bad.status).toBe(422);
    expect(bad.json.error.code).toBe("validation_failed");
    expect(bad.json.error.fields).toEqual({
      limit: `must be an integer from 1 to ${LIMITS.listLimitMax}`,
      sort: `must be one of ${REVIEW_SORTS.join(", ")}`,
      rating: "must be a comma list of ratings 1–5",
      media: "must be 1 or 0",
      q: `must be at most ${LIMITS.searchMax} characters`,
    });
    // Lenient where it always was: spaces in the rating list, an empty flag, an empty search.
    expect((await list("?rating=5, 4&media=&q=")).status).toBe(200);
    expect((await list("?cursor=not-ours")).json.error.fields).toEqual({
      cursor: "is not a cursor of this list; start again without it",
    });
  });

  it("refuses bad admin, gallery and snippet queries in API.md's shape", async () => {
    const auth = { authorization: `Bearer ${secretKey}` };
    const admin = await getJson(
      `${server.url}/v1/admin/reviews?limit=${LIMITS.adminListLimitMax + 1}&status=spam`,
      auth,
    );
    expect([admin.status, Object.keys(admin.json.error.fields).sort()]).toEqual([422, ["limit", "status"]]);
    const gallery = await getJson(`${server.url}/v1/stores/${storeId}/media?limit=0&cursor=nope`);
    expect([gallery.status, Object.keys(gallery.json.error.fields).sort()]).toEqual([
      422,
      ["cursor", "limit"],
    ]);
    const snippet = await getJson(
      `${server.url}/v1/stores/${storeId}/products/p1/snippet?theme=neon&locale=x_1&price=12`,
    );
    expect(snippet.status).toBe(422);
    expect(snippet.json.error.code).toBe("validation_failed");
    expect(Object.keys(snippet.json.error.fields).sort()).toEqual(["currency", "locale", "theme"]);
    const summaries = await getJson(`${server.url}/v1/stores/${storeId}/summaries?products=`);
    expect(summaries.json.error.fields).toEqual({
      products: `must list 1–${LIMITS.summariesMax} product ids`,
    });
  });

  it("documents the same defaults and limits in the OpenAPI document", () => {
    const document = apiDocument() as {
      paths: Record<
        string,
        Record<string, { parameters: { name: string; in: string; schema: Record<string, unknown> }[] }>
      >;
    };
    const query = (path: string, name: string) =>
      document.paths[path]!.get!.parameters.find((p) => p.in === "query" && p.name === name)!.schema;
    expect(query("/v1/stores/{store}/products/{product}/reviews", "limit").default).toBe(
      String(LIMITS.listLimitDefault),
    );
    expect(query("/v1/stores/{store}/products/{product}/reviews", "sort")).toMatchObject({
      enum: [...REVIEW_SORTS],
      default: "newest",
    });
    expect(query("/v1/stores/{store}/products/{product}/reviews", "q").maxLength).toBe(LIMITS.searchMax);
    expect(query("/v1/admin/reviews", "limit").default).toBe(String(LIMITS.adminListLimitDefault));
    expect(query("/v1/stores/{store}/media", "limit").default).toBe(String(LIMITS.galleryLimitDefault));
  });
});
