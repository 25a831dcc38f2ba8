import { LIMITS, REVIEW_SORTS, type ReviewSort } from "@plaudit/contract";
import { validationFailed } from "../errors.ts";
import { decodeCursor, type SortName } from "../reviews/cursor.ts";
import type { ReviewFilters } from "../reviews/review-list.ts";

export interface ParsedReviewQuery {
  sort: ReviewSort;
  filters: ReviewFilters;
  limit: number;
  cursorValues?: (string | number)[];
}

const SORTS: readonly string[] = REVIEW_SORTS;

function flag(value: string | undefined, field: string, fields: Record<string, string>): boolean {
  if (value === undefined || value === "" || value === "0" || value === "false") return false;
  if (value === "1" || value === "true") return true;
  fields[field] = "must be 1 or 0";
  return false;
}

/** Parses the review list's query string; every bad parameter gets its own message (422). */
export function parseReviewQuery(query: Record<string, string | undefined>): ParsedReviewQuery {
  const fields: Record<string, string> = {};
  const sort = (query.sort ?? "newest") as ReviewSort;
  if (!SORTS.includes(sort)) fields.sort = `must be one of ${REVIEW_SORTS.join(", ")}`;

  let ratings: number[] | undefined;
  if (query.rating !== undefined && query.rating !== "") {
    const parts = query.rating.split(",").map((p) => p.trim());
    if (parts.every((p) => /^[1-5]$/.test(p))) ratings = [...new Set(parts.map(Number))];
    else fields.rating = "must be a comma list of ratings 1–5";
  }

  let limit: number = LIMITS.listLimitDefault;
  if (query.limit !== undefined) {
    limit = Number(query.limit);
    if (!/^\d{1,3}$/.test(query.limit) || limit < 1 || limit > LIMITS.listLimitMax) {
      fields.limit = `must be an integer from 1 to ${LIMITS.listLimitMax}`;
    }
  }

  const search = query.q?.trim();
  if (search && [...search].length > LIMITS.searchMax)
    fields.q = `must be at most ${LIMITS.searchMax} characters`;

  const filters: ReviewFilters = {
    withMedia: flag(query.media, "media", fields),
    verifiedOnly: flag(query.verified, "verified", fields),
    ...(ratings ? { ratings } : {}),
    ...(search ? { search } : {}),
  };

  let cursorValues: (string | number)[] | undefined;
  if (query.cursor !== undefined && query.cursor !== "" && !fields.sort) {
    cursorValues = decodeCursor(sort as SortName, query.cursor);
    if (!cursorValues) fields.cursor = "is not a cursor of this list; start again without it";
  }

  if (Object.keys(fields).length > 0) throw validationFailed(fields);
  return { sort, filters, limit, ...(cursorValues ? { cursorValues } : {}) };
}
