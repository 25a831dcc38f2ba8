// What other folders use of the suppression list (erasure, review requests, notifications).
export {
  addressHash,
  isHashSuppressed,
  isSuppressed,
  normalizeAddress,
  type SuppressionReason,
  suppressAddress,
  suppressHash,
} from "./suppression.ts";
