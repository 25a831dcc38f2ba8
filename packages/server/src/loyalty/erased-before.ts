import type { Tx } from "../db/transaction.ts";
import { addressHash } from "../suppression/index.ts";

// Points paid once per person must not be paid again to a person the store erased (GDPR art. 17):
// erasure moves their ledger to a pseudonym, so their customer id comes back as a new member and
// their next order looks like a first one. privacy_erasures keeps a keyed hash (the suppression
// list's per-store key) of each erased customer id and address — never the id or address — and is
// read here for that one purpose: a returning person earns again, but no second welcome.

/** The customer id, or one of `emails`, was erased from this store before. */
export async function erasedBefore(
  tx: Tx,
  storeId: string,
  customerId: string,
  emails: readonly string[],
  at: string,
): Promise<boolean> {
  const hashes = [await addressHash(tx, storeId, `customer:${customerId}`, at)];
  for (const email of new Set(emails.map((e) => e.trim().toLowerCase()).filter(Boolean)))
    hashes.push(await addressHash(tx, storeId, email, at));
  const found = await tx
    .selectFrom("privacy_erasures")
    .select("subject_hash")
    .where("store_id", "=", storeId)
    .where("subject_hash", "in", hashes)
    .limit(1)
    .executeTakeFirst();
  return found !== undefined;
}

/** The addresses on the customer's orders so far (what the store knows them by, besides the id). */
export async function orderEmails(tx: Tx, storeId: string, customerId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom("orders")
    .select("email")
    .distinct()
    .where("store_id", "=", storeId)
    .where("customer_id", "=", customerId)
    .where("email", "is not", null)
    .execute();
  return rows.flatMap((r) => (r.email ? [r.email] : []));
}
