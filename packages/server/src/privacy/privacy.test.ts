import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, postJson } from "../../testing/fixtures.ts";
import { type LoyaltyKit, startLoyaltyKit } from "../../testing/loyalty-test-kit.ts";
import {
  enableReviewRequests,
  fileHolds,
  postgresColumnsHolding,
  type Shopper,
  seedShopper,
  shopper,
  tracesOf,
  walk,
} from "../../testing/privacy-test-kit.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";
import { signedInUser } from "../../testing/test-session.ts";
import { isSuppressed } from "../suppression/index.ts";

describe.each(databasesUnderTest())("privacy requests on %s", (kind) => {
  let kit: LoyaltyKit;
  const zelda = shopper("Zelda", "Quintrell", "example.org");
  const bob = shopper("Bob", "Marchetti", "example.net");
  const auth = () => ({ authorization: `Bearer ${kit.secretKey}` });
  const exportOf = (query: string) => getJson(`${kit.server.url}/v1/admin/privacy/export?${query}`, auth());
  const erase = (body: unknown) => postJson(`${kit.server.url}/v1/admin/privacy/erase`, body, auth());

  /** What must not move when a person is erased: sums, balances, counts, summaries. */
  async function storeFigures() {
    const db = kit.server.db.kysely;
    const ledger = await db
      .selectFrom("loyalty_ledger")
      .select((eb) => [eb.fn.sum<string>("delta").as("sum"), eb.fn.countAll<string>().as("rows")])
      .where("store_id", "=", kit.storeId)
      .executeTakeFirstOrThrow();
    const balances = await db
      .selectFrom("loyalty_balances")
      .select(["balance", "lifetime_earned"])
      .where("store_id", "=", kit.storeId)
      .orderBy("balance")
      .execute();
    const reviews = await db
      .selectFrom("reviews")
      .select(["product_id", "status", "rating"])
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("store_id", "=", kit.storeId)
      .groupBy(["product_id", "status", "rating"])
      .orderBy("product_id")
      .orderBy("status")
      .orderBy("rating")
      .execute();
    const summaries = await db
      .selectFrom("rating_summaries")
      .select(["product_id", "count", "rating_sum", "h1", "h2", "h3", "h4", "h5", "media_count"])
      .where("store_id", "=", kit.storeId)
      .orderBy("product_id")
      .execute();
    const pending = await db
      .selectFrom("loyalty_pending")
      .select((eb) => [eb.fn.sum<string>("points").as("points"), eb.fn.countAll<string>().as("rows")])
      .where("store_id", "=", kit.storeId)
      .executeTakeFirstOrThrow();
    const orders = await db
      .selectFrom("orders")
      .select((eb) => [eb.fn.sum<string>("total").as("total"), eb.fn.countAll<string>().as("n")])
      .where("store_id", "=", kit.storeId)
      .executeTakeFirstOrThrow();
    const numbers = (rows: object[]) =>
      rows.map((r) =>
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [k, typeof v === "string" && /^\d/.test(v) ? Number(v) : v]),
        ),
      );
    return {
      ledger: numbers([ledger]),
      balances: numbers(balances),
      reviews: numbers(reviews),
      summaries: numbers(summaries),
      orders: numbers([orders]),
      pending: numbers([pending]),
    };
  }

  beforeAll(async () => {
    kit = await startLoyaltyKit(kind);
    await enableReviewRequests(kit);
    await seedShopper(kit, zelda);
    await seedShopper(kit, bob);
  });
  afterAll(() => kit.close());

  it("exports everything held about a person by address or customer id, and nothing of anyone else's", async () => {
    const byEmail = await exportOf(`email=${encodeURIComponent(zelda.email.toUpperCase())}`);
    expect(byEmail.status).toBe(200);
    expect(byEmail.headers.get("cache-control")).toBe("no-store");
    const doc = byEmail.json;
    expect(doc.person).toEqual({ customerIds: [zelda.customerId], emails: [zelda.email] });
    expect(doc.reviews).toHaveLength(2);
    for (const review of doc.reviews) expect(review.author).toEqual({ name: zelda.name, email: zelda.email });
    expect(doc.reviews.flatMap((r: { media: unknown[] }) => r.media)).toHaveLength(1);
    expect(doc.reviews.some((r: { reply: unknown }) => r.reply !== null)).toBe(true);
    expect(doc.votes).toEqual([expect.objectContaining({ value: 1 })]);
    expect(doc.orders).toEqual([
      expect.objectContaining({ customerId: zelda.customerId, email: zelda.email.toUpperCase(), total: 60 }),
    ]);
    expect(doc.orders[0].items).toEqual([{ productId: "tee", quantity: 1, price: 60 }]);
    expect(doc.loyalty.accounts).toEqual([
      expect.objectContaining({ customerId: zelda.customerId, birthday: "07-14" }),
    ]);
    const actions = doc.loyalty.ledger.map((l: { action: string }) => l.action).sort();
    expect(actions).toEqual(expect.arrayContaining(["adjustment", "redemption"]));
    // Purchase points wait out the return window (trust rules): pending, theirs all the same.
    expect(doc.loyalty.pending.map((p: { action: string }) => p.action)).toContain("purchase");
    const balance = doc.loyalty.ledger.reduce((sum: number, l: { delta: number }) => sum + l.delta, 0);
    expect(doc.loyalty.accounts[0].balance).toBe(balance);
    expect(doc.loyalty.redemptions).toEqual([expect.objectContaining({ rewardId: "five-off" })]);
    expect(doc.reviewRequests).toEqual([
      expect.objectContaining({ email: zelda.email.toUpperCase(), status: "failed" }),
    ]);
    expect(doc.reviewRequests[0].waitingMedia).toHaveLength(1);

    const text = JSON.stringify(doc);
    for (const trace of [...tracesOf(bob), bob.customerId, bob.voter]) expect(text).not.toContain(trace);

    // By customer id: the same records (the address found through their orders and reviews).
    const byId = await exportOf(`customerId=${zelda.customerId}`);
    expect(byId.status).toBe(200);
    expect({ ...byId.json, exportedAt: 0, request: 0 }).toEqual({ ...doc, exportedAt: 0, request: 0 });
  });

  it("answers a request without a subject with 422 and an unknown person with 404", async () => {
    expect((await exportOf("")).status).toBe(422);
    expect((await exportOf("email=not-an-address")).status).toBe(422);
    const unknown = await exportOf("email=nobody%40example.com");
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe("not_found");
    expect((await erase({})).status).toBe(422);
    const auditBefore = await kit.server.db.kysely.selectFrom("audit_log").select("id").execute();
    const erased = await erase({ customerId: "cust-nobody" });
    expect(erased.status).toBe(404);
    expect(erased.json.error.code).toBe("not_found");
    expect(await kit.server.db.kysely.selectFrom("audit_log").select("id").execute()).toHaveLength(
      auditBefore.length,
    );
  });

  it("refuses a moderator export and erasure (403), lets support staff export, and records who did", async () => {
    const moderator = await signedInUser(kit.server.url, kit.server.db, kit.storeId, "moderator");
    const asModerator = { cookie: moderator.cookie, "x-csrf-token": moderator.csrf };
    const refusedExport = await getJson(
      `${kit.server.url}/v1/admin/privacy/export?customerId=${zelda.customerId}`,
      asModerator,
    );
    const refusedErase = await postJson(
      `${kit.server.url}/v1/admin/privacy/erase`,
      { customerId: zelda.customerId },
      asModerator,
    );
    for (const refused of [refusedExport, refusedErase]) {
      expect(refused.status).toBe(403);
      expect(refused.json.error.code).toBe("insufficient_scope");
    }
    const support = await signedInUser(kit.server.url, kit.server.db, kit.storeId, "support");
    const allowed = await getJson(`${kit.server.url}/v1/admin/privacy/export?customerId=${bob.customerId}`, {
      cookie: support.cookie,
    });
    expect(allowed.status).toBe(200);
    const mine = `action=privacy.export&actor=${support.userId}`;
    const [exported] = (await getJson(`${kit.server.url}/v1/admin/audit?${mine}`, auth())).json.items;
    expect(exported).toMatchObject({ actor: { userId: support.userId }, target: bob.customerId });
  });

  it("erases a person: no name, address or photo left anywhere, while sums, balances and summaries stay", async () => {
    const before = await storeFigures();
    const bobBefore = (await exportOf(`customerId=${bob.customerId}`)).json;

    const res = await erase({ email: zelda.email });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toEqual({ erased: { reviews: 2, orders: 1, questions: 0, requests: 1 } });

    // Exact figures: only the product's photo count drops, by Zelda's one photo.
    const after = await storeFigures();
    const tee = (s: typeof before) =>
      s.summaries.find((r) => r.product_id === "tee") as Record<string, number>;
    expect(tee(after).media_count).toBe((tee(before).media_count as number) - 1);
    const withoutPhotos = (s: typeof before) => ({
      ...s,
      summaries: s.summaries.map((r) => ({ ...r, media_count: 0 })),
    });
    expect(withoutPhotos(after)).toEqual(withoutPhotos(before));
    const consistency = await kit.admin("GET", "/v1/admin/loyalty/consistency");
    expect(consistency.json.ok).toBe(true);

    // Nobody else lost anything.
    const bobAfter = (await exportOf(`customerId=${bob.customerId}`)).json;
    expect({ ...bobAfter, exportedAt: 0 }).toEqual({ ...bobBefore, exportedAt: 0 });

    // Not in any table, index, stored answer, free page or log.
    const traces = [...tracesOf(zelda), zelda.customerId, zelda.voter];
    if (kind === "sqlite") {
      const path = kit.server.db.sqlitePath as string;
      for (const file of [path, `${path}-wal`].filter(existsSync))
        expect(fileHolds(file, traces), file).toEqual([]);
      // The scan can see: the other shopper, never erased, is found by it.
      expect(fileHolds(path, tracesOf(bob))).toEqual(tracesOf(bob));
    } else {
      expect(await postgresColumnsHolding(kit, traces)).toEqual([]);
      expect(await postgresColumnsHolding(kit, [bob.email])).not.toEqual([]);
    }
    // Her photo's files are gone from storage; his are still there.
    const stored = walk(kit.server.mediaDir);
    for (const key of zelda.files) expect(existsSync(join(kit.server.mediaDir, key)), key).toBe(false);
    for (const key of bob.files) expect(existsSync(join(kit.server.mediaDir, key)), key).toBe(true);
    for (const file of stored) expect(fileHolds(file, traces), file).toEqual([]);

    // The reviews stay, as a former customer's; the address is never mailed again.
    const reviews = await getJson(`${kit.server.url}/v1/stores/${kit.storeId}/products/tee/reviews`);
    const names = reviews.json.items.map((r: { author: { name: string } }) => r.author.name);
    expect(names).toContain("Former customer");
    expect(names).toContain(bob.name);
    expect(await isSuppressed(kit.server.db.kysely, kit.storeId, zelda.email)).toBe(true);

    // The audit log says an erasure happened and keeps no trace of whom.
    const audit = (action: string) =>
      getJson(`${kit.server.url}/v1/admin/audit?action=${action}`, auth()).then((r) => r.json.items);
    const [erasure] = await audit("privacy.erase");
    expect(erasure.target).toMatch(/^erased-/);
    const adjusted = (await audit("loyalty.adjust")).map((i: { target: string }) => i.target);
    expect(adjusted.sort()).toEqual([bob.customerId, erasure.target].sort());
  });

  it("erases twice harmlessly, by address or by customer id", async () => {
    const before = await storeFigures();
    for (const body of [{ email: zelda.email }, { customerId: zelda.customerId }]) {
      const again = await erase(body);
      expect(again.status).toBe(200);
      expect(again.json).toEqual({ erased: { reviews: 0, orders: 0, questions: 0, requests: 0 } });
    }
    expect(await storeFigures()).toEqual(before);
    expect((await exportOf(`email=${encodeURIComponent(zelda.email)}`)).status).toBe(404);
  });

  it("asked to erase a person four times at once: one answer counts the rows, the others 0, one audit row", async () => {
    const yara = shopper("Yara", "Oduya", "example.com");
    await seedShopper(kit, yara);
    const erasures = () =>
      kit.server.db.kysely
        .selectFrom("audit_log")
        .select("id")
        .where("store_id", "=", kit.storeId)
        .where("action", "=", "privacy.erase")
        .execute();
    const auditBefore = (await erasures()).length;
    // By address and by customer id, as a shop's two systems might both send it.
    const answers = await Promise.all([
      erase({ email: yara.email }),
      erase({ customerId: yara.customerId }),
      erase({ email: yara.email }),
      erase({ email: yara.email, customerId: yara.customerId }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    const zero = { reviews: 0, orders: 0, questions: 0, requests: 0 };
    const counted = answers.filter((a) => JSON.stringify(a.json.erased) !== JSON.stringify(zero));
    expect(counted.map((a) => a.json)).toEqual([
      { erased: { reviews: 2, orders: 1, questions: 0, requests: 1 } },
    ]);
    // Erasing what was already gone changed nothing: it is not recorded as another erasure.
    expect((await erasures()).length).toBe(auditBefore + 1);
  });
});

export type { Shopper };
