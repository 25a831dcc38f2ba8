import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { type AuditEvent, appendAudit } from "../audit/audit-log.ts";
import type { AppContext } from "../context.ts";
import { type Tx, transaction } from "../db/transaction.ts";
import { addressAuditTarget, addressHash, lockAddress, suppressHash } from "../suppression/index.ts";
import { pseudonymiseAuditTargets, scrubStoredJson } from "./erase-copies.ts";
import { eraseLoyalty, eraseOrders, eraseRequests, eraseReviews, eraseVotes } from "./erase-records.ts";
import { findPerson, type PersonQuery } from "./person.ts";
import { textScrubber } from "./scrub.ts";

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
 * zero counts and records nothing (erasing twice is harmless). Media files are deleted after commit (after-erasure.ts).
 */
export async function erasePerson(
  ctx: AppContext,
  storeId: string,
  query: PersonQuery & { voter?: string },
  audit: AuditEvent,
): Promise<Erasure | undefined> {
  return transaction(ctx.db, async (tx) => {
    // A store's erasures run one at a time (SQLite: its write lock, taken at BEGIN): one that
    // waited then finds what the first left — nothing of the person — and says so. Concurrent
    // READ COMMITTED transactions on PostgreSQL each found and counted the same rows, and each
    // was recorded as an erasure. The whole store, not the person: an address and a customer id
    // may name the same person without either call knowing.
    if (ctx.db.kind === "postgres")
      await sql`select pg_advisory_xact_lock(hashtext(${`privacy-erase:${storeId}`}))`.execute(tx);
    const at = ctx.clock().toISOString();
    const person = await findPerson(tx, storeId, query);
    // Each of the person's addresses held (suppression/address-lock.ts) before anything is
    // written: a message the worker is deciding on for one of them was decided first (already on
    // its way), or finds the address erased.
    const emailHashes = new Set<string>();
    for (const email of person.emails) emailHashes.add(await addressHash(tx, storeId, email, at));
    for (const hash of emailHashes) await lockAddress(ctx.db, tx, storeId, hash);
    const erasureId = randomUUID();
    const pseudonyms = new Map(
      person.customerIds.map((id, i) => [id, `erased-${erasureId}${i > 0 ? `-${i}` : ""}`]),
    );
    const scrub = textScrubber(person);
    const kind = ctx.db.kind;

    const reviews = await eraseReviews(tx, storeId, person, pseudonyms, scrub);
    const votes = await eraseVotes(tx, storeId, pseudonyms, query.voter, erasureId);
    const orders = await eraseOrders(tx, storeId, person, pseudonyms);
    const loyalty = await eraseLoyalty(tx, storeId, pseudonyms, scrub);
    const requests = await eraseRequests(tx, storeId, person, orders.ids, scrub);
    const fileKeys = [...reviews.fileKeys, ...requests.fileKeys];
    const stored = await scrubStoredJson(tx, storeId, person, pseudonyms, scrub, kind);

    const hashes = await subjectHashes(tx, storeId, query, at);
    const found = reviews.count + votes + orders.ids.length + loyalty + requests.count + stored > 0;
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
      // Erased before: nothing changed, so nothing to record (a replay leaves no audit row).
      return { erased: { reviews: 0, orders: 0, questions: 0, requests: 0 }, fileKeys: [] };
    }

    // Earlier rows about the person (lookups, exports, suppressions) name them by their first
    // customer id or an address's keyed hash (privacy-audit.ts): all now name this erasure.
    const auditTargets = new Map(pseudonyms);
    for (const hash of emailHashes) auditTargets.set(addressAuditTarget(hash), `erased-${erasureId}`);
    await pseudonymiseAuditTargets(tx, storeId, auditTargets);
    for (const hash of emailHashes) {
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
    for (const key of fileKeys) {
      await tx
        .insertInto("pending_file_deletions")
        .values({ storage_key: key, store_id: storeId, attempts: 0, last_error: null, created_at: at })
        .onConflict((oc) => oc.column("storage_key").doNothing())
        .execute();
    }
    // The row names the erasure, never the person: the target is the first pseudonym.
    await appendAudit(tx, { ...audit, target: `erased-${erasureId}` });
    return {
      erased: { reviews: reviews.count, orders: orders.ids.length, questions: 0, requests: requests.count },
      fileKeys,
    };
  });
}
