// What other folders use of the suppression list (erasure, review requests, notifications).

export { lockAddress } from "./address-lock.ts";
export {
  addressAuditTarget,
  addressHash,
  isHashErased,
  isHashSuppressed,
  isSuppressed,
  liftHash,
  normalizeAddress,
  type SuppressionReason,
  suppressHash,
  suppressionOf,
} from "./suppression.ts";
