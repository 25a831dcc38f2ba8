import type { ReviewListQuery, ReviewSort } from "@plaudit/contract";
import { validationFailed } from "../errors.ts";
import { decodeCursor } from "../reviews/cursor.ts";
import type { ReviewFilters } from "../reviews/review-list.ts";
import { NOT_A_CURSOR } from "../validation.ts";

export interface ParsedReviewQuery {
  sort: ReviewSort;
  filters: ReviewFilters;
  limit: number;
  cursorValues?: (string | number)[];
}

/** The list's filters as the review list reads them (from a parsed ReviewListQuery or AdminReviewQuery). */
export function reviewFilters(
  query: Pick<ReviewListQuery, "rating" | "media" | "verified" | "q">,
): ReviewFilters {
  return {
    withMedia: query.media,
    verifiedOnly: query.verified,
    ...(query.rating ? { ratings: query.rating } : {}),
    ...(query.q ? { search: query.q } : {}),
  };
}

/** The key values of a list cursor made for `sort` (422 when it is not one of ours). */
export function cursorValuesOf(
  sort: ReviewSort,
  cursor: string | undefined,
): (string | number)[] | undefined {
  if (cursor === undefined) return undefined;
  const values = decodeCursor(sort, cursor);
  if (!values) throw validationFailed(NOT_A_CURSOR);
  return values;
}

/** The review list's query, parsed by the contract's ReviewListQuery (422, one message per parameter). */
export function parseReviewQuery(query: ReviewListQuery): ParsedReviewQuery {
  const cursorValues = cursorValuesOf(query.sort, query.cursor);
  return {
    sort: query.sort,
    filters: reviewFilters(query),
    limit: query.limit,
    ...(cursorValues ? { cursorValues } : {}),
  };
}
