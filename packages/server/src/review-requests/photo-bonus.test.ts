import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROGRAM_AT_ONCE } from "../../testing/loyalty-test-kit.ts";
import {
  pageLinkOf,
  pageTokenOf,
  type RequestKit,
  recipientOf,
  startRequestKit,
} from "../../testing/request-test-kit.ts";
import { solidJpeg } from "../../testing/test-files.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";
import { signCustomerToken } from "../customer-token.ts";
import { PHOTO_BONUS, PHOTO_BONUS_REFUND } from "./photo-bonus.ts";

// The request photo bonus (photoIncentivePoints): paid for a photo or video on a review written
// through a request's page, only while moderation lets the photo show, once per product, the same
// for every rating; a review from anywhere else, or without a photo, gets none.

const BONUS = 30;

describe.each(databasesUnderTest())("the request photo bonus on %s", (kind) => {
  let kit: RequestKit;
  beforeAll(async () => {
    kit = await startRequestKit(kind);
    await kit.settings({ photoIncentivePoints: BONUS, reminderDays: 0 });
    const program = await kit.call("PUT", "/v1/admin/loyalty/program", PROGRAM_AT_ONCE);
    expect(program.status).toBe(200);
    await kit.product("lamp", "Desk lamp");
  });
  afterAll(() => kit.close());

  const photo = async () => {
    const form = new FormData();
    form.append(
      "file",
      new Blob([new Uint8Array(await solidJpeg(300, 200))], { type: "image/jpeg" }),
      "p.jpg",
    );
    return form;
  };

  /** An order mailed a request; its shopper reviews the lamp on the page, with a photo or not. */
  async function reviewThroughRequest(orderId: string, args: { rating: number; withPhoto: boolean }) {
    const email = `${orderId}@example.com`;
    await kit.order(orderId, { email, customerId: `c-${orderId}` });
    await kit.runner().drain();
    const mail = kit.sink.messages.find((m) => recipientOf(m) === email);
    const link = pageLinkOf(mail!);
    const token = pageTokenOf(link);
    const page = await (await fetch(link)).text();
    // The page offers the bonus with the photo form, whatever the star clicked.
    expect(page).toContain(`earn ${BONUS} `);
    if (args.withPhoto) {
      const uploaded = await fetch(`${kit.server.url}/r/${token}/media?product=lamp`, {
        method: "POST",
        body: await photo(),
        redirect: "manual",
      });
      expect(uploaded.status).toBe(303);
    }
    const submitted = await kit.postReviewForm(token, {
      product: "lamp",
      rating: String(args.rating),
      body: `What I think of the lamp from order ${orderId}.`,
      name: "Pat",
    });
    expect(submitted.status).toBe(303);
    const thanks = await (await fetch(new URL(submitted.headers.get("location")!, kit.server.url))).text();
    const row = await kit.server.db.kysely
      .selectFrom("review_request_reviews")
      .innerJoin("review_requests", "review_requests.id", "review_request_reviews.request_id")
      .select("review_request_reviews.review_id")
      .where("review_requests.order_id", "=", orderId)
      .executeTakeFirstOrThrow();
    return { reviewId: row.review_id, customerId: `c-${orderId}`, thanks };
  }

  const ledger = (customerId: string) =>
    kit.server.db.kysely
      .selectFrom("loyalty_ledger")
      .select(["action", "delta"])
      .where("store_id", "=", kit.storeId)
      .where("customer_id", "=", customerId)
      .orderBy("created_at")
      .orderBy("id")
      .execute()
      .then((rows) => rows.map((r) => ({ action: r.action, delta: Number(r.delta) })));
  const bonusOf = async (customerId: string) =>
    (await ledger(customerId))
      .filter((r) => r.action === PHOTO_BONUS || r.action === PHOTO_BONUS_REFUND)
      .reduce((sum, r) => sum + r.delta, 0);

  it("pays the bonus for a photo on a requested review, the same for one star as for five", async () => {
    const low = await reviewThroughRequest("pb-low", { rating: 1, withPhoto: true });
    const high = await reviewThroughRequest("pb-high", { rating: 5, withPhoto: true });
    for (const review of [low, high]) {
      expect(await bonusOf(review.customerId)).toBe(BONUS);
      expect((await ledger(review.customerId)).filter((r) => r.action === PHOTO_BONUS)).toHaveLength(1);
    }
    // The thank-you page counts it in: review points, the media bonus and this bonus.
    const earned = PROGRAM_AT_ONCE.earning
      .filter((e) => e.action === "review" || e.action === "review_with_media")
      .reduce((sum, e) => sum + e.points, BONUS);
    expect(low.thanks).toContain(`You earned ${earned} `);
    expect(high.thanks).toContain(`You earned ${earned} `);
  });

  it("pays nothing for a requested review without a photo", async () => {
    const plain = await reviewThroughRequest("pb-plain", { rating: 4, withPhoto: false });
    expect(await bonusOf(plain.customerId)).toBe(0);
    expect((await ledger(plain.customerId)).map((r) => r.action)).toContain("review");
  });

  it("takes the bonus back when moderation rejects the photo, and never pays it twice", async () => {
    const review = await reviewThroughRequest("pb-reject", { rating: 3, withPhoto: true });
    expect(await bonusOf(review.customerId)).toBe(BONUS);
    const media = await kit.server.db.kysely
      .selectFrom("media")
      .select("id")
      .where("review_id", "=", review.reviewId)
      .executeTakeFirstOrThrow();
    expect((await kit.call("PATCH", `/v1/admin/media/${media.id}`, { status: "rejected" })).status).toBe(200);
    expect(await bonusOf(review.customerId)).toBe(0);
    // Shown again: once taken back, the bonus is not paid again.
    expect((await kit.call("PATCH", `/v1/admin/media/${media.id}`, { status: "ready" })).status).toBe(200);
    expect(await bonusOf(review.customerId)).toBe(0);
  });

  it("takes the bonus back when the review is unpublished", async () => {
    const review = await reviewThroughRequest("pb-unpublish", { rating: 2, withPhoto: true });
    expect(await bonusOf(review.customerId)).toBe(BONUS);
    const patched = await kit.call("PATCH", `/v1/admin/reviews/${review.reviewId}`, { status: "rejected" });
    expect(patched.status).toBe(200);
    expect(await bonusOf(review.customerId)).toBe(0);
  });

  it("pays nothing for a photo review that did not come from a request", async () => {
    await kit.order("pb-widget", { email: "widget@example.com", customerId: "c-widget" });
    const uploaded = await fetch(`${kit.server.url}/v1/stores/${kit.storeId}/media`, {
      method: "POST",
      body: await photo(),
    });
    expect(uploaded.status).toBe(201);
    const media = (await uploaded.json()) as { id: string };
    const res = await fetch(`${kit.server.url}/v1/stores/${kit.storeId}/products/lamp/reviews`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://shop.example" },
      body: JSON.stringify({
        rating: 5,
        body: "Bought it on the shop's site and wrote this there.",
        author: { name: "Wen", email: "widget@example.com" },
        mediaIds: [media.id],
        customerToken: signCustomerToken(kit.signingSecret, "c-widget", kit.time.clock()),
      }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const actions = (await ledger("c-widget")).map((r) => r.action);
    // Loyalty's own review points and media bonus, and not the request bonus.
    expect(actions).toContain("review_with_media");
    expect(actions).not.toContain(PHOTO_BONUS);
  });

  it("names the points in the page's language when the merchant wrote it in it, else the default", async () => {
    const named = { ...PROGRAM_AT_ONCE, pointsName: "Stars", pointsNames: { de: "Sterne", he: "כוכבים" } };
    expect((await kit.call("PUT", "/v1/admin/loyalty/program", named)).status).toBe(200);
    for (const [locale, words] of [
      ["de", `Sie erhalten ${BONUS} Sterne`],
      ["he", `וקבלו ${BONUS} כוכבים`],
      ["en", `earn ${BONUS} Stars`],
    ]) {
      const email = `pb-named-${locale}@example.com`;
      await kit.order(`pb-named-${locale}`, { email, customerId: `c-named-${locale}`, locale });
      await kit.runner().drain();
      const mail = kit.sink.messages.find((m) => recipientOf(m) === email);
      expect(await (await fetch(pageLinkOf(mail!))).text(), locale).toContain(words);
    }
    expect((await kit.call("PUT", "/v1/admin/loyalty/program", PROGRAM_AT_ONCE)).status).toBe(200);
  });
});
