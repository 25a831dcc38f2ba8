// What other folders use of the suppression list (erasure, review requests, notifications).

export { lockAddress } from "./address-lock.ts";
export {
  addressHash,
  isHashErased,
  isHashSuppressed,
  isSuppressed,
  liftHash,
  normalizeAddress,
  type SuppressionReason,
  suppressAddress,
  suppressHash,
  suppressionOf,
} from "./suppression.ts";
