import type { GalleryItem, GalleryPage, Rating } from "@plaudit/contract";
import type { SelectQueryBuilder } from "kysely";
import type { Database } from "../db/database.ts";
import type { Schema } from "../db/schema.ts";
import { toMedia } from "./media-json.ts";

// Keyset paging over (media.created_at, media.id), newest first: items uploaded while a shopper
// pages never shift the pages they have not seen yet.

export function encodeGalleryCursor(createdAt: string, id: string): string {
  return Buffer.from(JSON.stringify([createdAt, id])).toString("base64url");
}

export function decodeGalleryCursor(cursor: string): [string, string] | undefined {
  if (cursor.length > 512 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      value.every((v) => typeof v === "string" && v.length <= 64)
    )
      return value as [string, string];
  } catch {}
  return undefined;
}

/**
 * One page of media rows, newest upload first, after the cursor's (created_at, id) — the gallery's
 * order, and the moderator's list's (admin-media.ts). One row more than `limit`: there is a next page.
 */
export function newestFirst<O>(
  query: SelectQueryBuilder<Schema, "media" | "reviews", O>,
  after: [string, string] | undefined,
  limit: number,
): Promise<O[]> {
  let q = query;
  if (after) {
    const [createdAt, id] = after;
    q = q.where((eb) =>
      eb.or([
        eb("media.created_at", "<", createdAt),
        eb.and([eb("media.created_at", "=", createdAt), eb("media.id", "<", id)]),
      ]),
    );
  }
  return q
    .orderBy("media.created_at", "desc")
    .orderBy("media.id", "desc")
    .limit(limit + 1)
    .execute();
}

/** Published review media of a store (optionally one product's), one page. */
export async function galleryPage(
  db: Database,
  args: { storeId: string; productId?: string; limit: number; after?: [string, string]; baseUrl?: string },
): Promise<GalleryPage> {
  let query = db.kysely
    .selectFrom("media")
    .innerJoin("reviews", "reviews.id", "media.review_id")
    .selectAll("media")
    .select(["reviews.product_id as review_product_id", "reviews.rating as review_rating"])
    .where("media.store_id", "=", args.storeId)
    .where("media.status", "=", "ready")
    .where("reviews.status", "=", "published");
  if (args.productId !== undefined) query = query.where("reviews.product_id", "=", args.productId);
  const rows = await newestFirst(query, args.after, args.limit);
  const page = rows.slice(0, args.limit);
  const last = page[page.length - 1];
  const items: GalleryItem[] = page.map((row) => ({
    ...toMedia(row, args.baseUrl),
    reviewId: row.review_id as string,
    productId: row.review_product_id,
    rating: Number(row.review_rating) as Rating,
  }));
  return {
    items,
    nextCursor: rows.length > args.limit && last ? encodeGalleryCursor(last.created_at, last.id) : null,
  };
}
