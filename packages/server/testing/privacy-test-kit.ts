import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import { expect } from "vitest";
import { postJson } from "./fixtures.ts";
import type { LoyaltyKit } from "./loyalty-test-kit.ts";
import { solidJpeg } from "./test-files.ts";
import { filePart, upload } from "./upload-client.ts";

// What the privacy suites seed and scan: two shoppers with everything a store can hold about a
// person (orders, reviews with photos, a merchant reply, votes, points, a redemption, a birthday, a
// review request), and scans of every place Plaudit keeps data for a text.

export interface Shopper {
  name: string;
  email: string;
  customerId: string;
  voter: string;
  /** Their helpful votes' voter: signed in, a vote counts for the customer id. */
  files: string[];
}

export const shopper = (first: string, last: string, domain: string): Shopper => ({
  name: `${first} ${last}`,
  email: `${first}.${last}@${domain}`.toLowerCase(),
  customerId: `cust-${first.toLowerCase()}`,
  voter: `customer:cust-${first.toLowerCase()}`,
  files: [],
});

/** Review requests on, so a fulfilled order with an address gets one (review-requests/). */
export async function enableReviewRequests(kit: LoyaltyKit): Promise<void> {
  kit.server.app.ctx.publicUrl = kit.server.url;
  const settings = await kit.admin("PUT", "/v1/admin/review-requests/settings", {
    enabled: true,
    delayDays: 3,
    reminderDays: 7,
    from: { name: "Test shop", email: "hello@shop.example" },
  });
  expect(settings.status, settings.text).toBe(200);
}

let seeded = 0;

/** Seeds every kind of record for the shopper through the API (and a review request row). */
export async function seedShopper(kit: LoyaltyKit, who: Shopper): Promise<void> {
  // Keys and order ids that do not spell the person (a client may choose such keys; ours don't).
  const n = ++seeded;
  const url = kit.server.url;
  const store = `${url}/v1/stores/${kit.storeId}`;
  const first = who.name.split(" ")[0] as string;
  const orderId = `order-${n}`;
  const order = await kit.order(orderId, who.customerId, 60, {
    email: who.email.toUpperCase(),
    customerName: who.name,
    fulfilledAt: kit.time.clock().toISOString(),
  });
  expect(order.status).toBe(201);

  const photo = await upload(`${store}/media`, [filePart(await solidJpeg(320, 240, "#336699"))]);
  expect(photo.status).toBe(201);
  const verified = await postJson(`${store}/products/tee/reviews`, {
    rating: 4,
    title: `${first}'s verdict`,
    body: `I am ${who.name} and the tee fits well.`,
    author: { name: who.name, email: who.email },
    customerToken: kit.token(who.customerId),
    mediaIds: [photo.json.id],
  });
  expect(verified.status).toBe(201);
  const byAddress = await postJson(`${store}/products/mug/reviews`, {
    rating: 2,
    title: "Chipped",
    // An address in the text: held for moderation (spam rules), still the person's review.
    body: `The mug arrived chipped, write to me at ${who.email}.`,
    author: { name: who.name, email: who.email },
  });
  expect(byAddress.status).toBe(201);
  const reply = await kit.admin("PATCH", `/v1/admin/reviews/${byAddress.json.review.id}`, {
    reply: `Sorry ${first}, a new mug is on its way.`,
  });
  expect(reply.status).toBe(200);
  // A signed-in shopper's vote counts for their customer id (reviews/vote-identity.ts).
  const vote = await postJson(
    `${store}/reviews/${verified.json.review.id}/votes`,
    { value: "up", voter: "browser-made-id" },
    { "x-plaudit-customer": kit.token(who.customerId) },
  );
  expect(vote.status).toBe(200);

  expect((await kit.adjust(who.customerId, 1000, `goodwill-${n}`)).status).toBe(201);
  const birthday = await kit.admin("PUT", `/v1/admin/loyalty/customers/${who.customerId}`, {
    birthday: "07-14",
  });
  expect(birthday.status).toBe(200);
  const redeemed = await kit.redeem(who.customerId, "five-off", `redeem-${n}`);
  expect(redeemed.status, redeemed.text).toBe(201);

  // The order's review request (requests are on, enableReviewRequests): its send failed once,
  // and the mail server's answer named the address.
  const request = await kit.server.db.kysely
    .updateTable("review_requests")
    .set({ status: "failed", attempts: 1, last_error: `550 mailbox ${who.email} is full` })
    .where("store_id", "=", kit.storeId)
    .where("order_id", "=", orderId)
    .executeTakeFirst();
  expect(Number(request.numUpdatedRows)).toBe(1);
  // A photo uploaded on the request's page, still waiting for its review.
  const waiting = await upload(`${store}/media`, [filePart(await solidJpeg(320, 240, "#996633"))]);
  expect(waiting.status).toBe(201);
  const { id: requestId } = await kit.server.db.kysely
    .selectFrom("review_requests")
    .select("id")
    .where("store_id", "=", kit.storeId)
    .where("order_id", "=", orderId)
    .executeTakeFirstOrThrow();
  await kit.server.db.kysely
    .insertInto("review_request_media")
    .values({
      request_id: requestId,
      product_id: "tee",
      media_id: waiting.json.id,
      created_at: kit.time.clock().toISOString(),
    })
    .execute();

  const media = await kit.server.db.kysely
    .selectFrom("media")
    .select("files")
    .where("id", "in", [photo.json.id, waiting.json.id])
    .execute();
  expect(media).toHaveLength(2);
  for (const m of media) {
    const files = JSON.parse(m.files) as { images: { webp: string; jpg: string }[] };
    who.files.push(...files.images.flatMap((i) => [i.webp, i.jpg]));
  }
  expect(who.files.length).toBeGreaterThan(0);
}

/** The texts that must not survive an erasure, in the forms Plaudit could have stored them. */
export const tracesOf = (who: Shopper) => [who.name, who.email, who.name.split(" ")[1] as string];

/** Every file under a folder, recursively. */
export function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Case-insensitive byte search (ASCII traces) in a file. */
export function fileHolds(path: string, texts: string[]): string[] {
  const bytes = readFileSync(path).toString("latin1").toLowerCase();
  return texts.filter((t) => bytes.includes(t.toLowerCase()));
}

/** PostgreSQL: every text column of every table of the test's schema that holds one of the texts. */
export async function postgresColumnsHolding(kit: LoyaltyKit, texts: string[]): Promise<string[]> {
  const db = kit.server.db.kysely;
  const { rows: columns } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and data_type in ('text', 'character varying')`.execute(db);
  expect(columns.length).toBeGreaterThan(30);
  const found: string[] = [];
  for (const { table_name, column_name } of columns) {
    for (const text of texts) {
      const { rows } = await sql<{ n: string }>`
        select count(*) as n from ${sql.table(table_name)}
        where strpos(lower(${sql.ref(column_name)}), ${text.toLowerCase()}) > 0`.execute(db);
      if (Number(rows[0]?.n) > 0) found.push(`${table_name}.${column_name} holds ${text}`);
    }
  }
  return found;
}
