import { dayIn, startOfDay } from "@plaudit/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeStore, postJson, reviewBody } from "../../testing/fixtures.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../testing/test-server.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are arbitrary JSON the assertions check
type Json = any;

describe("a store's days in its time zone", () => {
  it.each([
    // Los Angeles: PST (−8) until 2026-03-08 02:00, PDT (−7) until 2026-11-01 02:00.
    ["America/Los_Angeles", "2026-03-08", "2026-03-08T08:00:00.000Z"],
    ["America/Los_Angeles", "2026-03-09", "2026-03-09T07:00:00.000Z"],
    ["America/Los_Angeles", "2026-11-01", "2026-11-01T07:00:00.000Z"],
    ["America/Los_Angeles", "2026-11-02", "2026-11-02T08:00:00.000Z"],
    // Sydney: AEDT (+11) until 2026-04-05 03:00, AEST (+10) until 2026-10-04 02:00.
    ["Australia/Sydney", "2026-04-05", "2026-04-04T13:00:00.000Z"],
    ["Australia/Sydney", "2026-04-06", "2026-04-05T14:00:00.000Z"],
    ["Australia/Sydney", "2026-10-04", "2026-10-03T14:00:00.000Z"],
    ["Australia/Sydney", "2026-10-05", "2026-10-04T13:00:00.000Z"],
    // Santiago springs from 00:00 to 01:00 (−4 → −3): 2026-09-06 has no midnight, it starts at 01:00.
    ["America/Santiago", "2026-09-06", "2026-09-06T04:00:00.000Z"],
    ["Asia/Kolkata", "2026-01-01", "2025-12-31T18:30:00.000Z"],
    ["UTC", "2026-02-28", "2026-02-28T00:00:00.000Z"],
  ])("in %s, %s starts at %s", (zone, day, start) => {
    expect(startOfDay(day, zone).toISOString()).toBe(start);
    expect(dayIn(Date.parse(start), zone)).toBe(day);
    expect(dayIn(Date.parse(start) - 1, zone)).not.toBe(day);
  });
});

describe.each(databasesUnderTest())("the overview in the store's time zone on %s", (kind) => {
  let server: TestServer;
  let auth: Record<string, string>;
  let storeId: string;

  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { ...auth, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    }).then(async (r) => ({ status: r.status, json: (await r.json()) as Json }));

  /** A review of `product` received at `at` (a UTC instant). */
  async function reviewAt(product: string, at: string): Promise<void> {
    const res = await postJson(
      `${server.url}/v1/stores/${storeId}/products/${product}/reviews`,
      reviewBody(),
    );
    expect(res.status).toBe(201);
    await server.db.kysely
      .updateTable("reviews")
      .set({ created_at: at })
      .where("id", "=", res.json.review.id)
      .execute();
  }

  beforeAll(async () => {
    server = await startTestServer({ db: kind });
    const store = await makeStore(server.db);
    storeId = store.storeId;
    auth = { authorization: `Bearer ${store.secretKey}` };
    // Around Los Angeles' spring change (Sunday 2026-03-08) and the Monday after it.
    await reviewAt("late-saturday", "2026-03-08T07:30:00.000Z"); // Sat 23:30 PST
    await reviewAt("early-sunday", "2026-03-08T08:30:00.000Z"); // Sun 00:30 PST
    await reviewAt("late-sunday", "2026-03-09T06:30:00.000Z"); // Sun 23:30 PDT (Mon in UTC)
    await reviewAt("early-monday", "2026-03-09T07:30:00.000Z"); // Mon 00:30 PDT
    await reviewAt("sunday-noon", "2026-03-08T20:00:00.000Z"); // Sun 13:00 PDT; Mon 07:00 in Sydney
  });
  afterAll(() => server.close());

  it("counts UTC days until the store names its zone; refuses a zone that is none", async () => {
    expect((await call("GET", "/v1/admin/store/settings")).json).toEqual({ timeZone: "UTC" });
    const sunday = await call("GET", "/v1/admin/overview?from=2026-03-08&to=2026-03-08");
    expect(sunday.json.timeZone).toBe("UTC");
    expect(sunday.json.reviews).toBe(3); // 07:30, 08:30 and 20:00 UTC

    const bad = await call("PUT", "/v1/admin/store/settings", { timeZone: "Mars/Olympus" });
    expect(bad.status).toBe(422);
    expect(bad.json.error.code).toBe("validation_failed");
    expect(Object.keys(bad.json.error.fields)).toEqual(["timeZone"]);
  });

  it("counts the merchant's own days and weeks once the store is in Los Angeles, across the clock change", async () => {
    const set = await call("PUT", "/v1/admin/store/settings", { timeZone: "America/Los_Angeles" });
    expect(set).toEqual({ status: 200, json: { timeZone: "America/Los_Angeles" } });
    try {
      const sunday = await call("GET", "/v1/admin/overview?from=2026-03-08&to=2026-03-08");
      expect(sunday.json.timeZone).toBe("America/Los_Angeles");
      // Sunday there: 00:30 PST, 13:00 and 23:30 PDT — not the Saturday-night one, not Monday's.
      expect(sunday.json.reviews).toBe(3);
      expect(sunday.json.topProducts.map((p: { productId: string }) => p.productId).sort()).toEqual([
        "early-sunday",
        "late-sunday",
        "sunday-noon",
      ]);
      // Weeks start on the store's Monday midnight: Saturday and both Sunday reviews in the week
      // of 2026-03-02, Monday's in the next.
      const weeks = await call("GET", "/v1/admin/overview?from=2026-03-02&to=2026-03-15");
      expect(weeks.json.weeks.map((w: { week: string; reviews: number }) => [w.week, w.reviews])).toEqual([
        ["2026-03-02", 4],
        ["2026-03-09", 1],
      ]);
      // The longest range (1096 days: 158 weeks, each start a literal in one CASE) on both databases.
      const long = await call("GET", "/v1/admin/overview?from=2023-03-10&to=2026-03-09");
      expect(long.status).toBe(200);
      expect(long.json.weeks).toHaveLength(158);
      expect(long.json.weeks.reduce((sum: number, w: { reviews: number }) => sum + w.reviews, 0)).toBe(5);
      expect(long.json.weeks.at(-1)).toMatchObject({ week: "2026-03-09", reviews: 1 });
    } finally {
      await call("PUT", "/v1/admin/store/settings", { timeZone: null });
    }
  });

  it("counts a day in Sydney (UTC+10/+11) from its own midnight", async () => {
    expect((await call("PUT", "/v1/admin/store/settings", { timeZone: "Australia/Sydney" })).status).toBe(
      200,
    );
    try {
      // Sydney's 9th starts at 2026-03-08T13:00Z: the review of 20:00Z on the 8th is its 9th.
      const eighth = await call("GET", "/v1/admin/overview?from=2026-03-08&to=2026-03-08");
      expect(eighth.json.reviews).toBe(2); // 07:30Z and 08:30Z on the 8th
      const ninth = await call("GET", "/v1/admin/overview?from=2026-03-09&to=2026-03-09");
      expect(ninth.json.reviews).toBe(3); // 20:00Z on the 8th, 06:30Z and 07:30Z on the 9th
    } finally {
      await call("PUT", "/v1/admin/store/settings", { timeZone: null });
    }
  });
});
