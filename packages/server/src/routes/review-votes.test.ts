import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, makeStore, postJson, reviewBody } from "../testing/fixtures.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../testing/test-server.ts";

describe.each(databasesUnderTest())("helpful votes on %s", (kind) => {
  let server: TestServer;
  let storeId: string;
  const votesUrl = (id: string) => `${server.url}/v1/stores/${storeId}/reviews/${id}/votes`;
  const newReview = async () =>
    (await postJson(`${server.url}/v1/stores/${storeId}/products/voted/reviews`, reviewBody())).json.review
      .id as string;

  beforeAll(async () => {
    server = await startTestServer({ db: kind });
    ({ storeId } = await makeStore(server.db));
  });
  afterAll(() => server.close());

  it("counts one vote per voter, and a second vote replaces the first", async () => {
    const id = await newReview();
    expect((await postJson(votesUrl(id), { value: "up", voter: "v1" })).json).toEqual({ up: 1, down: 0 });
    expect((await postJson(votesUrl(id), { value: "up", voter: "v1" })).json).toEqual({ up: 1, down: 0 });
    expect((await postJson(votesUrl(id), { value: "down", voter: "v1" })).json).toEqual({ up: 0, down: 1 });
    expect((await postJson(votesUrl(id), { value: "up", voter: "v2" })).json).toEqual({ up: 1, down: 1 });
    const list = await getJson(`${server.url}/v1/stores/${storeId}/products/voted/reviews`);
    expect(list.json.items.find((r: { id: string }) => r.id === id).helpful).toEqual({ up: 1, down: 1 });
  });

  it("loses no vote when 60 voters vote at once, and counts a voter racing itself once", async () => {
    const id = await newReview();
    const votes = Array.from({ length: 60 }, (_, i) => ({
      value: i % 3 === 0 ? "down" : "up",
      voter: `p${i}`,
    }));
    const same = Array.from({ length: 10 }, () => ({ value: "up", voter: "twin" }));
    const results = await Promise.all([...votes, ...same].map((vote) => postJson(votesUrl(id), vote)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const final = await postJson(votesUrl(id), { value: "up", voter: "p1" });
    expect(final.json).toEqual({ up: 41, down: 20 });
  });

  it("answers an unknown or unpublished review with 404 review_not_found", async () => {
    const res = await postJson(votesUrl("nope"), { value: "up", voter: "v1" });
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("review_not_found");
  });

  it("validates the vote", async () => {
    const id = await newReview();
    const res = await postJson(votesUrl(id), { value: "sideways", voter: "" });
    expect(res.status).toBe(422);
    expect(Object.keys(res.json.error.fields).sort()).toEqual(["value", "voter"]);
  });
});
