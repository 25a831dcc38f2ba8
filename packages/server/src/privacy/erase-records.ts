import type { Tx } from "../db/transaction.ts";
import { keysOf, parseFiles } from "../media/media-json.ts";
import { searchText } from "../reviews/search-text.ts";
import { belongsTo, type Person, requestsOf } from "./person.ts";
import { FORMER_CUSTOMER } from "./scrub.ts";

// The person's own records, one kind each (erase.ts runs them in one transaction): what stays
// keeps its amounts and counts; names, addresses, customer ids and photos go.

export async function eraseReviews(
  tx: Tx,
  storeId: string,
  person: Person,
  pseudonyms: Map<string, string>,
  scrub: (text: string) => string,
): Promise<{ count: number; fileKeys: string[] }> {
  const rows = await tx
    .selectFrom("reviews")
    .selectAll()
    .where("store_id", "=", storeId)
    .where(belongsTo(person, { customerId: "customer_id", email: "author_email" }))
    .execute();
  const fileKeys: string[] = [];
  for (const row of rows) {
    const media = await tx
      .selectFrom("media")
      .select(["id", "files"])
      .where("review_id", "=", row.id)
      .execute();
    for (const m of media) fileKeys.push(...keysOf(parseFiles(m.files)));
    if (media.length > 0) {
      const ids = media.map((m) => m.id);
      await tx.deleteFrom("review_request_media").where("media_id", "in", ids).execute();
      await tx.deleteFrom("media").where("id", "in", ids).execute();
    }
    const mediaCount = Number(row.media_count);
    if (row.status === "published" && mediaCount > 0) {
      // The photos are gone, so the product's photo count drops with them; ratings stay.
      await tx
        .updateTable("rating_summaries")
        .set((eb) => ({ media_count: eb("media_count", "-", mediaCount) }))
        .where("store_id", "=", storeId)
        .where("product_id", "=", row.product_id)
        .execute();
    }
    const title = scrub(row.title);
    const body = scrub(row.body);
    await tx
      .updateTable("reviews")
      .set({
        author_name: FORMER_CUSTOMER,
        author_email: "",
        customer_id: row.customer_id === null ? null : (pseudonyms.get(row.customer_id) ?? null),
        title,
        body,
        search_text: searchText(title, body),
        reply_body: row.reply_body === null ? null : scrub(row.reply_body),
        media_count: 0,
        has_media: 0,
      })
      .where("id", "=", row.id)
      .execute();
  }
  return { count: rows.length, fileKeys };
}

/**
 * Their votes stay (the counts are the reviews'), counted for the pseudonym: "customer:<id>" becomes
 * "customer:<pseudonym>"; an older widget's voter id, when the request names it, "erased-<id>".
 */
export async function eraseVotes(
  tx: Tx,
  storeId: string,
  pseudonyms: Map<string, string>,
  voter: string | undefined,
  erasureId: string,
): Promise<number> {
  const renames: [string, string][] = [...pseudonyms].map(([id, pseudonym]) => [
    `customer:${id}`,
    `customer:${pseudonym}`,
  ]);
  if (voter !== undefined) renames.push([voter, `erased-${erasureId}`]);
  let moved = 0;
  for (const [from, to] of renames) {
    const result = await tx
      .updateTable("review_votes")
      .set({ voter: to })
      .where("voter", "=", from)
      .where("review_id", "in", (eb) => eb.selectFrom("reviews").select("id").where("store_id", "=", storeId))
      .executeTakeFirst();
    moved += Number(result.numUpdatedRows);
  }
  return moved;
}

export async function eraseOrders(
  tx: Tx,
  storeId: string,
  person: Person,
  pseudonyms: Map<string, string>,
): Promise<{ ids: string[] }> {
  const rows = await tx
    .selectFrom("orders")
    .select(["order_id", "customer_id"])
    .where("store_id", "=", storeId)
    .where(belongsTo(person, { customerId: "customer_id", email: "email" }))
    .execute();
  for (const row of rows) {
    await tx
      .updateTable("orders")
      .set({
        email: null,
        customer_name: null,
        customer_id: pseudonyms.get(row.customer_id) ?? row.customer_id,
      })
      .where("store_id", "=", storeId)
      .where("order_id", "=", row.order_id)
      .execute();
  }
  return { ids: rows.map((r) => r.order_id) };
}

/** Balances, ledger, redemptions and idempotency keys move to the pseudonym, amounts untouched. */
export async function eraseLoyalty(
  tx: Tx,
  storeId: string,
  pseudonyms: Map<string, string>,
  scrub: (text: string) => string,
): Promise<number> {
  let rows = 0;
  for (const [customerId, pseudonym] of pseudonyms) {
    const balances = await tx
      .updateTable("loyalty_balances")
      .set({ customer_id: pseudonym, birthday: null })
      .where("store_id", "=", storeId)
      .where("customer_id", "=", customerId)
      .executeTakeFirst();
    rows += Number(balances.numUpdatedRows);
    const ledger = await tx
      .updateTable("loyalty_ledger")
      .set({ customer_id: pseudonym })
      .where("store_id", "=", storeId)
      .where("customer_id", "=", customerId)
      .executeTakeFirst();
    rows += Number(ledger.numUpdatedRows);
    // A merchant's adjustment reason may name the person ("Sorry, Ana"): those rows are rewritten.
    const reasons = await tx
      .selectFrom("loyalty_ledger")
      .select(["id", "reason"])
      .where("store_id", "=", storeId)
      .where("customer_id", "=", pseudonym)
      .execute();
    for (const entry of reasons) {
      const reason = scrub(entry.reason);
      if (reason !== entry.reason)
        await tx.updateTable("loyalty_ledger").set({ reason }).where("id", "=", entry.id).execute();
    }
    const pending = await tx
      .selectFrom("loyalty_pending")
      .select(["action", "reference", "reason"])
      .where("store_id", "=", storeId)
      .where("customer_id", "=", customerId)
      .execute();
    for (const entry of pending) {
      await tx
        .updateTable("loyalty_pending")
        .set({ customer_id: pseudonym, reason: scrub(entry.reason) })
        .where("store_id", "=", storeId)
        .where("customer_id", "=", customerId)
        .where("action", "=", entry.action)
        .where("reference", "=", entry.reference)
        .execute();
    }
    rows += pending.length;
    for (const table of ["loyalty_redemptions", "idempotency_keys"] as const) {
      const moved = await tx
        .updateTable(table)
        .set({ customer_id: pseudonym })
        .where("store_id", "=", storeId)
        .where("customer_id", "=", customerId)
        .executeTakeFirst();
      rows += Number(moved.numUpdatedRows);
    }
  }
  return rows;
}

/**
 * The person's review requests lose the address (their sends then skip: review-requests/send.ts),
 * and photos uploaded on a request's page still waiting for their review go with the person.
 */
export async function eraseRequests(
  tx: Tx,
  storeId: string,
  person: Person,
  orderIds: string[],
  scrub: (text: string) => string,
): Promise<{ count: number; fileKeys: string[] }> {
  const rows = await tx
    .selectFrom("review_requests")
    .select(["id", "last_error"])
    .where("store_id", "=", storeId)
    .where(requestsOf(person, orderIds))
    .execute();
  for (const row of rows) {
    await tx
      .updateTable("review_requests")
      .set({ email: null, last_error: row.last_error === null ? null : scrub(row.last_error) })
      .where("id", "=", row.id)
      .execute();
  }
  const fileKeys: string[] = [];
  const requestIds = rows.map((r) => r.id);
  if (requestIds.length > 0) {
    const waiting = await tx
      .selectFrom("review_request_media")
      .innerJoin("media", "media.id", "review_request_media.media_id")
      .select(["media.id", "media.files"])
      .where("review_request_media.request_id", "in", requestIds)
      .where("media.review_id", "is", null)
      .execute();
    for (const m of waiting) fileKeys.push(...keysOf(parseFiles(m.files)));
    await tx.deleteFrom("review_request_media").where("request_id", "in", requestIds).execute();
    if (waiting.length > 0)
      await tx
        .deleteFrom("media")
        .where(
          "id",
          "in",
          waiting.map((m) => m.id),
        )
        .execute();
  }
  return { count: rows.length, fileKeys };
}
