// The shapes of the HTTP contract, inferred from @plaudit/contract's schemas (the one source):
// the client and widgets import them through @plaudit/core. Only types and plain constants cross
// into the browser; the schemas stay behind (tree-shaken).
import type { Rating, ReviewSort } from "@plaudit/contract";

export type {
  AdminReview,
  AdminReviewPage,
  AdminReviewPatch,
  ApiErrorBody,
  EarningAction,
  ErrorCode,
  GalleryItem,
  GalleryPage,
  LoyaltyHistoryEntry,
  LoyaltyMe,
  LoyaltyProgram,
  Media,
  OrderInput,
  PublicReviewStatus,
  Rating,
  Redemption,
  Review,
  ReviewInput,
  ReviewPage,
  ReviewSort,
  ReviewStatus,
  RewardKind,
  SubmitReviewResponse,
  SummariesResponse,
  Summary,
  VoteInput,
  VoteResponse,
  VoteValue,
} from "@plaudit/contract";
// The earning arithmetic: the widgets promise exactly what the server awards.
export {
  AUTHOR_NAME_MAX,
  BODY_MAX,
  EMAIL_MAX,
  LIMITS,
  LIST_LIMIT_MAX,
  MEDIA_PER_REVIEW,
  MEDIA_UPLOAD_LIMITS,
  PRODUCT_ID_MAX,
  pointsFor,
  purchasePoints,
  REVIEW_SORTS,
  reviewAwards,
  reviewPoints,
  STORE_ID_PATTERN,
  SUMMARIES_MAX,
  TITLE_MAX,
} from "@plaudit/contract";

/** Query of the review list route as the client takes it. Booleans become `media=1` / `verified=1`. */
export interface ReviewQuery {
  sort?: ReviewSort;
  rating?: Rating[];
  media?: boolean;
  verified?: boolean;
  q?: string;
  limit?: number;
  cursor?: string;
}
