import { randomBytes } from "node:crypto";
import type { Review, ReviewSubmission } from "@plaudit/contract";
import type { AppContext } from "../context.ts";
import { type Tx, transaction } from "../db/transaction.ts";
import { ApiError, validationFailed } from "../errors.ts";
import { customerOfToken } from "../keys/store-tokens.ts";
import { requestHash, respondOnce } from "../loyalty/idempotency.ts";
import { holdsUnverifiedMedia, type StoreRecord } from "../stores/store-repo.ts";
import { type ReviewRow, toPublicReview } from "./review-json.ts";
import { searchText } from "./search-text.ts";
import { bodyHash, SPAM_RULES, senderKey, spamHoldReason } from "./spam-rules.ts";
import { applySummaryChange, reviewSummaryChange } from "./summary-repo.ts";
import { hasPurchased } from "./verified-purchase.ts";

/** Review ids are random and opaque: they reveal neither order nor count. */
export function newReviewId(): string {
  return randomBytes(12).toString("base64url");
}

export interface SubmitResult {
  review: Review;
  status: "published" | "pending";
  /** Media attached but held for a moderator (absent when none). */
  mediaHeld?: number;
}

export interface SubmitOptions {
  /**
   * The customer, known by other means than a customer token (the hosted review page's signed
   * link names the order): the review is verified when that customer bought the product.
   */
  customerId?: string;
  /** Runs inside the review's transaction, after it is stored (a review request records it). */
  alsoInTransaction?: (tx: Tx, reviewId: string) => Promise<void>;
  /** The client's address as a key (http/client-ip.ts, an IPv6 client by its /64): only a keyed hash of it is kept (spam-rules.ts). */
  senderAddress?: string;
  /**
   * The Idempotency-Key the client sent: the same key with the same review stores it once and
   * answers it again (a "Try again" after an answer lost to a dropped connection); the same key
   * with another review is 409 idempotency_conflict.
   */
  idempotencyKey?: string;
}

/** The customer a submission's token names, or undefined without a token; 401 for a bad one. */
async function customerOf(
  ctx: AppContext,
  store: StoreRecord,
  token: string | undefined,
): Promise<string | undefined> {
  if (token === undefined || token === "") return undefined;
  return customerOfToken(ctx, store, token);
}

/**
 * Stores a review: published at once or held as pending by the store's moderation setting and the
 * spam rules (never by rating), verified when the token's customer bought the product. The review,
 * its media, the rating summary and any hook (loyalty points) commit in one transaction.
 */
export async function submitReview(
  ctx: AppContext,
  store: StoreRecord,
  productId: string,
  input: ReviewSubmission,
  origin: string,
  options: SubmitOptions = {},
): Promise<SubmitResult> {
  const customerId = options.customerId ?? (await customerOf(ctx, store, input.customerToken));
  const senderAddress = options.senderAddress ?? "unknown";
  let status: "published" | "pending" = store.moderation === "hold" ? "pending" : "published";
  const id = newReviewId();
  const createdAt = ctx.clock().toISOString();

  // A honeypot hit looks accepted to the bot, but nothing is stored.
  if (input.website !== "") {
    const row = rowOf({ id, store, productId, input, createdAt, status, customerId: null, verified: false });
    return { review: toPublicReview(row), status };
  }

  // Asked once, outside the transaction (a PostgreSQL retry must not take a second token).
  const burst = await ctx.rateLimiter.take(
    `review-burst:${store.id}:${senderAddress}`,
    SPAM_RULES.burst,
    ctx.clock(),
  );
  const storeIt = async (tx: Tx) => {
    const verified =
      customerId !== undefined && (await hasPurchased(tx, { storeId: store.id, customerId, productId }));
    const sender = senderKey(store.id, senderAddress);
    const hash = bodyHash(input.body);
    const holdReason = await spamHoldReason(tx, {
      storeId: store.id,
      productId,
      customerId: customerId ?? null,
      senderKey: sender,
      title: input.title,
      body: input.body,
      bodyHash: hash,
      at: createdAt,
      withinBurst: burst.allowed,
    });
    // The transaction may run again (a PostgreSQL retry): judge from the store's setting each time.
    status = holdReason !== null || store.moderation === "hold" ? "pending" : "published";
    const row = rowOf({
      id,
      store,
      productId,
      input,
      createdAt,
      status,
      customerId: customerId ?? null,
      verified,
    });
    row.hold_reason = holdReason;
    row.sender_key = sender;
    row.body_hash = hash;
    await tx
      .insertInto("products")
      .values({ store_id: store.id, product_id: productId, name: null })
      .onConflict((oc) => oc.columns(["store_id", "product_id"]).doNothing())
      .execute();
    await tx.insertInto("reviews").values(row).execute();

    const attached = await ctx.media.attach(tx, {
      storeId: store.id,
      reviewId: id,
      productId,
      mediaIds: input.mediaIds,
      hold: !verified && input.mediaIds.length > 0 && (await holdsUnverifiedMedia(tx, store.id)),
    });
    if (!attached.ok)
      throw validationFailed({ mediaIds: `unknown media: ${attached.unknownIds.join(", ")}` });
    if (attached.count > 0) {
      row.media_count = attached.count;
      row.has_media = 1;
      await tx
        .updateTable("reviews")
        .set({ media_count: attached.count, has_media: 1 })
        .where("id", "=", id)
        .execute();
    }
    if (status === "published") {
      await applySummaryChange(
        tx,
        reviewSummaryChange(
          { storeId: store.id, productId, rating: row.rating, mediaCount: row.media_count },
          1,
        ),
      );
    }
    if (options.alsoInTransaction) await options.alsoInTransaction(tx, id);
    for (const hook of ctx.hooks.reviewSubmitted) {
      await hook(tx, {
        storeId: store.id,
        reviewId: id,
        productId,
        customerId: row.customer_id,
        verified,
        mediaCount: row.media_count,
        status,
      });
    }
    return { row, mediaHeld: attached.held ?? 0 };
  };
  const answer = async (row: ReviewRow, mediaHeld: number): Promise<SubmitResult> => {
    const media =
      row.media_count > 0
        ? ((await ctx.media.forReviews(ctx.db, store.id, [row.id], origin)).get(row.id) ?? [])
        : [];
    return {
      review: toPublicReview(row, media),
      // A replay of a review a moderator rejected since is not published: "pending" to the shopper.
      status: row.status === "published" ? "published" : "pending",
      ...(mediaHeld > 0 ? { mediaHeld } : {}),
    };
  };

  if (options.idempotencyKey === undefined) {
    const made = await transaction(ctx.db, storeIt);
    return answer(made.row, made.mediaHeld);
  }
  // The review this request stored itself (the first with its key) is answered from its row as
  // written, not read back; a replay reads the one the first request stored. Compared by id: an
  // attempt a PostgreSQL retry rolled back may have set it before another request won the key.
  let stored: { row: ReviewRow; mediaHeld: number } | undefined;
  const response = await respondOnce(
    ctx,
    {
      storeId: store.id,
      scope: "review",
      key: options.idempotencyKey,
      customerId: customerId ?? "",
      requestHash: requestHash("review", customerId ?? "", [productId, input]),
      at: createdAt,
    },
    async (tx) => {
      const made = await storeIt(tx);
      stored = made;
      // Only the review's id is kept with the key, not its text (nothing of an erased reviewer
      // stays behind): the answer, first or again, is the review as it is now.
      return {
        response: { status: 201, body: JSON.stringify({ id: made.row.id, mediaHeld: made.mediaHeld }) },
      };
    },
  );
  const kept = JSON.parse(response.body) as { id: string; mediaHeld: number };
  if (stored?.row.id === kept.id) return answer(stored.row, stored.mediaHeld);
  const row = await ctx.db.kysely
    .selectFrom("reviews")
    .selectAll()
    .where("store_id", "=", store.id)
    .where("id", "=", kept.id)
    .executeTakeFirst();
  if (!row) {
    throw new ApiError(
      409,
      "idempotency_conflict",
      "the review sent with this Idempotency-Key was since erased: send it with a new key",
    );
  }
  return answer(row, kept.mediaHeld);
}

function rowOf(args: {
  id: string;
  store: StoreRecord;
  productId: string;
  input: ReviewSubmission;
  createdAt: string;
  status: "published" | "pending";
  customerId: string | null;
  verified: boolean;
}): ReviewRow {
  const { input } = args;
  return {
    id: args.id,
    store_id: args.store.id,
    product_id: args.productId,
    rating: input.rating,
    title: input.title,
    body: input.body,
    search_text: searchText(input.title, input.body),
    author_name: input.author.name,
    author_email: input.author.email,
    customer_id: args.customerId,
    verified: args.verified ? 1 : 0,
    status: args.status,
    created_at: args.createdAt,
    helpful_up: 0,
    helpful_down: 0,
    helpful_score: 0,
    reply_body: null,
    reply_at: null,
    media_count: 0,
    has_media: 0,
    hold_reason: null,
    sender_key: null,
    body_hash: null,
  };
}
