// The earning arithmetic is @plaudit/contract's, the same the server posts to the ledger, so the
// points promised on the page are the points earned. These are the names this package exports.
import { type LoyaltyProgram, reviewPoints } from "@plaudit/core";

export { pointsFor as earningPoints, purchasePoints } from "@plaudit/core";

/** Points one review earns: the review action plus the media bonus when it carries photos or video. */
export const reviewPointsFor = (program: LoyaltyProgram, withMedia: boolean): number =>
  reviewPoints(program, { withMedia });
