// Property-based fuzzing of the trust-and-safety inputs (issue 19) against a real HTTP server, with
// oracles of their own beyond "no 5xx": a search answers only reviews that contain the term and
// never more than the cap; hostile customer tokens on votes never make more than one counted vote
// from one address; the media settings hold only values the contract allows, whatever is sent.
// PLAUDIT_FUZZ_RUNS sets the runs per property (default 100 on SQLite, a third on PostgreSQL).
import { MEDIA_QUOTA_MAX } from "@plaudit/contract";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signCustomerToken } from "../../src/customer-token.ts";
import { SEARCH_MATCH_CAP } from "../../src/reviews/review-search.ts";
import { getJson, longReviewText, makeStore, postJson } from "../fixtures.ts";
import { insertReviewRows, reviewRow } from "../search-kit.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../test-server.ts";
import { hostileString, hostileValue, wellFormed } from "./hostile-input.ts";

const RUNS = Number(process.env.PLAUDIT_FUZZ_RUNS ?? 100);
const WORDS = ["wool", "50% off", "snake_case", "back\\slash", "Groß", "naïve", "zip", "a", "tee"];

describe.each(databasesUnderTest())("trust inputs under hostile values (%s)", (kind) => {
  let server: TestServer;
  let storeId: string;
  let secretKey: string;
  let reviewId: string;
  const runs = kind === "sqlite" ? RUNS : Math.max(10, Math.round(RUNS / 3));
  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${secretKey}`, "content-type": "application/json" },
      ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    });

  beforeAll(async () => {
    server = await startTestServer({ db: kind });
    ({ storeId, secretKey } = await makeStore(server.db));
    // Reviews written straight into the table (the spam rules would hold look-alike texts).
    const rows = Array.from({ length: 120 }, (_, i) =>
      reviewRow({
        id: `fz${String(i).padStart(4, "0")}`,
        storeId,
        productId: "p",
        rating: (i % 5) + 1,
        title: `${WORDS[i % WORDS.length]} ${i}`,
        body: `${longReviewText(60)} ${WORDS[(i * 5) % WORDS.length]}`,
        author: { name: "F", email: "f@example.com" },
        verified: i % 2 === 1,
        createdAt: new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 3) * 1000).toISOString(),
        helpfulScore: i % 7,
      }),
    );
    await insertReviewRows(server.db, rows);
    reviewId = "fz0000";
  });
  afterAll(() => server?.close());

  it("answers any search with only reviews containing the term, at most the cap, never 5xx", async () => {
    const term = fc.oneof(
      hostileString,
      fc.constantFrom(...WORDS, "%", "_", "\\", "%%", "a%", "ß", "ZIP", "O"),
      fc.string({ minLength: 1, maxLength: 3 }),
    );
    const sort = fc.constantFrom("newest", "oldest", "highest", "lowest", "helpful", "media", "best");
    await fc.assert(
      fc.asyncProperty(term, sort, async (raw, sortName) => {
        // Past the term limit (422) but short of a URL the HTTP parser itself refuses.
        const q = wellFormed(raw).slice(0, 400);
        const res = await getJson(
          `${server.url}/v1/stores/${storeId}/products/p/reviews?limit=50&sort=${sortName}&q=${encodeURIComponent(q)}`,
        );
        expect(res.status, res.text.slice(0, 200)).toBeLessThan(500);
        if (res.status !== 200) {
          expect(res.json.error.code).toEqual(expect.any(String));
          return;
        }
        // The route searches the trimmed term; an empty one is the plain list.
        const searched = q.trim();
        if (searched === "") return;
        expect(res.json.total).toBeLessThanOrEqual(SEARCH_MATCH_CAP);
        expect(res.json.items.length).toBeLessThanOrEqual(Math.min(50, res.json.total));
        for (const review of res.json.items as { title: string; body: string }[])
          expect(`${review.title}\n${review.body}`.toLowerCase()).toContain(searched.toLowerCase());
      }),
      { numRuns: runs },
    );
  });

  it("counts at most one vote from one address, whatever customer tokens it makes up", async () => {
    const forged = fc.oneof(
      hostileString,
      fc
        .tuple(fc.string({ maxLength: 20 }), fc.integer(), fc.string({ maxLength: 70 }))
        .map(([id, at, mac]) => `${id}.${at}.${mac}`),
      // Signed with a secret that is not the store's.
      fc
        .string({ minLength: 1, maxLength: 30 })
        .map((id) => signCustomerToken("not-the-store-secret-0123456789abcdef", id)),
    );
    await fc.assert(
      fc.asyncProperty(
        forged,
        fc.constantFrom("body", "header"),
        fc.constantFrom("up", "down"),
        async (token, where, value) => {
          const res = await postJson(
            `${server.url}/v1/stores/${storeId}/reviews/${reviewId}/votes`,
            { value, voter: "fuzz", ...(where === "body" ? { customerToken: token } : {}) },
            where === "header"
              ? { "x-plaudit-customer": encodeURIComponent(wellFormed(token)).slice(0, 600) }
              : {},
          );
          expect(res.status).toBeLessThan(500);
          const row = await server.db.kysely
            .selectFrom("reviews")
            .select(["helpful_up", "helpful_down"])
            .where("id", "=", reviewId)
            .executeTakeFirstOrThrow();
          expect(Number(row.helpful_up) + Number(row.helpful_down)).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: runs },
    );
  });

  it("keeps the media settings within the contract whatever is sent", async () => {
    const body = fc.oneof(
      fc.record(
        {
          quotaBytes: fc.oneof(hostileValue, fc.double(), fc.integer(), fc.constant(null)),
          holdUnverifiedMedia: hostileValue,
        },
        { requiredKeys: [] },
      ),
      hostileValue,
      hostileString,
    );
    await fc.assert(
      fc.asyncProperty(body, async (sent) => {
        const put = await admin(
          "PUT",
          "/v1/admin/media/settings",
          typeof sent === "string" ? sent : JSON.stringify(sent),
        );
        expect(put.status, await put.clone().text()).toBeLessThan(500);
        const now = await (await admin("GET", "/v1/admin/media/settings")).json();
        expect(typeof now.holdUnverifiedMedia).toBe("boolean");
        if (now.quotaBytes !== null) {
          expect(Number.isInteger(now.quotaBytes)).toBe(true);
          expect(now.quotaBytes).toBeGreaterThanOrEqual(0);
          expect(now.quotaBytes).toBeLessThanOrEqual(MEDIA_QUOTA_MAX);
        }
      }),
      { numRuns: runs },
    );
  });

  it("answers the moderator's media list and files under hostile queries without 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom("status", "review", "limit", "cursor", "other"), hostileString, {
          maxKeys: 4,
        }),
        hostileString,
        async (query, file) => {
          const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, wellFormed(v)]));
          const list = await admin("GET", `/v1/admin/media?${search}`);
          expect(list.status).toBeLessThan(500);
          const one = await admin(
            "GET",
            `/v1/admin/media/AAAAAAAAAAAAAAAAAAAAAA/files/${encodeURIComponent(wellFormed(file)).slice(0, 300)}`,
          );
          expect([400, 404]).toContain(one.status);
        },
      ),
      { numRuns: runs },
    );
  });
});
