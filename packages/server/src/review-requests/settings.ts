import { RequestSettings, type RequestSettingsAnswer } from "@plaudit/contract";
import type { Kysely } from "kysely";
import * as v from "valibot";
import type { Database } from "../db/database.ts";
import type { Schema } from "../db/schema.ts";
import { transaction } from "../db/transaction.ts";
import { normalizeAddress } from "../suppression/index.ts";

export { RequestSettings };

/** What a store that never saved settings has: off, so nothing is mailed before the merchant says so. */
export function defaultSettings(): Omit<RequestSettingsAnswer, "mailReady"> {
  return {
    enabled: false,
    delayDays: 7,
    reminderDays: 7,
    maxPerAddressPer30Days: 5,
    from: null,
    replyTo: null,
    notifyEmail: null,
    notifyLocale: "en",
    photoIncentivePoints: 0,
    theme: {},
  };
}

export async function loadSettings(
  db: Kysely<Schema>,
  storeId: string,
): Promise<RequestSettings | undefined> {
  const row = await db
    .selectFrom("review_request_settings")
    .select("settings")
    .where("store_id", "=", storeId)
    .executeTakeFirst();
  if (!row) return undefined;
  const parsed = v.safeParse(RequestSettings, JSON.parse(row.settings));
  return parsed.success ? parsed.output : undefined;
}

export async function saveSettings(
  db: Kysely<Schema>,
  storeId: string,
  settings: RequestSettings,
  at: string,
): Promise<void> {
  const json = JSON.stringify(settings);
  await db
    .insertInto("review_request_settings")
    .values({ store_id: storeId, settings: json, updated_at: at })
    .onConflict((oc) => oc.column("store_id").doUpdateSet({ settings: json, updated_at: at }))
    .execute();
}

/**
 * A moderation notice's stop link: clears the store's notify address when it is still `email`
 * (the merchant may have set another since). The rest of the settings stay as they are: read
 * and written in one transaction, the row locked on PostgreSQL, so a settings save at the same
 * moment is not overwritten with what was read before it.
 */
export async function stopNotices(db: Database, storeId: string, email: string, at: string): Promise<void> {
  await transaction(db, async (tx) => {
    let query = tx.selectFrom("review_request_settings").select("settings").where("store_id", "=", storeId);
    if (db.kind === "postgres") query = query.forUpdate();
    const row = await query.executeTakeFirst();
    if (!row) return;
    const parsed = v.safeParse(RequestSettings, JSON.parse(row.settings));
    if (!parsed.success || !parsed.output.notifyEmail) return;
    if (normalizeAddress(parsed.output.notifyEmail) !== normalizeAddress(email)) return;
    await saveSettings(tx, storeId, { ...parsed.output, notifyEmail: null }, at);
  });
}
