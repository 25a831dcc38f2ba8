import { createHash, timingSafeEqual } from "node:crypto";

/** Whether two secrets are equal, in constant time (hashing first evens out their lengths). */
export function sameSecret(presented: string, expected: string): boolean {
  const a = createHash("sha256").update(presented).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}
