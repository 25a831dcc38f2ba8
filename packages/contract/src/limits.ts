// The contract's limits (shared/API.md): the server validates with them, the widgets check drafts
// against them before sending, and the OpenAPI document states them. Change a limit here only.
export const LIMITS = {
  productIdMax: 200,
  titleMax: 150,
  bodyMax: 5000,
  authorNameMax: 80,
  emailMax: 254,
  mediaPerReview: 10,
  mediaIdMax: 64,
  customerTokenMax: 512,
  listLimitDefault: 10,
  listLimitMax: 50,
  /** The photo gallery's default page (a grid or carousel shows more at once than the list). */
  galleryLimitDefault: 20,
  summariesMax: 100,
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
  /**
   * The most points one order can earn, whatever its total and the program's rate: a mistyped
   * total (a price in cents sent as units) or rate cannot mint a fortune in points.
   */
  pointsPerOrderMax: 1_000_000,
} as const;

/**
 * A store id as every route, the widgets' configuration and the media keys accept it. New stores
 * get a stricter one (the server's stores/store-input.ts), which this pattern includes.
 */
export const STORE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
