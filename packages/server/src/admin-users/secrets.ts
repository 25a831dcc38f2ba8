import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// The random values the admin app hands out (session cookies, invite links) are kept only as
// their sha256, so a copy of the database lets no one sign in.

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** HMAC-SHA256 of `parts` joined unambiguously, keyed by `key`, labelled by `purpose`. */
export function keyedMac(key: string, purpose: string, ...parts: string[]): string {
  const mac = createHmac("sha256", key).update(purpose);
  for (const part of parts) mac.update(`\0${part}`);
  return mac.digest("base64url");
}

export function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
