import { type ProductRef, REQUEST_STATUSES, type ReviewRequest } from "@plaudit/contract";
import { productRefs } from "../catalog/product-refs.ts";
import type { Database } from "../db/database.ts";
import { encodeTimeIdCursor, type TimeId } from "../db/time-id-cursor.ts";
import type { ReviewRequestStatus, ReviewRequestsTable } from "./request-tables.ts";

export { REQUEST_STATUSES };

const PAGE = 50;

/** A request as the admin API shows it (API.md), with its order's products named. */
function toAdminRequest(row: ReviewRequestsTable, products: ProductRef[]): ReviewRequest {
  return {
    id: row.id,
    orderId: row.order_id,
    email: row.email,
    status: row.status,
    scheduledFor: row.scheduled_for,
    ...(row.sent_at ? { sentAt: row.sent_at } : {}),
    ...(row.reminder_sent_at ? { reminderSentAt: row.reminder_sent_at } : {}),
    ...(row.clicked_at ? { clickedAt: row.clicked_at } : {}),
    ...(row.reviewed_at ? { reviewedAt: row.reviewed_at } : {}),
    attempts: Number(row.attempts),
    ...(row.last_error ? { lastError: row.last_error } : {}),
    products,
  };
}

/**
 * Requests as the admin API shows them: each with the products of its order (each once, by
 * id), named from the catalog (catalog/product-refs.ts) — two queries for a whole page.
 */
export async function adminRequests(
  db: Database,
  storeId: string,
  rows: readonly ReviewRequestsTable[],
): Promise<ReviewRequest[]> {
  const orderIds = [...new Set(rows.map((row) => row.order_id))];
  const items =
    orderIds.length === 0
      ? []
      : await db.kysely
          .selectFrom("order_items")
          .select(["order_id", "product_id"])
          .where("store_id", "=", storeId)
          .where("order_id", "in", orderIds)
          .orderBy("product_id")
          .execute();
  const byOrder = new Map<string, Set<string>>();
  for (const item of items) {
    const ids = byOrder.get(item.order_id) ?? new Set<string>();
    ids.add(item.product_id);
    byOrder.set(item.order_id, ids);
  }
  const refOf = await productRefs(
    db,
    storeId,
    items.map((item) => item.product_id),
  );
  return rows.map((row) => toAdminRequest(row, [...(byOrder.get(row.order_id) ?? [])].map(refOf)));
}

/** Newest first, 50 a page, keyset-paged by (created_at, id). */
export async function listRequests(
  db: Database,
  args: { storeId: string; status?: ReviewRequestStatus; after?: TimeId },
) {
  let query = db.kysely
    .selectFrom("review_requests")
    .selectAll()
    .where("store_id", "=", args.storeId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(PAGE + 1);
  if (args.status) query = query.where("status", "=", args.status);
  if (args.after) {
    const { at: createdAt, id } = args.after;
    query = query.where((eb) =>
      eb.or([
        eb("created_at", "<", createdAt),
        eb.and([eb("created_at", "=", createdAt), eb("id", "<", id)]),
      ]),
    );
  }
  const rows = await query.execute();
  const page = rows.slice(0, PAGE);
  const last = page.at(-1);
  return {
    items: await adminRequests(db, args.storeId, page),
    nextCursor: rows.length > PAGE && last ? encodeTimeIdCursor({ at: last.created_at, id: last.id }) : null,
  };
}

/** The funnel: how many requests were scheduled, sent, failed, clicked and reviewed (all time). */
export async function requestMetrics(db: Database, storeId: string) {
  const row = await db.kysely
    .selectFrom("review_requests")
    .select((eb) => [
      eb.fn.countAll<number | string>().as("total"),
      eb.fn.count<number | string>("sent_at").as("sent"),
      eb.fn.count<number | string>("reminder_sent_at").as("reminded"),
      eb.fn.count<number | string>("clicked_at").as("clicked"),
      eb.fn.count<number | string>("reviewed_at").as("reviewed"),
      eb.fn
        .sum<number | string | null>(eb.case().when("status", "=", "scheduled").then(1).else(0).end())
        .as("scheduled"),
      eb.fn
        .sum<number | string | null>(eb.case().when("status", "=", "failed").then(1).else(0).end())
        .as("failed"),
      eb.fn
        .sum<number | string | null>(eb.case().when("status", "=", "suppressed").then(1).else(0).end())
        .as("suppressed"),
      eb.fn
        .sum<number | string | null>(eb.case().when("status", "=", "canceled").then(1).else(0).end())
        .as("canceled"),
    ])
    .where("store_id", "=", storeId)
    .executeTakeFirstOrThrow();
  const n = (value: number | string | null) => Number(value ?? 0);
  return {
    total: n(row.total),
    scheduled: n(row.scheduled),
    sent: n(row.sent),
    reminded: n(row.reminded),
    failed: n(row.failed),
    clicked: n(row.clicked),
    reviewed: n(row.reviewed),
    suppressed: n(row.suppressed),
    canceled: n(row.canceled),
  };
}
