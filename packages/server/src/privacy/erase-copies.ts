import { sql } from "kysely";
import type { DialectKind } from "../db/database.ts";
import type { Tx } from "../db/transaction.ts";
import type { Person } from "./person.ts";
import { scrubJson } from "./scrub.ts";

// Copies of the person outside their own records: stored idempotent answers, job payloads and
// errors, audit targets.

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
export async function scrubStoredJson(
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
export async function pseudonymiseAuditTargets(
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
