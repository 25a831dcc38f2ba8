import type { PersonLookup } from "@plaudit/contract";
import type { Kysely } from "kysely";
import type { Schema } from "../db/schema.ts";
import { keysOf, parseFiles } from "../media/media-json.ts";
import { belongsTo, type Person, type PersonQuery, requestsOf, votersOf } from "./person.ts";

type Queryable = Kysely<Schema>;

/**
 * Everything one store holds about one person (GDPR article 15; Shopify's customers/data_request),
 * as one JSON document: their reviews (with the address they gave and their photos), orders,
 * loyalty accounts, ledger and redemptions, and the review requests mailed to them. Votes are
 * anonymous (a voter id kept in the shopper's browser): they are included when the request gives
 * that voter id.
 */
export async function exportPerson(
  db: Queryable,
  storeId: string,
  query: PersonQuery & { voter?: string },
  person: Person,
  now: Date,
) {
  const reviews = await db
    .selectFrom("reviews")
    .selectAll()
    .where("store_id", "=", storeId)
    .where(belongsTo(person, { customerId: "customer_id", email: "author_email" }))
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const reviewIds = reviews.map((r) => r.id);
  const media =
    reviewIds.length > 0
      ? await db
          .selectFrom("media")
          .selectAll()
          .where("store_id", "=", storeId)
          .where("review_id", "in", reviewIds)
          .orderBy("review_id")
          .orderBy("position")
          .execute()
      : [];
  // A signed-in shopper's vote counts for "customer:<id>" (reviews/vote-identity.ts); older
  // widgets' votes carry the browser's voter id, included when the request names it.
  const voters = votersOf(person, query.voter);
  const votes =
    voters.length > 0
      ? await db
          .selectFrom("review_votes")
          .innerJoin("reviews", "reviews.id", "review_votes.review_id")
          .select(["review_votes.review_id", "review_votes.value", "review_votes.created_at"])
          .where("reviews.store_id", "=", storeId)
          .where("review_votes.voter", "in", voters)
          .orderBy("review_votes.created_at")
          .execute()
      : [];
  const orders = await db
    .selectFrom("orders")
    .selectAll()
    .where("store_id", "=", storeId)
    .where(belongsTo(person, { customerId: "customer_id", email: "email" }))
    .orderBy("created_at")
    .orderBy("order_id")
    .execute();
  const orderIds = orders.map((o) => o.order_id);
  const items =
    orderIds.length > 0
      ? await db
          .selectFrom("order_items")
          .selectAll()
          .where("store_id", "=", storeId)
          .where("order_id", "in", orderIds)
          .execute()
      : [];
  const byCustomer = { customerId: "customer_id" };
  const accounts = await db
    .selectFrom("loyalty_balances")
    .selectAll()
    .where("store_id", "=", storeId)
    .where(belongsTo(person, byCustomer))
    .execute();
  const ledger = await db
    .selectFrom("loyalty_ledger")
    .selectAll()
    .where("store_id", "=", storeId)
    .where(belongsTo(person, byCustomer))
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const pending = await db
    .selectFrom("loyalty_pending")
    .selectAll()
    .where("store_id", "=", storeId)
    .where(belongsTo(person, byCustomer))
    .orderBy("created_at")
    .execute();
  const redemptions = await db
    .selectFrom("loyalty_redemptions")
    .selectAll()
    .where("store_id", "=", storeId)
    .where(belongsTo(person, byCustomer))
    .orderBy("created_at")
    .execute();
  const requests = await db
    .selectFrom("review_requests")
    .selectAll()
    .where("store_id", "=", storeId)
    .where(requestsOf(person, orderIds))
    .orderBy("created_at")
    .execute();
  // Photos uploaded on a request's page that still wait for their review.
  const requestIds = requests.map((r) => r.id);
  const waiting =
    requestIds.length > 0
      ? await db
          .selectFrom("review_request_media")
          .innerJoin("media", "media.id", "review_request_media.media_id")
          .select([
            "review_request_media.request_id",
            "review_request_media.product_id",
            "media.id",
            "media.files",
          ])
          .where("review_request_media.request_id", "in", requestIds)
          .where("media.review_id", "is", null)
          .execute()
      : [];

  return {
    store: storeId,
    exportedAt: now.toISOString(),
    request: query,
    person: { customerIds: person.customerIds, emails: person.emails },
    reviews: reviews.map((r) => ({
      id: r.id,
      productId: r.product_id,
      rating: Number(r.rating),
      title: r.title,
      body: r.body,
      author: { name: r.author_name, email: r.author_email },
      customerId: r.customer_id,
      verified: Number(r.verified) === 1,
      status: r.status,
      createdAt: r.created_at,
      reply: r.reply_body === null ? null : { body: r.reply_body, at: r.reply_at },
      helpful: { up: Number(r.helpful_up), down: Number(r.helpful_down) },
      media: media
        .filter((m) => m.review_id === r.id)
        .map((m) => ({
          id: m.id,
          kind: m.kind,
          status: m.status,
          width: Number(m.width),
          height: Number(m.height),
          createdAt: m.created_at,
          files: keysOf(parseFiles(m.files)),
        })),
    })),
    votes: votes.map((v) => ({ reviewId: v.review_id, value: Number(v.value), createdAt: v.created_at })),
    orders: orders.map((o) => ({
      orderId: o.order_id,
      customerId: o.customer_id,
      email: o.email,
      customerName: o.customer_name,
      locale: o.locale,
      total: Number(o.total),
      currency: o.currency,
      referralCode: o.referral_code,
      createdAt: o.created_at,
      fulfilledAt: o.fulfilled_at,
      items: items
        .filter((i) => i.order_id === o.order_id)
        .map((i) => ({ productId: i.product_id, quantity: Number(i.quantity), price: Number(i.price) })),
    })),
    loyalty: {
      accounts: accounts.map((a) => ({
        customerId: a.customer_id,
        balance: Number(a.balance),
        lifetimeEarned: Number(a.lifetime_earned),
        joinedAt: a.joined_at,
        lastActivityAt: a.last_activity_at,
        referralCode: a.referral_code,
        birthday: a.birthday,
        createdAt: a.created_at,
      })),
      ledger: ledger.map((l) => ({
        id: l.id,
        customerId: l.customer_id,
        delta: Number(l.delta),
        action: l.action,
        reference: l.reference,
        reason: l.reason,
        createdAt: l.created_at,
      })),
      pending: pending.map((p) => ({
        customerId: p.customer_id,
        action: p.action,
        reference: p.reference,
        points: Number(p.points),
        reason: p.reason,
        availableAt: p.available_at,
        status: p.status,
        createdAt: p.created_at,
        settledAt: p.settled_at,
      })),
      redemptions: redemptions.map((r) => ({
        id: r.id,
        customerId: r.customer_id,
        rewardId: r.reward_id,
        reward: JSON.parse(r.reward) as unknown,
        pointsSpent: Number(r.points_spent),
        status: r.status,
        code: r.code,
        createdAt: r.created_at,
        issuedAt: r.issued_at,
      })),
    },
    reviewRequests: requests.map((r) => ({
      id: r.id,
      orderId: r.order_id,
      email: r.email,
      status: r.status,
      scheduledFor: r.scheduled_for,
      sentAt: r.sent_at,
      reminderSentAt: r.reminder_sent_at,
      clickedAt: r.clicked_at,
      reviewedAt: r.reviewed_at,
      createdAt: r.created_at,
      waitingMedia: waiting
        .filter((m) => m.request_id === r.id)
        .map((m) => ({ id: m.id, productId: m.product_id, files: keysOf(parseFiles(m.files)) })),
    })),
    // Questions and answers are planned (API.md); none are held yet.
    questions: [] as never[],
  };
}

export type PersonExport = Awaited<ReturnType<typeof exportPerson>>;

/** The lookup's answer: the person and their records counted, none of the records themselves. */
export function lookupOf(doc: PersonExport): PersonLookup {
  return {
    person: doc.person,
    counts: {
      reviews: doc.reviews.length,
      orders: doc.orders.length,
      loyaltyAccounts: doc.loyalty.accounts.length,
      ledgerEntries: doc.loyalty.ledger.length + doc.loyalty.pending.length,
      redemptions: doc.loyalty.redemptions.length,
      reviewRequests: doc.reviewRequests.length,
      votes: doc.votes.length,
    },
  };
}

/** How many records the export holds: 0 means the store knows nothing of this person. */
export function recordCount(doc: PersonExport): number {
  return Object.values(lookupOf(doc).counts).reduce((sum, n) => sum + n, 0);
}
