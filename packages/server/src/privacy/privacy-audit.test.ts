// What a privacy request leaves in the audit log (privacy-audit.ts). Before, every Find on the
// admin's privacy screen was recorded as `privacy.export` (it read the whole export to count it),
// a person known only by address was named "(address)", and the CLI's export left no row at all.
// Now: a lookup is `privacy.lookup` (counts only, no records in the answer), a download is
// `privacy.export`, an erasure `privacy.erase`; each names the person the same way, and erasure
// rewrites them all to its pseudonym.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, postJson } from "../../testing/fixtures.ts";
import { type LoyaltyKit, startLoyaltyKit } from "../../testing/loyalty-test-kit.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";
import { signedInUser } from "../../testing/test-session.ts";
import { addressHash } from "../suppression/index.ts";

describe.each(databasesUnderTest())("privacy requests in the audit log on %s", (kind) => {
  let kit: LoyaltyKit;
  let support: Awaited<ReturnType<typeof signedInUser>>;
  const asSupport = () => ({ cookie: support.cookie });
  // Each request a second after the last: the rows' times give their order.
  const lookup = (query: string) => {
    kit.time.advance(1000);
    return getJson(`${kit.server.url}/v1/admin/privacy/lookup?${query}`, asSupport());
  };
  const exported = (query: string) => {
    kit.time.advance(1000);
    return getJson(`${kit.server.url}/v1/admin/privacy/export?${query}`, asSupport());
  };
  /** The support user's privacy rows, oldest first. */
  const rowsOf = async () =>
    (
      await kit.server.db.kysely
        .selectFrom("audit_log")
        .select(["action", "actor_kind", "actor_id", "target"])
        .where("store_id", "=", kit.storeId)
        .where("action", "like", "privacy.%")
        .orderBy("at")
        .execute()
    ).filter((r) => r.actor_id === support.userId);

  beforeAll(async () => {
    kit = await startLoyaltyKit(kind);
    support = await signedInUser(kit.server.url, kit.server.db, kit.storeId, "support");
    expect((await kit.order("o-lin", "c-lin", 40, { email: "lin@example.org" })).status).toBe(201);
    // A guest who only wrote a review: known by address alone.
    const review = await postJson(`${kit.server.url}/v1/stores/${kit.storeId}/products/mug/reviews`, {
      rating: 4,
      body: "Holds the heat.",
      author: { name: "Gus Guest", email: "Gus@Example.net" },
    });
    expect(review.status).toBe(201);
  });
  afterAll(() => kit.close());

  it("a lookup counts what is held, hands out no record, and is recorded as privacy.lookup", async () => {
    const found = await lookup("email=LIN@example.org");
    expect(found.status).toBe(200);
    expect(found.headers.get("cache-control")).toBe("no-store");
    expect(found.json).toEqual({
      person: { customerIds: ["c-lin"], emails: ["lin@example.org"] },
      counts: {
        reviews: 0,
        orders: 1,
        loyaltyAccounts: 1,
        ledgerEntries: expect.any(Number),
        redemptions: 0,
        reviewRequests: 0,
        votes: 0,
      },
    });
    // Counts, not records: nothing of the order itself is in the answer.
    expect(JSON.stringify(found.json)).not.toContain("o-lin");
    expect(await rowsOf()).toEqual([
      // Asked by address: named by their customer id all the same.
      { action: "privacy.lookup", actor_kind: "user", actor_id: support.userId, target: "c-lin" },
    ]);

    const full = await exported("customerId=c-lin");
    expect(full.status).toBe(200);
    expect(full.json.orders.map((o: { orderId: string }) => o.orderId)).toEqual(["o-lin"]);
    expect((await rowsOf()).map((r) => [r.action, r.target])).toEqual([
      ["privacy.lookup", "c-lin"],
      ["privacy.export", "c-lin"],
    ]);
  });

  it("names a person without a customer id by the keyed hash of the address, never the address", async () => {
    const before = (await rowsOf()).length;
    expect((await lookup("email=gus@example.net")).json.counts.reviews).toBe(1);
    expect((await exported("email=gus@example.net")).status).toBe(200);
    const hash = await addressHash(kit.server.db.kysely, kit.storeId, "gus@example.net");
    const rows = (await rowsOf()).slice(before);
    expect(rows.map((r) => [r.action, r.target])).toEqual([
      ["privacy.lookup", `address-${hash}`],
      ["privacy.export", `address-${hash}`],
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/gus/i);
  });

  it("refuses as API.md says and records nothing refused", async () => {
    const before = (await rowsOf()).length;
    const nobody = await lookup("email=nobody@example.com");
    expect(nobody.status).toBe(404);
    expect(nobody.json.error.code).toBe("not_found");
    const bad = await lookup("email=not-an-address");
    expect(bad.status).toBe(422);
    expect(bad.json.error).toMatchObject({
      code: "validation_failed",
      fields: { email: expect.any(String) },
    });
    const neither = await lookup("");
    expect(neither.status).toBe(422);
    expect(neither.json.error.code).toBe("validation_failed");
    const moderator = await signedInUser(kit.server.url, kit.server.db, kit.storeId, "moderator");
    const refused = await getJson(`${kit.server.url}/v1/admin/privacy/lookup?customerId=c-lin`, {
      cookie: moderator.cookie,
    });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe("insufficient_scope");
    expect(await rowsOf()).toHaveLength(before);
  });

  it("an erasure renames every earlier row about the person to its own pseudonym", async () => {
    const erase = (body: unknown) => {
      kit.time.advance(1000);
      return postJson(`${kit.server.url}/v1/admin/privacy/erase`, body, {
        cookie: support.cookie,
        "x-csrf-token": support.csrf,
      });
    };
    expect((await erase({ customerId: "c-lin" })).status).toBe(200);
    expect((await erase({ email: "gus@example.net" })).status).toBe(200);
    const rows = await rowsOf();
    expect(rows.map((r) => r.action)).toEqual([
      "privacy.lookup",
      "privacy.export",
      "privacy.lookup",
      "privacy.export",
      "privacy.erase",
      "privacy.erase",
    ]);
    const lin = rows[4]?.target ?? "";
    const gus = rows[5]?.target ?? "";
    expect(lin).toMatch(/^erased-/);
    expect(gus).toMatch(/^erased-/);
    expect(gus).not.toBe(lin);
    // Each person's rows now name one pseudonym, and nothing names who they were.
    expect(rows.map((r) => r.target)).toEqual([lin, lin, gus, gus, lin, gus]);
    expect(JSON.stringify(rows)).not.toMatch(/c-lin|address-/);
  });
});
