import { createHash } from "node:crypto";
import type { Tx } from "../db/transaction.ts";

// Reviews that look like spam are held for moderation, with the reason shown to the moderator
// (admin review JSON `holdReason`), never rejected outright: a person decides. The rules read the
// text and who sent it, never the rating (16 CFR 465: nothing held or published by rating).

export const SPAM_RULES = {
  /**
   * Reviews one address may send in a burst, refilled at 5 an hour; beyond it they are held. It
   * is a rate-limiter bucket, so `PLAUDIT_RATE_LIMITS=off` (and the tests' default) lifts it.
   */
  burst: { capacity: 5, refillPerSecond: 5 / 3600 },
  /**
   * Bodies shorter than this (after normalizedText) may repeat across products: "Love it, great
   * quality" on three things one bought is honest. Longer ones from one customer or address are held.
   */
  sameBodyMinLength: 40,
} as const;

const LINK =
  /\bhttps?:\/\/|\bwww\.|\b[a-z0-9-]{2,}\.(?:com|net|org|info|biz|io|co|ru|cn|xyz|top|shop|site|online|link|click|ly)\b/i;

/** Lower-cased words, punctuation and spacing dropped: what "the same text" compares. */
export function normalizedText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export function bodyHash(body: string): string {
  return createHash("sha256").update(normalizedText(body)).digest("base64url").slice(0, 22);
}

/** A keyed hash of the sender's address, per store: bursts are counted without keeping addresses. */
export function senderKey(storeId: string, address: string): string {
  return createHash("sha256")
    .update(`plaudit-sender\n${storeId}\n${address}`)
    .digest("base64url")
    .slice(0, 22);
}

/**
 * "repeated text": one character run on ten times, or a handful of words (≤ 20 different ones)
 * making up a text of mostly repeats. A long honest review uses far more different words.
 */
export function isRepeatedText(text: string): boolean {
  if (/(\S)\1{9,}/u.test(text)) return true;
  const words = normalizedText(text).split(" ").filter(Boolean);
  if (words.length < 8) return false;
  const distinct = new Set(words).size;
  return distinct <= 20 && distinct / words.length < 0.3;
}

export interface Submission {
  storeId: string;
  productId: string;
  customerId: string | null;
  senderKey: string;
  title: string;
  body: string;
  bodyHash: string;
  at: string;
  /** False when the sender's address is over its burst bucket (the caller asked the limiter). */
  withinBurst: boolean;
}

/** Why the spam rules hold this review, or null. Run inside the submit transaction, before insert. */
export async function spamHoldReason(tx: Tx, review: Submission): Promise<string | null> {
  if (LINK.test(review.body) || LINK.test(review.title)) return "links in the review";
  if (isRepeatedText(review.body)) return "repeated text";
  if (!review.withinBurst) return "a burst of reviews from one address";
  if (normalizedText(review.body).length < SPAM_RULES.sameBodyMinLength) return null;
  const same = await tx
    .selectFrom("reviews")
    .select("product_id")
    .where("store_id", "=", review.storeId)
    .where("body_hash", "=", review.bodyHash)
    .where("product_id", "!=", review.productId)
    .where((eb) => {
      const bySender = eb("sender_key", "=", review.senderKey);
      return review.customerId ? eb.or([bySender, eb("customer_id", "=", review.customerId)]) : bySender;
    })
    .limit(1)
    .executeTakeFirst();
  if (same) return `the same text as this customer's review of ${same.product_id}`;
  return null;
}
