import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeStore, postJson, reviewBody, testClock } from "../../testing/fixtures.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../testing/test-server.ts";
import { signCustomerToken } from "../customer-token.ts";
import { createMemoryRateLimiter } from "../rate-limit.ts";
import { VOTE_VELOCITY } from "../reviews/vote-identity.ts";

describe.each(databasesUnderTest())("helpful votes on %s", (kind) => {
  let server: TestServer;
  let storeId: string;
  let signingSecret: string;
  const votesUrl = (id: string, store = storeId) => `${server.url}/v1/stores/${store}/reviews/${id}/votes`;
  const newReview = async (store = storeId) =>
    (await postJson(`${server.url}/v1/stores/${store}/products/voted/reviews`, reviewBody())).json.review
      .id as string;
  const as = (customerId: string) => ({ "x-plaudit-customer": signCustomerToken(signingSecret, customerId) });
  const helpful = async (id: string) => {
    const row = await server.db.kysely
      .selectFrom("reviews")
      .select(["helpful_up", "helpful_down"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    return { up: Number(row.helpful_up), down: Number(row.helpful_down) };
  };

  beforeAll(async () => {
    server = await startTestServer({ db: kind });
    ({ storeId, signingSecret } = await makeStore(server.db));
  });
  afterAll(() => server.close());

  it("counts one vote per customer, and a second vote replaces the first", async () => {
    const id = await newReview();
    expect((await postJson(votesUrl(id), { value: "up", voter: "v1" }, as("ann"))).json).toEqual({
      up: 1,
      down: 0,
    });
    expect((await postJson(votesUrl(id), { value: "up", voter: "v1" }, as("ann"))).json).toEqual({
      up: 1,
      down: 0,
    });
    expect((await postJson(votesUrl(id), { value: "down", voter: "v9" }, as("ann"))).json).toEqual({
      up: 0,
      down: 1,
    });
    expect((await postJson(votesUrl(id), { value: "up", voter: "v2" }, as("bob"))).json).toEqual({
      up: 1,
      down: 1,
    });
    expect(await helpful(id)).toEqual({ up: 1, down: 1 });
  });

  it("takes the customer token from the body too (what the widget sends): two shoppers behind one address count twice", async () => {
    const id = await newReview();
    const token = (customerId: string) => signCustomerToken(signingSecret, customerId);
    const cara = await postJson(votesUrl(id), { value: "up", voter: "v", customerToken: token("cara") });
    expect(cara.json).toEqual({ up: 1, down: 0 });
    const dan = await postJson(votesUrl(id), { value: "up", voter: "v", customerToken: token("dan") });
    expect(dan.json).toEqual({ up: 2, down: 0 });
    // Cara again, changing her mind: replaces her vote, still two voters.
    expect(
      (await postJson(votesUrl(id), { value: "down", voter: "w", customerToken: token("cara") })).json,
    ).toEqual({ up: 1, down: 1 });
    // A forged body token counts as the address, like a forged header.
    await postJson(votesUrl(id), { value: "up", voter: "x", customerToken: "eve.1.abc" });
    await postJson(votesUrl(id), { value: "up", voter: "y", customerToken: "mallory.1.abc" });
    expect(await helpful(id)).toEqual({ up: 2, down: 1 });
    const long = await postJson(votesUrl(id), { value: "up", voter: "z", customerToken: "x".repeat(5000) });
    expect(long.status).toBe(422);
  });

  it("counts 40 votes from one address with fresh voter ids as one", async () => {
    const id = await newReview();
    const results = [];
    for (let i = 0; i < 40; i++)
      results.push(await postJson(votesUrl(id), { value: "up", voter: `fresh-${i}` }));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.at(-1)?.json).toEqual({ up: 1, down: 0 });
    expect(await helpful(id)).toEqual({ up: 1, down: 0 });
    // A forged token does not make a new voter either: it counts as the address.
    const forged = await postJson(
      votesUrl(id),
      { value: "up", voter: "x" },
      { "x-plaudit-customer": "eve.1.abc" },
    );
    expect(forged.status).toBe(200);
    expect(await helpful(id)).toEqual({ up: 1, down: 0 });
  });

  it("loses no vote when 60 customers vote at once, and counts a customer racing itself once", async () => {
    const id = await newReview();
    const votes = Array.from({ length: 60 }, (_, i) =>
      postJson(votesUrl(id), { value: i % 3 === 0 ? "down" : "up", voter: `p${i}` }, as(`p${i}`)),
    );
    const same = Array.from({ length: 10 }, (_, i) =>
      postJson(votesUrl(id), { value: "up", voter: `t${i}` }, as("twin")),
    );
    const results = await Promise.all([...votes, ...same]);
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(await helpful(id)).toEqual({ up: 41, down: 20 });
  });

  it("refuses votes on unknown, pending, rejected and another store's reviews with 404 review_not_found", async () => {
    const held = await makeStore(server.db, { moderation: "hold" });
    const pending = await newReview(held.storeId);
    const rejected = await newReview(held.storeId);
    await server.db.kysely
      .updateTable("reviews")
      .set({ status: "rejected" })
      .where("id", "=", rejected)
      .execute();
    const elsewhere = await newReview();
    for (const url of [
      votesUrl("nope"),
      votesUrl(pending, held.storeId),
      votesUrl(rejected, held.storeId),
      votesUrl(elsewhere, held.storeId),
    ]) {
      const res = await postJson(url, { value: "up", voter: "v1" });
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe("review_not_found");
    }
    expect(await helpful(elsewhere)).toEqual({ up: 0, down: 0 });
  });

  it("keeps the review's helpful score, which the helpful sort ranks by, at up votes minus down votes", async () => {
    const id = await newReview();
    await postJson(votesUrl(id), { value: "up", voter: "s1" }, as("score-ann"));
    await postJson(votesUrl(id), { value: "up", voter: "s2" }, as("score-bob"));
    await postJson(votesUrl(id), { value: "down", voter: "s3" }, as("score-cy"));
    const row = await server.db.kysely
      .selectFrom("reviews")
      .select(["helpful_up", "helpful_down", "helpful_score"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect([row.helpful_up, row.helpful_down, row.helpful_score].map(Number)).toEqual([2, 1, 1]);
  });

  it("validates the vote", async () => {
    const id = await newReview();
    const res = await postJson(votesUrl(id), { value: "sideways", voter: "" });
    expect(res.status).toBe(422);
    expect(Object.keys(res.json.error.fields).sort()).toEqual(["value", "voter"]);
  });
});

describe.each(databasesUnderTest())("the vote velocity limit on %s", (kind) => {
  let server: TestServer;
  const time = testClock();
  beforeAll(async () => {
    // A clock that stands still: the bucket refills nothing while the test runs.
    server = await startTestServer({
      db: kind,
      rateLimiter: createMemoryRateLimiter(),
      clock: testClock().clock,
    });
  });
  afterAll(() => server.close());

  it("answers votes above the per-address limit with 200 and does not count them", async () => {
    const { storeId, signingSecret } = await makeStore(server.db);
    const id = (await postJson(`${server.url}/v1/stores/${storeId}/products/v/reviews`, reviewBody())).json
      .review.id;
    const limit = VOTE_VELOCITY.rule.capacity;
    const answers = [];
    for (let i = 0; i < limit + 5; i++) {
      answers.push(
        await postJson(
          `${server.url}/v1/stores/${storeId}/reviews/${id}/votes`,
          { value: "up", voter: `c${i}` },
          { "x-plaudit-customer": signCustomerToken(signingSecret, `c${i}`, time.clock()) },
        ),
      );
    }
    expect(answers.map((a) => a.status)).toEqual(Array(limit + 5).fill(200));
    expect(answers.at(-1)?.json).toEqual({ up: limit, down: 0 });
  });
});
