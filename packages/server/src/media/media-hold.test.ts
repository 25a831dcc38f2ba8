import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, postJson } from "../../testing/fixtures.ts";
import { type LoyaltyKit, PROGRAM_AT_ONCE, startLoyaltyKit } from "../../testing/loyalty-test-kit.ts";
import { solidJpeg } from "../../testing/test-files.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";
import { filePart, upload } from "../../testing/upload-client.ts";

// Issue 19: photos and videos of reviewers without a verified purchase are held for a moderator
// (a store setting, on by default); a verified buyer's are shown at once, as before. The moderator
// lists held media, sees their files, and approves (ready) or rejects them; the settings route
// turns the rule off and sets the store's upload quota.

describe.each(databasesUnderTest())("media of unverified reviewers on %s", (kind) => {
  let kit: LoyaltyKit;
  let n = 0;
  const store = () => `${kit.server.url}/v1/stores/${kit.storeId}`;

  beforeAll(async () => {
    kit = await startLoyaltyKit(kind, PROGRAM_AT_ONCE);
  });
  afterAll(() => kit.close());

  async function photo(): Promise<string> {
    const res = await upload(`${store()}/media`, [filePart(await solidJpeg(320, 240, "#336699"))]);
    expect(res.status).toBe(201);
    return res.json.id;
  }

  /** A review of `product` with one photo; with a customer token when `customerId` is given. */
  async function review(product: string, mediaId: string, customerId?: string) {
    const res = await postJson(`${store()}/products/${product}/reviews`, {
      rating: 4,
      title: `Photo review ${++n}`,
      body: `Here is how it looks after ${n} weeks of wear, colours still bright.`,
      author: { name: "Sam", email: `sam${n}@example.com` },
      mediaIds: [mediaId],
      ...(customerId ? { customerToken: kit.token(customerId) } : {}),
    });
    expect(res.status).toBe(201);
    expect(res.json.status).toBe("published");
    return res.json;
  }

  const publicReview = async (id: string) => (await getJson(`${store()}/reviews/${id}`)).json;
  const mediaCount = async (product: string) =>
    (await getJson(`${store()}/products/${product}/summary`, { "cache-control": "no-cache" })).json
      .mediaCount;
  const heldList = async () => (await kit.admin("GET", "/v1/admin/media?status=held&limit=50")).json.items;

  it("shows a verified buyer's photo at once: same answer as before, no hold, bonus paid", async () => {
    expect((await kit.order("o-verified", "c-buyer", 40)).status).toBe(201);
    const before = await kit.balance("c-buyer");
    const id = await photo();
    const sent = await review("tee", id, "c-buyer");
    expect(sent.mediaHeld).toBeUndefined();
    expect(sent.review.verified).toBe(true);
    expect(sent.review.media.map((m: { id: string }) => m.id)).toEqual([id]);
    expect((await publicReview(sent.review.id)).media).toHaveLength(1);
    expect(await mediaCount("tee")).toBe(1);
    const file = await fetch(sent.review.media[0].url);
    expect(file.status).toBe(200);
    // Review points and the photo bonus (50 + 50 in the demo program), as soon as it publishes.
    expect(await kit.balance("c-buyer")).toBe(before + 100);
    expect((await heldList()).map((m: { id: string }) => m.id)).not.toContain(id);
  });

  it("holds an anonymous reviewer's photo: the review publishes, the photo waits for a moderator", async () => {
    const id = await photo();
    const sent = await review("mug", id);
    expect(sent.mediaHeld).toBe(1);
    expect(sent.review.media).toEqual([]);
    const shown = await publicReview(sent.review.id);
    expect(shown.media).toEqual([]);
    expect(await mediaCount("mug")).toBe(0);
    const gallery = await getJson(`${store()}/media?limit=50`, { "cache-control": "no-cache" });
    expect(gallery.json.items.map((m: { id: string }) => m.id)).not.toContain(id);

    // Not public: its URL answers 404 like any unknown file.
    const [held] = (await heldList()).filter((m: { id: string }) => m.id === id);
    expect(held).toMatchObject({
      id,
      status: "held",
      reviewId: sent.review.id,
      productId: "mug",
      verified: false,
    });
    const publicUrl = held.url.replace(/\/v1\/admin\/media\/([^/]+)\/files\//, `/media/${kit.storeId}/$1/`);
    expect((await fetch(publicUrl)).status).toBe(404);
    // The moderator sees the file through the admin URL (authenticated), nobody else does.
    expect(held.url).toMatch(new RegExp(`/v1/admin/media/${id}/files/w\\d+\\.jpg$`));
    const asModerator = await fetch(held.url, { headers: { authorization: `Bearer ${kit.secretKey}` } });
    expect(asModerator.status).toBe(200);
    expect(asModerator.headers.get("content-type")).toBe("image/jpeg");
    expect(asModerator.headers.get("cache-control")).toBe("private, no-store");
    expect((await asModerator.arrayBuffer()).byteLength).toBeGreaterThan(100);
    expect((await fetch(held.url)).status).toBe(401);

    // Approved: shown on the review, counted in the summary, public, off the held list.
    const approved = await kit.admin("PATCH", `/v1/admin/media/${id}`, { status: "ready" });
    expect(approved.status).toBe(200);
    expect(approved.json.status).toBe("ready");
    expect((await publicReview(sent.review.id)).media.map((m: { id: string }) => m.id)).toEqual([id]);
    expect(await mediaCount("mug")).toBe(1);
    expect((await fetch(publicUrl)).status).toBe(200);
    expect((await heldList()).map((m: { id: string }) => m.id)).not.toContain(id);
  });

  it("holds a signed-in shopper's photo of a product they did not buy; rejecting it changes no count", async () => {
    const id = await photo();
    const sent = await review("lamp", id, "c-browser");
    expect(sent.review.verified).toBe(false);
    expect(sent.mediaHeld).toBe(1);
    expect((await heldList()).map((m: { id: string }) => m.id)).toContain(id);
    const rejected = await kit.admin("PATCH", `/v1/admin/media/${id}`, { status: "rejected" });
    expect(rejected.json.status).toBe("rejected");
    expect(await mediaCount("lamp")).toBe(0);
    expect((await publicReview(sent.review.id)).media).toEqual([]);
    const listed = await kit.admin("GET", `/v1/admin/media?review=${sent.review.id}`);
    expect(listed.json.items.map((m: { status: string }) => m.status)).toEqual(["rejected"]);
  });

  it("refuses, with 409 conflict, a decision about a photo another moderator decided since it was read", async () => {
    const id = await photo();
    const sent = await review("kettle", id);
    const [held] = (await heldList()).filter((m: { id: string }) => m.id === id);
    expect(held.etag).toEqual(expect.any(String));
    // One moderator rejects it; another, who read it as held, approves it.
    const rejected = await kit.admin(
      "PATCH",
      `/v1/admin/media/${id}`,
      { status: "rejected" },
      { "if-match": held.etag },
    );
    expect(rejected.status).toBe(200);
    expect(rejected.json.etag).not.toBe(held.etag);
    const audited = async () =>
      Number(
        (
          await kit.server.db.kysely
            .selectFrom("audit_log")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("target", "=", id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const auditRows = await audited();
    const late = await kit.admin(
      "PATCH",
      `/v1/admin/media/${id}`,
      { status: "ready" },
      { "if-match": held.etag },
    );
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe("conflict");
    // Nothing moved: still rejected, not public, not counted, no audit row for the refused write.
    const listed = await kit.admin("GET", `/v1/admin/media?review=${sent.review.id}`);
    expect(listed.json.items.map((m: { status: string; etag: string }) => [m.status, m.etag])).toEqual([
      ["rejected", rejected.json.etag],
    ]);
    expect((await publicReview(sent.review.id)).media).toEqual([]);
    expect(await mediaCount("kettle")).toBe(0);
    expect(await audited()).toBe(auditRows);
    // With the version read again, the decision goes through.
    const restored = await kit.admin(
      "PATCH",
      `/v1/admin/media/${id}`,
      { status: "ready" },
      { "if-match": rejected.json.etag },
    );
    expect(restored.status).toBe(200);
    expect(await mediaCount("kettle")).toBe(1);
  });

  it("shows unverified reviewers' photos at once when the merchant turns the rule off", async () => {
    const off = await kit.admin("PUT", "/v1/admin/media/settings", { holdUnverifiedMedia: false });
    expect(off.status).toBe(200);
    expect(off.json.holdUnverifiedMedia).toBe(false);
    try {
      const id = await photo();
      const sent = await review("vase", id);
      expect(sent.mediaHeld).toBeUndefined();
      expect(sent.review.media.map((m: { id: string }) => m.id)).toEqual([id]);
      expect(await mediaCount("vase")).toBe(1);
    } finally {
      const on = await kit.admin("PUT", "/v1/admin/media/settings", { holdUnverifiedMedia: true });
      expect(on.json.holdUnverifiedMedia).toBe(true);
    }
  });

  it("lists held media with a cursor, and refuses unknown statuses and cursors with 422", async () => {
    for (const product of ["p-a", "p-b", "p-c"]) await review(product, await photo());
    const first = await kit.admin("GET", "/v1/admin/media?status=held&limit=2");
    expect(first.status).toBe(200);
    expect(first.json.items).toHaveLength(2);
    expect(first.json.nextCursor).toEqual(expect.any(String));
    const second = await kit.admin(
      "GET",
      `/v1/admin/media?status=held&limit=2&cursor=${first.json.nextCursor}`,
    );
    const ids = [...first.json.items, ...second.json.items].map((m: { id: string }) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    for (const query of ["status=hidden", "cursor=not-a-cursor", "limit=0", "limit=999", "review="]) {
      const bad = await kit.admin("GET", `/v1/admin/media?${query}`);
      expect(bad.status, query).toBe(422);
      expect(bad.json.error.code).toBe("validation_failed");
    }
  });
});

describe.each(databasesUnderTest())("the store's upload quota through the API on %s", (kind) => {
  let kit: LoyaltyKit;
  beforeAll(async () => {
    kit = await startLoyaltyKit(kind, PROGRAM_AT_ONCE);
  });
  afterAll(() => kit.close());
  const uploadOne = async () =>
    upload(`${kit.server.url}/v1/stores/${kit.storeId}/media`, [filePart(await solidJpeg(200, 150))]);

  it("reads the default, sets a quota that refuses uploads, and goes back to the default", async () => {
    const fresh = await kit.admin("GET", "/v1/admin/media/settings");
    expect(fresh.status).toBe(200);
    expect(fresh.json).toEqual({
      quotaBytes: null,
      defaultQuotaBytes: 5 * 1024 ** 3,
      usedBytes: 0,
      holdUnverifiedMedia: true,
    });
    expect((await uploadOne()).status).toBe(201);
    const used = (await kit.admin("GET", "/v1/admin/media/settings")).json.usedBytes;
    expect(used).toBeGreaterThan(0);

    const tight = await kit.admin("PUT", "/v1/admin/media/settings", { quotaBytes: used });
    expect(tight.status).toBe(200);
    expect(tight.json).toMatchObject({ quotaBytes: used, usedBytes: used, holdUnverifiedMedia: true });
    const refused = await uploadOne();
    expect(refused.status).toBe(413);
    expect(refused.json.error.code).toBe("storage_quota_exceeded");

    const back = await kit.admin("PUT", "/v1/admin/media/settings", { quotaBytes: null });
    expect(back.json.quotaBytes).toBeNull();
    expect((await uploadOne()).status).toBe(201);
  });

  it("refuses a negative, fractional or absurd quota and a non-boolean hold with 422, changing nothing", async () => {
    for (const body of [
      { quotaBytes: -1 },
      { quotaBytes: 1.5 },
      { quotaBytes: 2 ** 60 },
      { quotaBytes: "1GB" },
      { holdUnverifiedMedia: "yes" },
    ]) {
      const res = await kit.admin("PUT", "/v1/admin/media/settings", body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json.error.code).toBe("validation_failed");
    }
    expect((await kit.admin("GET", "/v1/admin/media/settings")).json.quotaBytes).toBeNull();
  });

  it("lets a moderator key read the settings and refuses a key without reviews scopes", async () => {
    const key = await kit.admin("POST", "/v1/admin/keys", { name: "loyalty only", scopes: ["loyalty:read"] });
    expect(key.status).toBe(201);
    const res = await fetch(`${kit.server.url}/v1/admin/media/settings`, {
      headers: { authorization: `Bearer ${key.json.key}` },
    });
    expect(res.status).toBe(403);
  });
});
