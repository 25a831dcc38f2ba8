import { createHash } from "node:crypto";
import {
  type LoyaltyProgram,
  type PlauditLocale,
  ProgramInput,
  type Reward as RewardRule,
  type StoredProgram,
} from "@plaudit/contract";
import * as v from "valibot";
import { type AuditEvent, appendAudit } from "../audit/audit-log.ts";
import type { Database } from "../db/database.ts";
import { type Tx, transaction } from "../db/transaction.ts";
import { ApiError } from "../errors.ts";
import { refuseReusedRewardIds } from "./reward-ids.ts";

// A store's program is one JSON document: what the public route shows (API.md's LoyaltyProgram)
// plus settings only the merchant sees. The ledger never depends on it for past rows: redemptions
// snapshot the reward, ledger rows carry their own reason.

export type ProgramSettings = StoredProgram["settings"];
export type Reward = RewardRule;
export type { StoredProgram };

/** What anyone may see: the program without the merchant's private settings. */
export function publicProgram(program: StoredProgram): LoyaltyProgram & {
  settings: Pick<ProgramSettings, "expiryDays" | "tierMode" | "tierWindowDays">;
} {
  const { expiryDays, tierMode, tierWindowDays } = program.settings;
  return {
    pointsName: program.pointsName,
    ...(program.pointsNames ? { pointsNames: program.pointsNames } : {}),
    earning: program.earning,
    rewards: program.rewards,
    tiers: program.tiers,
    settings: { expiryDays, tierMode, tierWindowDays },
  };
}

/** The points' name a page in `locale` says ("Sterne"): the merchant's translation, else the default. */
export const pointsNameIn = (program: StoredProgram, locale: PlauditLocale): string =>
  program.pointsNames?.[locale] ?? program.pointsName;

export async function loadProgram(db: Database | Tx, storeId: string): Promise<StoredProgram | undefined> {
  return (await loadVersionedProgram(db, storeId))?.program;
}

/**
 * Two owners editing the program at once: the admin read carries its version as an ETag, and a
 * save with `If-Match` is refused with 409 conflict when the program changed since it was read.
 * The version is a hash of the stored document, so it needs no column and no migration.
 */
const programEtag = (stored: string) =>
  `"${createHash("sha256").update(stored).digest("base64url").slice(0, 22)}"`;

export async function loadVersionedProgram(
  db: Database | Tx,
  storeId: string,
): Promise<{ program: StoredProgram; etag: string } | undefined> {
  const kysely = "kysely" in db ? db.kysely : db;
  const row = await kysely
    .selectFrom("loyalty_programs")
    .select("program")
    .where("store_id", "=", storeId)
    .executeTakeFirst();
  if (!row) return undefined;
  // Stored programs were validated on the way in; parsing again fills defaults added since.
  return { program: v.parse(ProgramInput, JSON.parse(row.program)), etag: programEtag(row.program) };
}

export async function requireProgram(db: Database | Tx, storeId: string): Promise<StoredProgram> {
  const program = await loadProgram(db, storeId);
  if (!program) throw new ApiError(404, "program_not_found", "this store has no loyalty program");
  return program;
}

/**
 * Saves the program and answers its new version; with an audit event (the admin route), its audit
 * row commits with it. With `ifMatch` (an If-Match header's value) it saves only over that version
 * of the program (`*`: any program, none is a conflict too): otherwise 409 conflict, nothing saved.
 * A removed reward's id given to a different reward is 422 (reward-ids.ts), nothing saved.
 */
export async function saveProgram(
  db: Database,
  storeId: string,
  program: StoredProgram,
  now: Date,
  audit?: AuditEvent,
  ifMatch?: string,
): Promise<string> {
  const values = { store_id: storeId, program: JSON.stringify(program), updated_at: now.toISOString() };
  await transaction(db, async (tx) => {
    // Read and written in one transaction (PostgreSQL: the row locked; SQLite: BEGIN IMMEDIATE).
    let find = tx.selectFrom("loyalty_programs").select("program").where("store_id", "=", storeId);
    if (db.kind === "postgres") find = find.forUpdate();
    const row = await find.executeTakeFirst();
    if (ifMatch !== undefined) {
      const wanted = ifMatch.split(",").map((tag) => tag.trim().replace(/^W\//, ""));
      if (!row || !(wanted.includes("*") || wanted.includes(programEtag(row.program))))
        throw new ApiError(
          409,
          "conflict",
          "the loyalty program changed since you read it: read it again and retry",
        );
    }
    const current: StoredProgram["rewards"] = row ? JSON.parse(row.program).rewards : [];
    await refuseReusedRewardIds(tx, storeId, new Set(current.map((r) => r.id)), program);
    await tx
      .insertInto("loyalty_programs")
      .values(values)
      .onConflict((oc) =>
        oc.column("store_id").doUpdateSet({ program: values.program, updated_at: values.updated_at }),
      )
      .execute();
    if (audit) await appendAudit(tx, audit);
  });
  return programEtag(values.program);
}
