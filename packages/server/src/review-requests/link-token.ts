import { createHmac, timingSafeEqual } from "node:crypto";
import { normalizeAddress } from "../suppression/index.ts";

// The hosted review page's links carry a token instead of a login: `q.<requestId>.<expiry>.<sig>`
// for a review request (its page and its unsubscribe), `v.<reviewId>.<expiry>.<sig>` for the
// unsubscribe link of a reply notification, `n.<reviewId>.<expiry>.<sig>` for the stop link of a
// merchant's moderation notice (bound to the store's notify address, NOTICES_BINDING). The signature is an HMAC over a purpose prefix, the
// store, the order (or review), the address and the expiry, so a token works for that store, that
// order and that address only, and stops working when the address is erased or changed.
//
// The key is the store's links secret (keys/link-secret.ts: its own purpose, apart from admin keys
// and the customer-token secret), further derived for this one kind of link.

export const LINK_LIFETIME_DAYS = 90;
const PURPOSE = "plaudit.review-link.v1";
const SIG_CHARS = 22; // 128 bits of base64url

export type LinkKind = "q" | "v" | "n";

/** What an `n` token binds to in place of an order or product: the store's moderation notices. */
export const NOTICES_BINDING = "moderation-notices";

export interface LinkSubject {
  kind: LinkKind;
  /** The request's or the review's id. */
  id: string;
  storeId: string;
  /** The order's id (requests) or the product's (reviews). */
  bindsTo: string;
  email: string;
}

/** The key for this kind of link, derived from the store's links secret. */
function linkKey(storeSecret: string): Buffer {
  return createHmac("sha256", storeSecret).update(PURPOSE).digest();
}

function signature(storeSecret: string, subject: LinkSubject, expiresAt: number): string {
  return createHmac("sha256", linkKey(storeSecret))
    .update(
      [
        PURPOSE,
        subject.kind,
        subject.storeId,
        subject.bindsTo,
        normalizeAddress(subject.email),
        subject.id,
        expiresAt,
      ].join("\n"),
    )
    .digest("base64url")
    .slice(0, SIG_CHARS);
}

export function signLink(storeSecret: string, subject: LinkSubject, now: Date): string {
  const expiresAt = Math.floor(now.getTime() / 1000) + LINK_LIFETIME_DAYS * 24 * 60 * 60;
  return `${subject.kind}.${subject.id}.${expiresAt.toString(36)}.${signature(storeSecret, subject, expiresAt)}`;
}

export interface ParsedLink {
  kind: LinkKind;
  id: string;
  expiresAt: number;
  sig: string;
}

/** The parts of a token, or undefined when it is not one at all. */
export function parseLink(token: string): ParsedLink | undefined {
  const match = /^([qvn])\.([A-Za-z0-9_-]{8,40})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return undefined;
  return {
    kind: match[1] as LinkKind,
    id: match[2] as string,
    expiresAt: Number.parseInt(match[3] as string, 36),
    sig: match[4] as string,
  };
}

/**
 * Whether the parsed token was signed for this subject (constant-time) and is still in date. The
 * caller looked the subject up by the token's id; a token for another store, order or address
 * fails here as "forged".
 */
export function checkLink(
  storeSecret: string,
  parsed: ParsedLink,
  subject: LinkSubject,
  now: Date,
): "ok" | "forged" | "expired" {
  const expected = Buffer.from(signature(storeSecret, subject, parsed.expiresAt));
  const given = Buffer.from(parsed.sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return "forged";
  return now.getTime() / 1000 > parsed.expiresAt ? "expired" : "ok";
}
