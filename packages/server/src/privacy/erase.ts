import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { type AuditEvent, appendAudit } from "../audit/audit-log.ts";
import type { AppContext } from "../context.ts";
import type { DialectKind } from "../db/database.ts";
import { type Tx, transaction } from "../db/transaction.ts";
import { keysOf, parseFiles } from "../media/media-json.ts";
import { addressHash, suppressHash } from "../suppression/index.ts";
import { belongsTo, findPerson, type Person, type PersonQuery, requestsOf } from "./person.ts";
import { FORMER_CUSTOMER, scrubJson, textScrubber } from "./scrub.ts";

export interface ErasureCounts {
  reviews: number;
  orders: number;
  questions: number;
  requests: number;
}

export interface Erasure {
  erased: ErasureCounts;
  /** Media files still to delete from storage (pending_file_deletions holds them too). */
  fileKeys: string[];
}

/** The keyed hash an erasure is remembered by (never the id or address itself). */
const subjectHashes = async (tx: Tx, storeId: string, query: PersonQuery, at: string) => [
  ...(query.customerId !== undefined
    ? [await addressHash(tx, storeId, `customer:${query.customerId}`, at)]
    : []),
  ...(query.email !== undefined ? [await addressHash(tx, storeId, query.email, at)] : []),
];

/**
 * Erases one person from one store in one transaction (GDPR article 17; Shopify's
 * customers/redact), as API.md "Privacy" says: reviews stay (ratings, summaries and counts are the
 * shop's) but lose the name ("Former customer"), the address, the customer id and their photos;
 * orders and every loyalty row keep their amounts under a pseudonymous id (ledger sums and
 * balances stay exact); review requests lose the address, which joins the suppression list as a
 * keyed hash; stored idempotent answers, job payloads and audit targets are rewritten. The
 * person's names and addresses are also scrubbed out of their own review texts, the merchant's
 * replies to them and their ledger reasons.
 *
 * Returns undefined for a person the store never knew (404). A person erased before answers with
 * zero counts (erasing twice is harmless). Media files are deleted after commit (deleteErasedFiles).
 */
export async function erasePerson(
  ctx: AppContext,
  storeId: string,
  query: PersonQuery & { voter?: string },
  audit: AuditEvent,
): Promise<Erasure | undefined> {
  return transaction(ctx.db, async (tx) => {
    const at = ctx.clock().toISOString();
    const person = await findPerson(tx, storeId, query);
    const erasureId = randomUUID();
    const pseudonyms = new Map(
      person.customerIds.map((id, i) => [id, `erased-${erasureId}${i > 0 ? `-${i}` : ""}`]),
    );
    const scrub = textScrubber(person);
    const kind = ctx.db.kind;

    const reviews = await eraseReviews(tx, storeId, person, pseudonyms, scrub);
    const votes = query.voter !== undefined ? await eraseVotes(tx, storeId, query.voter, erasureId) : 0;
    const orders = await eraseOrders(tx, storeId, person, pseudonyms);
    const loyalty = await eraseLoyalty(tx, storeId, pseudonyms, scrub);
    const requests = await eraseRequests(tx, storeId, person, orders.ids, scrub);
    const stored = await scrubStoredJson(tx, storeId, person, pseudonyms, scrub, kind);

    const hashes = await subjectHashes(tx, storeId, query, at);
    const found = reviews.count + votes + orders.ids.length + loyalty + requests + stored > 0;
    if (!found) {
      const before = hashes.length
        ? await tx
            .selectFrom("privacy_erasures")
            .select("subject_hash")
            .where("store_id", "=", storeId)
            .where("subject_hash", "in", hashes)
            .executeTakeFirst()
        : undefined;
      if (!before) return undefined;
    }

    await pseudonymiseAuditTargets(tx, storeId, pseudonyms);
    for (const email of person.emails) {
      const hash = await addressHash(tx, storeId, email, at);
      await suppressHash(tx, { storeId, addressHash: hash, reason: "erased", at });
      hashes.push(hash);
    }
    for (const id of person.customerIds) hashes.push(await addressHash(tx, storeId, `customer:${id}`, at));
    for (const hash of new Set(hashes)) {
      await tx
        .insertInto("privacy_erasures")
        .values({ store_id: storeId, subject_hash: hash, erased_at: at })
        .onConflict((oc) => oc.columns(["store_id", "subject_hash"]).doNothing())
        .execute();
    }
    for (const key of reviews.fileKeys) {
      await tx
        .insertInto("pending_file_deletions")
        .values({ storage_key: key, store_id: storeId, attempts: 0, last_error: null, created_at: at })
        .onConflict((oc) => oc.column("storage_key").doNothing())
        .execute();
    }
    // The row names the erasure, never the person: the target is the first pseudonym.
    await appendAudit(tx, { ...audit, target: `erased-${erasureId}` });
    return {
      erased: { reviews: reviews.count, orders: orders.ids.length, questions: 0, requests },
      fileKeys: reviews.fileKeys,
    };
  });
}

async function eraseReviews(
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
        // As review-submit.ts makes it.
        search_text: `${title}\n${body}`.toLowerCase(),
        reply_body: row.reply_body === null ? null : scrub(row.reply_body),
        media_count: 0,
        has_media: 0,
      })
      .where("id", "=", row.id)
      .execute();
  }
  return { count: rows.length, fileKeys };
}

/** Votes are anonymous; given the voter id, it is replaced so the votes (and counts) stay. */
async function eraseVotes(tx: Tx, storeId: string, voter: string, erasureId: string): Promise<number> {
  const result = await tx
    .updateTable("review_votes")
    .set({ voter: `erased-${erasureId}` })
    .where("voter", "=", voter)
    .where("review_id", "in", (eb) => eb.selectFrom("reviews").select("id").where("store_id", "=", storeId))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

async function eraseOrders(
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
async function eraseLoyalty(
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
      .selectFrom("loyalty_ledger")
      .select(["id", "reason"])
      .where("store_id", "=", storeId)
      .where("customer_id", "=", customerId)
      .execute();
    for (const entry of ledger) {
      await tx
        .updateTable("loyalty_ledger")
        .set({ customer_id: pseudonym, reason: scrub(entry.reason) })
        .where("id", "=", entry.id)
        .execute();
    }
    rows += ledger.length;
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

async function eraseRequests(
  tx: Tx,
  storeId: string,
  person: Person,
  orderIds: string[],
  scrub: (text: string) => string,
): Promise<number> {
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
  return rows.length;
}

/** `column` holds one of the needles (exact, case-sensitive: needles are lower-cased already). */
function holdsAny(kind: DialectKind, column: string, needles: string[], lower: boolean) {
  const haystack = lower ? sql`lower(${sql.ref(column)})` : sql.ref(column);
  const find = kind === "postgres" ? "strpos" : "instr";
  return needles.map((needle) => sql<boolean>`${sql.raw(find)}(${haystack}, ${needle}) > 0`);
}

/**
 * Idempotent answers and job payloads are JSON written at the time: rewrite those that carry one
 * of the person's customer ids (as a JSON string) or addresses.
 */
async function scrubStoredJson(
  tx: Tx,
  storeId: string,
  person: Person,
  pseudonyms: Map<string, string>,
  scrub: (text: string) => string,
  kind: DialectKind,
): Promise<number> {
  const jsonEscaped = (s: string) => JSON.stringify(s).slice(1, -1);
  const idNeedles = person.customerIds.map((id) => `"${jsonEscaped(id)}"`);
  const emailNeedles = person.emails.map(jsonEscaped);
  if (idNeedles.length === 0 && emailNeedles.length === 0) return 0;
  let changed = 0;

  const answers = await tx
    .selectFrom("idempotency_keys")
    .select(["scope", "key", "response_body"])
    .where("store_id", "=", storeId)
    .where((eb) =>
      eb.or([
        ...holdsAny(kind, "response_body", idNeedles, false),
        ...holdsAny(kind, "response_body", emailNeedles, true),
        ...(pseudonyms.size > 0 ? [eb("customer_id", "in", [...pseudonyms.values()])] : []),
      ]),
    )
    .execute();
  for (const row of answers) {
    if (row.response_body === null) continue;
    const body = scrubJson(row.response_body, scrub, pseudonyms);
    if (body === row.response_body) continue;
    await tx
      .updateTable("idempotency_keys")
      .set({ response_body: body })
      .where("store_id", "=", storeId)
      .where("scope", "=", row.scope)
      .where("key", "=", row.key)
      .execute();
    changed += 1;
  }

  const jobs = await tx
    .selectFrom("jobs")
    .select(["id", "payload", "last_error"])
    .where((eb) =>
      eb.or([
        ...holdsAny(kind, "payload", idNeedles, false),
        ...holdsAny(kind, "payload", emailNeedles, true),
        ...holdsAny(kind, "last_error", emailNeedles, true),
      ]),
    )
    .execute();
  for (const job of jobs) {
    await tx
      .updateTable("jobs")
      .set({
        payload: scrubJson(job.payload, scrub, pseudonyms),
        last_error: job.last_error === null ? null : scrub(job.last_error),
      })
      .where("id", "=", job.id)
      .execute();
    changed += 1;
  }
  return changed;
}

/** The one path allowed to change audit rows (migration 0020): targets that were the person. */
async function pseudonymiseAuditTargets(
  tx: Tx,
  storeId: string,
  pseudonyms: Map<string, string>,
): Promise<void> {
  if (pseudonyms.size === 0) return;
  await tx.insertInto("audit_pseudonymising").values({ store_id: storeId }).execute();
  for (const [customerId, pseudonym] of pseudonyms) {
    await tx
      .updateTable("audit_log")
      .set({ target: pseudonym })
      .where("store_id", "=", storeId)
      .where("target", "=", customerId)
      .execute();
  }
  await tx.deleteFrom("audit_pseudonymising").where("store_id", "=", storeId).execute();
}
