import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import type { Schema } from "../db/schema.ts";

// Keyset paging. A cursor is base64url JSON of the sort's name and the last row's sort-key values
// (the review id last, so every key is unique). The next page starts strictly after that row in
// sort order, so reviews that arrive meanwhile cause neither duplicates nor gaps.

export type SortColumn = "created_at" | "id" | "rating" | "helpful_score" | "has_media";
export type SortKey = readonly [SortColumn, "asc" | "desc"];

export const SORT_KEYS = {
  newest: [
    ["created_at", "desc"],
    ["id", "desc"],
  ],
  oldest: [
    ["created_at", "asc"],
    ["id", "asc"],
  ],
  highest: [
    ["rating", "desc"],
    ["created_at", "desc"],
    ["id", "desc"],
  ],
  lowest: [
    ["rating", "asc"],
    ["created_at", "desc"],
    ["id", "desc"],
  ],
  helpful: [
    ["helpful_score", "desc"],
    ["created_at", "desc"],
    ["id", "desc"],
  ],
  media: [
    ["has_media", "desc"],
    ["created_at", "desc"],
    ["id", "desc"],
  ],
} as const satisfies Record<string, readonly SortKey[]>;

export type SortName = keyof typeof SORT_KEYS;
type KeyValue = string | number;

const TEXT_COLUMNS = new Set<SortColumn>(["created_at", "id"]);

export function encodeCursor(sort: SortName, row: Record<SortColumn, KeyValue>): string {
  const values = SORT_KEYS[sort].map(([column]) => row[column]);
  return Buffer.from(JSON.stringify({ s: sort, v: values })).toString("base64url");
}

/** The key values of a cursor made for `sort`, or undefined when it is not one of ours. */
export function decodeCursor(sort: SortName, cursor: string): KeyValue[] | undefined {
  if (cursor.length > 1024 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const { s, v } = parsed as { s?: unknown; v?: unknown };
  const keys = SORT_KEYS[sort];
  if (s !== sort || !Array.isArray(v) || v.length !== keys.length) return undefined;
  for (const [i, [column]] of keys.entries()) {
    const value: unknown = v[i];
    const ok = TEXT_COLUMNS.has(column)
      ? typeof value === "string" && value.length <= 200
      : typeof value === "number" && Number.isSafeInteger(value);
    if (!ok) return undefined;
  }
  return v as KeyValue[];
}

/** WHERE condition for "rows after the cursor row" in the sort's order. */
export function afterCursor(
  eb: ExpressionBuilder<Schema, "reviews">,
  sort: SortName,
  values: KeyValue[],
): Expression<SqlBool> {
  const keys = SORT_KEYS[sort];
  return eb.or(
    keys.map(([column, direction], i) =>
      eb.and([
        ...keys.slice(0, i).map(([earlier], j) => eb(`reviews.${earlier}`, "=", values[j] as KeyValue)),
        eb(`reviews.${column}`, direction === "desc" ? "<" : ">", values[i] as KeyValue),
      ]),
    ),
  );
}
