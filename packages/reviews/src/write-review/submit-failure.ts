// Which message a failed submission shows. Every failure from the client is a typed PlauditError,
// so the shopper is told what they can do about it, not what went wrong inside.
import { isPlauditError } from "@plaudit/core";

export function failureMessageKey(error: unknown): string {
  if (!isPlauditError(error)) return "failed.generic";
  if (error.kind === "network") return "failed.network";
  if (error.kind === "timeout") return "failed.timeout";
  if (error.code === "rate_limited" || error.status === 429) return "failed.rateLimited";
  if (error.code === "expired_customer_token" || error.code === "invalid_customer_token")
    return "failed.session";
  return "failed.generic";
}
