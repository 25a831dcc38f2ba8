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

/**
 * The languages Plaudit writes in (widgets, emails, the admin; he is right to left): the ones a
 * merchant can give their own words in (loyalty labels), and review requests' languages.
 */
export const PLAUDIT_LOCALES = ["en", "de", "he"] as const;
export type PlauditLocale = (typeof PLAUDIT_LOCALES)[number];

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

/**
 * The program settings a save leaves out (a plain object, so the admin app takes it without the
 * schemas: its "no program yet" form starts from these).
 */
export const PROGRAM_SETTINGS_DEFAULTS: {
  expiryDays: number | null;
  tierMode: (typeof TIER_MODES)[number];
  tierWindowDays: number;
  referralUrlTemplate: string | null;
  codeWebhookUrl: string | null;
  codeWebhookTimeoutMs: number;
  returnWindowDays: number;
  reviewPointsNeedPurchase: boolean;
  reviewPointsPerDay: number;
  referralMinimumOrderTotal: number;
} = {
  expiryDays: null,
  tierMode: "points",
  tierWindowDays: 365,
  referralUrlTemplate: null,
  codeWebhookUrl: null,
  codeWebhookTimeoutMs: 5000,
  returnWindowDays: 30,
  reviewPointsNeedPurchase: true,
  reviewPointsPerDay: 3,
  referralMinimumOrderTotal: 20,
};
