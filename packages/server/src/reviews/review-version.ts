import { createHash } from "node:crypto";
import type { Selectable } from "kysely";
import type { ReviewsTable } from "../db/schema.ts";
import { ApiError } from "../errors.ts";

// Two moderators on one review: admin reads carry the review's version as an ETag, and a write
// with `If-Match` is refused with 409 conflict when the review changed since it was read. The
// version is a hash of what moderation sees and changes (not of votes, which change all the
// time), so it needs no column and no migration.

export function reviewEtag(row: Selectable<ReviewsTable>): string {
  const seen = [
    row.status,
    row.reply_body,
    row.reply_at,
    Number(row.rating),
    row.title,
    row.body,
    Number(row.media_count),
  ];
  return `"${createHash("sha256").update(JSON.stringify(seen)).digest("base64url").slice(0, 22)}"`;
}

/** Whether `ifMatch` (an If-Match header's value; undefined: not asked) names the row's current version. */
export function versionMatches(row: Selectable<ReviewsTable>, ifMatch: string | undefined): boolean {
  if (ifMatch === undefined) return true;
  const wanted = ifMatch.split(",").map((tag) => tag.trim().replace(/^W\//, ""));
  return wanted.includes("*") || wanted.includes(reviewEtag(row));
}

/** 409 conflict unless `ifMatch` (an If-Match header's value) names the row's current version. */
export function assertVersion(row: Selectable<ReviewsTable>, ifMatch: string | undefined): void {
  if (versionMatches(row, ifMatch)) return;
  throw new ApiError(409, "conflict", "this review changed since you read it: read it again and retry");
}
