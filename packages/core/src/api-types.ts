// The shapes of the HTTP contract (shared/API.md), in one place. The server imports this file
// (types and the plain LIMITS object only), the client and widgets import it through @plaudit/core.

export type Rating = 1 | 2 | 3 | 4 | 5;

/** The one error shape every route answers with. */
export interface ApiErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

/** Limits of the contract, shared by server validation and the widgets' inline validation. */
export const LIMITS = {
  productIdMax: 200,
  titleMax: 150,
  bodyMax: 5000,
  authorNameMax: 80,
  emailMax: 254,
  mediaPerReview: 10,
  listLimitDefault: 10,
  listLimitMax: 50,
  summariesMax: 100,
  searchMax: 200,
  voterMax: 128,
  idempotencyKeyMax: 255,
  jsonBodyBytes: 64 * 1024,
} as const;

export interface Summary {
  productId: string;
  count: number;
  /** 0 when count is 0; otherwise rounded to 2 decimals. */
  average: number;
  /** Index 0 holds the 1-star count. */
  histogram: [number, number, number, number, number];
  mediaCount: number;
}

export interface SummariesResponse {
  items: Summary[];
}

export const REVIEW_SORTS = ["newest", "oldest", "highest", "lowest", "helpful", "media"] as const;
export type ReviewSort = (typeof REVIEW_SORTS)[number];

/** Query of the review list route. Booleans become `media=1` / `verified=1`. */
export interface ReviewQuery {
  sort?: ReviewSort;
  rating?: Rating[];
  media?: boolean;
  verified?: boolean;
  q?: string;
  limit?: number;
  cursor?: string;
}

export interface Media {
  id: string;
  kind: "image" | "video";
  url: string;
  thumbnailUrl: string;
  width: number;
  height: number;
  srcset?: string;
  durationSeconds?: number;
  /** A CSS colour shown while the image loads (reserves the space, no layout shift). */
  placeholder?: string;
}

export interface Review {
  id: string;
  productId: string;
  rating: Rating;
  title: string;
  body: string;
  author: { name: string };
  verified: boolean;
  createdAt: string;
  helpful: { up: number; down: number };
  reply: { body: string; createdAt: string } | null;
  media: Media[];
}

export interface ReviewPage {
  items: Review[];
  nextCursor: string | null;
  total: number;
}

export interface ReviewInput {
  rating: Rating;
  title?: string;
  body: string;
  author: { name: string; email: string };
  mediaIds?: string[];
  customerToken?: string;
  /** Honeypot: real shoppers never fill it. */
  website?: string;
}

export type PublicReviewStatus = "published" | "pending";
export type ReviewStatus = PublicReviewStatus | "rejected";

export interface SubmitReviewResponse {
  review: Review;
  status: PublicReviewStatus;
}

export type VoteValue = "up" | "down";

export interface VoteInput {
  value: VoteValue;
  voter: string;
}

export interface VoteResponse {
  up: number;
  down: number;
}

export interface GalleryItem extends Media {
  reviewId: string;
  productId: string;
  rating: Rating;
}

export interface GalleryPage {
  items: GalleryItem[];
  nextCursor: string | null;
}

// Loyalty ------------------------------------------------------------------------------------

export type EarningAction = "purchase" | "signup" | "review" | "review_with_media" | "referral" | "birthday";
export type RewardKind = "amount_off" | "percent_off" | "free_shipping" | "free_product";

export interface LoyaltyProgram {
  pointsName: string;
  earning: { action: EarningAction; points: number; label: string }[];
  rewards: { id: string; name: string; cost: number; kind: RewardKind; value: number }[];
  tiers: { id: string; name: string; threshold: number; perks: string[] }[];
}

export interface LoyaltyHistoryEntry {
  id: string;
  delta: number;
  reason: string;
  createdAt: string;
}

export interface LoyaltyMe {
  customerId: string;
  balance: number;
  /** The program's name for its points (the server sends it with the member, as in /program). */
  pointsName?: string;
  tier: string | null;
  nextTier: { name: string; remaining: number } | null;
  referral: { code: string; url: string };
  history: LoyaltyHistoryEntry[];
}

export interface Redemption {
  id: string;
  rewardId: string;
  code: string;
  pointsSpent: number;
  balance: number;
}

// Admin --------------------------------------------------------------------------------------

export interface AdminReview extends Omit<Review, "author"> {
  status: ReviewStatus;
  author: { name: string; email: string };
}

export interface AdminReviewPage {
  items: AdminReview[];
  nextCursor: string | null;
}

export interface AdminReviewPatch {
  status?: ReviewStatus;
  reply?: string | null;
}

export interface OrderInput {
  orderId: string;
  customerId: string;
  email?: string;
  total: number;
  currency: string;
  items: { productId: string; quantity: number; price: number }[];
  referralCode?: string;
  createdAt?: string;
}
