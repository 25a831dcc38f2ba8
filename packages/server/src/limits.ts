// The contract's limits (the same values as LIMITS in @plaudit/core's api-types.ts, which the
// server may import only as types; limits.test.ts keeps the two equal).
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
