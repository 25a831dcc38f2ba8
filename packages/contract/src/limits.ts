// The contract's limits (shared/API.md): the server validates with them, the widgets check drafts
// against them before sending, and the OpenAPI document states them. Change a limit here only.

// The limits the widgets read are constants of their own as well, and the widgets import these:
// a bundler cannot drop an object's unused properties, so reading one LIMITS entry shipped the
// whole table in the chunk every page loads (~0.2 KB gzipped).
export const PRODUCT_ID_MAX = 200;
export const TITLE_MAX = 150;
export const BODY_MAX = 5000;
export const AUTHOR_NAME_MAX = 80;
export const EMAIL_MAX = 254;
export const MEDIA_PER_REVIEW = 10;
export const LIST_LIMIT_MAX = 50;
export const SUMMARIES_MAX = 100;
/**
 * The most points one order can earn, whatever its total and the program's rate: a mistyped
 * total (a price in cents sent as units) or rate cannot mint a fortune in points.
 */
export const POINTS_PER_ORDER_MAX = 1_000_000;

/** A loyalty label the merchant writes: an earning action's, a reward's name (each language's too). */
export const LOYALTY_LABEL_MAX = 120;
/** The program's name for its points ("Stars"), each language's too. */
export const POINTS_NAME_MAX = 40;
/** A tier's name ("Gold"), each language's too. */
export const TIER_NAME_MAX = 80;
/** One of a tier's perks ("Free shipping on every order"), each language's too. */
export const TIER_PERK_MAX = 200;
/** The most perks a tier lists (in each language). */
export const TIER_PERKS_MAX = 20;

export const LIMITS = {
  productIdMax: PRODUCT_ID_MAX,
  titleMax: TITLE_MAX,
  bodyMax: BODY_MAX,
  authorNameMax: AUTHOR_NAME_MAX,
  emailMax: EMAIL_MAX,
  mediaPerReview: MEDIA_PER_REVIEW,
  mediaIdMax: 64,
  customerTokenMax: 512,
  listLimitDefault: 10,
  listLimitMax: LIST_LIMIT_MAX,
  /** The photo gallery's default page (a grid or carousel shows more at once than the list). */
  galleryLimitDefault: 20,
  summariesMax: SUMMARIES_MAX,
  searchMax: 200,
  voterMax: 128,
  idempotencyKeyMax: 255,
  jsonBodyBytes: 64 * 1024,
  /** Admin lists (moderation queue): default and largest page. */
  adminListLimitDefault: 20,
  adminListLimitMax: 100,
  /** The audit log's page: default and largest. */
  auditLimitDefault: 50,
  auditLimitMax: 100,
  /** What a bulk moderation names per review (ids, versions): bounds, not formats. */
  reviewIdMax: 100,
  etagMax: 100,
  /** A cursor is opaque; this only bounds what the server is asked to decode. */
  cursorMax: 512,
  pointsPerOrderMax: POINTS_PER_ORDER_MAX,
} as const;

/**
 * A store id as every route, the widgets' configuration and the media keys accept it. New stores
 * get a stricter one (the server's stores/store-input.ts), which this pattern includes.
 */
export const STORE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
