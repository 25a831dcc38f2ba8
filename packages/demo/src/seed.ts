import { randomBytes } from "node:crypto";
import {
  addAdminKey,
  addSigningSecret,
  applySummaryChange,
  createStore,
  currentSigningSecret,
  type Database,
  hashAdminKey,
  type MediaStorage,
  newAdminKey,
  newReviewId,
  plainSecretBox,
  prng,
  type ReviewsTable,
  type SecretBox,
  type SummaryChange,
  searchText,
  type Tx,
  transaction,
} from "@plaudit/server/internals";
import { seedDemoPhotos } from "./seed-demo-photos.ts";
import { seedDemoLoyalty } from "./seed-loyalty.ts";
import {
  AUTHORS,
  DEMO_PRODUCTS,
  INTERNATIONAL,
  LONG_BODY,
  MERCHANT_REPLIES,
  TEXTS_BY_RATING,
} from "./seed-texts.ts";

export const DEMO_STORE_ID = "demo";
/** The demo store takes writes from its own origin (always allowed) and any local dev server. */
export const DEMO_ALLOWED_ORIGINS = ["http://localhost:*", "http://127.0.0.1:*"];

/** The J-shape real review sites show: mostly 5s, a bump of 1s, few in the middle. */
function jShapedRating(random: () => number): number {
  const r = random();
  if (r < 0.1) return 1;
  if (r < 0.15) return 2;
  if (r < 0.23) return 3;
  if (r < 0.42) return 4;
  return 5;
}

const pick = <T>(random: () => number, list: readonly T[]): T =>
  list[Math.floor(random() * list.length)] as T;

type ReviewInsert = Omit<
  ReviewsTable,
  | "helpful_up"
  | "helpful_down"
  | "helpful_score"
  | "media_count"
  | "has_media"
  | "hold_reason"
  | "sender_key"
  | "body_hash"
> & {
  helpful_up: number;
  helpful_down: number;
  helpful_score: number;
};

/** Inserts rows in batches (SQLite caps bound parameters per statement) and updates summaries. */
async function insertReviews(tx: Tx, rows: ReviewInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 400) {
    await tx
      .insertInto("reviews")
      .values(rows.slice(i, i + 400))
      .execute();
  }
  const changes = new Map<string, SummaryChange>();
  for (const row of rows) {
    if (row.status !== "published") continue;
    const change = changes.get(row.product_id) ?? {
      storeId: row.store_id,
      productId: row.product_id,
      count: 0,
      ratingSum: 0,
      histogram: [0, 0, 0, 0, 0],
      mediaCount: 0,
    };
    change.count += 1;
    change.ratingSum += row.rating;
    change.histogram[row.rating - 1] = (change.histogram[row.rating - 1] ?? 0) + 1;
    changes.set(row.product_id, change);
  }
  for (const change of changes.values()) await applySummaryChange(tx, change);
}

export interface SeedResult {
  /** False when the demo store already existed (its data is kept). */
  created: boolean;
  /** The demo store's secret: its full-scope admin key and its customer-token signing secret. */
  secretKey: string;
  reviews: number;
  /** Photos attached to reviews by this run (0 when the store already had review media). */
  photos: number;
}

/** The name of the demo store's PLAUDIT_DEMO_SECRET key in its key list. */
export const DEMO_KEY_NAME = "PLAUDIT_DEMO_SECRET";

/**
 * Makes `secret` the demo store's full-scope admin key and its customer-token signing secret —
 * the one store exempt from keeping them apart, so the demo's shoppers and its admin share one
 * value. The secret it replaces stops working as a key at once (tokens signed with it stay valid
 * for one token lifetime, as after any rotation).
 */
async function setDemoSecret(db: Database, box: SecretBox, secret: string, now: Date): Promise<void> {
  const previous = await currentSigningSecret(db.kysely, box, {
    storeId: DEMO_STORE_ID,
    purpose: "customer_token",
  });
  if (previous === secret) return;
  await transaction(db, async (tx) => {
    if (previous !== undefined) {
      await tx
        .updateTable("admin_keys")
        .set({ revoked_at: now.toISOString() })
        .where("store_id", "=", DEMO_STORE_ID)
        .where("key_hash", "=", hashAdminKey(previous))
        .where("revoked_at", "is", null)
        .execute();
    }
    await addAdminKey(tx, { storeId: DEMO_STORE_ID, name: DEMO_KEY_NAME, scopes: ["*"], key: secret, now });
    await addSigningSecret(tx, box, { storeId: DEMO_STORE_ID, purpose: "customer_token", secret, now });
  });
}

/**
 * Creates the demo store with its products, ≥ 500 reviews, orders of verified buyers, votes and
 * merchant replies, and — given a media storage — photos on ~40 reviews. Idempotent: an existing
 * demo store keeps its data (and gets photos if none of its reviews has media); given a secretKey
 * that differs from the stored one, the stored one is replaced.
 */
export async function seedDemo(
  db: Database,
  options: {
    secretKey?: string;
    now?: Date;
    reviews?: number;
    mediaStorage?: MediaStorage;
    secrets?: SecretBox;
  } = {},
): Promise<SeedResult> {
  const now = options.now ?? new Date();
  const box = options.secrets ?? plainSecretBox;
  const existing = await db.kysely
    .selectFrom("stores")
    .select(["id"])
    .where("id", "=", DEMO_STORE_ID)
    .executeTakeFirst();
  if (existing) {
    if (options.secretKey) await setDemoSecret(db, box, options.secretKey, now);
    // Databases seeded before loyalty existed get the demo program now (idempotent).
    await seedDemoLoyalty(db, DEMO_STORE_ID, now);
    const photos = await seedPhotos(db, options.mediaStorage, now);
    const secretKey =
      (await currentSigningSecret(db.kysely, box, { storeId: DEMO_STORE_ID, purpose: "customer_token" })) ??
      "";
    return { created: false, secretKey, reviews: 0, photos };
  }

  const secretKey = options.secretKey ?? newAdminKey();
  await createStore(
    db,
    {
      id: DEMO_STORE_ID,
      name: "Plaudit Demo Store",
      adminKey: secretKey,
      signingSecret: secretKey,
      allowedOrigins: DEMO_ALLOWED_ORIGINS,
      // The demo's visitors try photo reviews without buying anything: shown at once, as in issue 4.
      // A real store holds them for a moderator unless the merchant turns that off.
      holdUnverifiedMedia: false,
    },
    now,
    box,
  );
  await db.kysely
    .updateTable("admin_keys")
    .set({ name: DEMO_KEY_NAME })
    .where("store_id", "=", DEMO_STORE_ID)
    .execute();
  const count = Math.max(500, options.reviews ?? 540);
  const random = prng(20260101);
  const twoYearsMs = 2 * 365 * 24 * 3600 * 1000;

  await transaction(db, async (tx) => {
    await tx
      .insertInto("products")
      .values(DEMO_PRODUCTS.map((p) => ({ store_id: DEMO_STORE_ID, product_id: p.id, name: p.name })))
      .execute();

    const rows: ReviewInsert[] = [];
    const votes: { review_id: string; voter: string; value: number; created_at: string }[] = [];
    const orders: { customerId: string; productId: string; createdAt: string }[] = [];
    for (let i = 0; i < count; i++) {
      // The first products get most reviews, as in a real shop; every product gets some.
      const product =
        DEMO_PRODUCTS[
          i < DEMO_PRODUCTS.length * 3
            ? i % DEMO_PRODUCTS.length
            : Math.floor(random() ** 1.6 * DEMO_PRODUCTS.length)
        ];
      if (!product) continue;
      const createdMs = now.getTime() - Math.floor(random() * twoYearsMs);
      const createdAt = new Date(createdMs).toISOString();
      let rating = jShapedRating(random);
      let [title, body] = pick(random, TEXTS_BY_RATING[rating - 1] ?? []);
      const roll = random();
      if (roll < 0.08) {
        const intl = pick(random, INTERNATIONAL);
        rating = intl.rating;
        title = intl.title;
        body = intl.body;
      } else if (roll < 0.12 && rating >= 4) {
        title = "An honest long-term review";
        body = LONG_BODY;
      } else if (roll < 0.2) {
        title = "";
        body = pick(random, ["Great.", "Love it", "As described.", "Too small for me.", "Fine."]);
      }
      const id = newReviewId();
      const verified = random() < 0.6;
      const customerId = verified ? `cust-${Math.floor(random() * 100_000)}` : null;
      if (customerId)
        orders.push({
          customerId,
          productId: product.id,
          createdAt: new Date(createdMs - 5 * 86400_000).toISOString(),
        });

      let up = 0;
      let down = 0;
      const voters = random() < 0.45 ? Math.floor(random() * 12) : 0;
      for (let v = 0; v < voters; v++) {
        const value = random() < 0.8 ? 1 : -1;
        if (value === 1) up++;
        else down++;
        votes.push({ review_id: id, voter: `seed-voter-${v}`, value, created_at: createdAt });
      }
      const replied = random() < (rating <= 2 ? 0.5 : 0.1);
      rows.push({
        id,
        store_id: DEMO_STORE_ID,
        product_id: product.id,
        rating,
        title: title ?? "",
        body: body ?? "",
        search_text: searchText(title ?? "", body ?? ""),
        author_name: pick(random, AUTHORS),
        author_email: `shopper${i}@example.com`,
        customer_id: customerId,
        verified: verified ? 1 : 0,
        status: "published",
        created_at: createdAt,
        helpful_up: up,
        helpful_down: down,
        helpful_score: up - down,
        reply_body: replied ? pick(random, MERCHANT_REPLIES) : null,
        reply_at: replied ? new Date(Math.min(now.getTime(), createdMs + 2 * 86400_000)).toISOString() : null,
      });
    }
    await insertReviews(tx, rows);
    for (let i = 0; i < votes.length; i += 500)
      await tx
        .insertInto("review_votes")
        .values(votes.slice(i, i + 500))
        .execute();
    for (const [n, order] of orders.entries()) {
      const orderId = `seed-order-${n}`;
      await tx
        .insertInto("orders")
        .values({
          store_id: DEMO_STORE_ID,
          order_id: orderId,
          customer_id: order.customerId,
          email: null,
          total: 39,
          currency: "EUR",
          referral_code: null,
          created_at: order.createdAt,
        })
        .execute();
      await tx
        .insertInto("order_items")
        .values({
          store_id: DEMO_STORE_ID,
          order_id: orderId,
          product_id: order.productId,
          quantity: 1,
          price: 39,
        })
        .execute();
    }
  });
  await seedDemoLoyalty(db, DEMO_STORE_ID, now);
  const photos = await seedPhotos(db, options.mediaStorage, now);
  return { created: true, secretKey, reviews: count, photos };
}

/** Without a storage there is nowhere to put files: callers that only need reviews skip photos. */
const seedPhotos = (db: Database, storage: MediaStorage | undefined, now: Date) =>
  storage ? seedDemoPhotos(db, storage, { storeId: DEMO_STORE_ID, now }) : Promise.resolve(0);

/**
 * Adds `count` published reviews to one product for benchmarks, in one transaction with batched
 * inserts (100k take a few seconds on SQLite). The store must exist.
 */
export async function seedBenchmarkReviews(
  db: Database,
  options: { storeId?: string; productId?: string; count: number; now?: Date },
): Promise<void> {
  const storeId = options.storeId ?? DEMO_STORE_ID;
  const productId = options.productId ?? "bench-product";
  const now = options.now ?? new Date();
  const random = prng(options.count);
  const prefix = randomBytes(4).toString("hex");
  await transaction(db, async (tx) => {
    await tx
      .insertInto("products")
      .values({ store_id: storeId, product_id: productId, name: "Benchmark product" })
      .onConflict((oc) => oc.columns(["store_id", "product_id"]).doNothing())
      .execute();
    const batch: ReviewInsert[] = [];
    for (let i = 0; i < options.count; i++) {
      const rating = jShapedRating(random);
      const [title, body] = pick(random, TEXTS_BY_RATING[rating - 1] ?? []);
      batch.push({
        id: `${prefix}${i.toString(36).padStart(6, "0")}`,
        store_id: storeId,
        product_id: productId,
        rating,
        title,
        body,
        search_text: searchText(title, body),
        author_name: pick(random, AUTHORS),
        author_email: `bench${i}@example.com`,
        customer_id: null,
        verified: 0,
        status: "published",
        created_at: new Date(now.getTime() - Math.floor(random() * 63_072_000_000)).toISOString(),
        helpful_up: 0,
        helpful_down: 0,
        helpful_score: 0,
        reply_body: null,
        reply_at: null,
      });
      if (batch.length === 5000) await insertReviews(tx, batch.splice(0));
    }
    await insertReviews(tx, batch);
  });
}
