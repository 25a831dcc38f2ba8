// The contract's closed word lists, with no schema around them: browser code imports these (and
// LIMITS) without pulling in a validator. The schemas build on them.

export const RATINGS = [1, 2, 3, 4, 5] as const;
export const REVIEW_SORTS = ["newest", "oldest", "highest", "lowest", "helpful", "media"] as const;
export type ReviewSort = (typeof REVIEW_SORTS)[number];
export const REVIEW_STATUSES = ["published", "pending", "rejected"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const PUBLIC_REVIEW_STATUSES = ["published", "pending"] as const;
export type PublicReviewStatus = (typeof PUBLIC_REVIEW_STATUSES)[number];
export const MEDIA_KINDS = ["image", "video"] as const;
export const VOTE_VALUES = ["up", "down"] as const;
export type VoteValue = (typeof VOTE_VALUES)[number];

export const EARNING_ACTIONS = [
  "purchase",
  "signup",
  "review",
  "review_with_media",
  "referral",
  "birthday",
] as const;
export type EarningAction = (typeof EARNING_ACTIONS)[number];
export const REWARD_KINDS = ["amount_off", "percent_off", "free_shipping", "free_product"] as const;
export type RewardKind = (typeof REWARD_KINDS)[number];
export const TIER_MODES = ["points", "spend"] as const;
