import { RequestSettings, type RequestSettingsAnswer } from "@plaudit/contract";
import type { Kysely } from "kysely";
import * as v from "valibot";
import type { Schema } from "../db/schema.ts";

export { RequestSettings };

/** What a store that never saved settings has: off, so nothing is mailed before the merchant says so. */
export function defaultSettings(): RequestSettingsAnswer {
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
