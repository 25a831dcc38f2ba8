import type { Kysely } from "kysely";
import type { AuditAction } from "../audit/audit-log.ts";
import type { Schema } from "../db/schema.ts";
import { addressAuditTarget, addressHash } from "../suppression/index.ts";
import type { Person, PersonQuery } from "./person.ts";

// What a privacy request leaves in the audit log, the same from the admin app, the API and the
// CLI: the action says what happened to the person's data — `privacy.lookup` (counted on the
// screen: nothing handed out), `privacy.export` (handed out whole: the download, the API's
// export, `plaudit-server privacy export`), `privacy.erase` — and the target names the person
// the same way in each: their first customer id (the one asked for, when it was), else the keyed
// hash of the address asked about. Never the address itself; erasure rewrites all of these to
// its pseudonym (erase.ts).

export type PrivacyAction = Extract<AuditAction, `privacy.${string}`>;

/** The audit target naming the person a privacy request was about. */
export async function privacyAuditTarget(
  db: Kysely<Schema>,
  storeId: string,
  query: PersonQuery,
  person: Pick<Person, "customerIds">,
  at: string,
): Promise<string> {
  const customerId = query.customerId ?? person.customerIds[0];
  if (customerId !== undefined) return customerId;
  return addressAuditTarget(await addressHash(db, storeId, query.email ?? "", at));
}
