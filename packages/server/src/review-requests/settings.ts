import type { Kysely } from "kysely";
import * as v from "valibot";
import type { Schema } from "../db/schema.ts";
import { LIMITS } from "../limits.ts";
import { text } from "../validation.ts";

const days = (min: number, max: number) =>
  v.pipe(
    v.number("must be a whole number of days"),
    v.integer("must be a whole number of days"),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  );
const email = v.pipe(
  v.string("must be an email address"),
  v.trim(),
  v.maxLength(LIMITS.emailMax, "is too long"),
  v.email("must be an email address"),
);
const color = v.pipe(
  v.string("must be a #rrggbb color"),
  v.regex(/^#[0-9a-fA-F]{6}$/, "must be a #rrggbb color"),
);

/**
 * The store's review-request settings (API.md, "Review requests"). Nothing here can depend on a
 * rating: a request goes to every fulfilled order alike (16 CFR 465).
 */
export const RequestSettingsInput = v.object(
  {
    enabled: v.boolean("must be true or false"),
    delayDays: v.optional(days(0, 60), 7),
    reminderDays: v.optional(days(0, 60), 7),
    maxPerAddressPer30Days: v.optional(days(1, 30), 5),
    from: v.object({ name: text(1, 100, "a sender name"), email }, "must be { name, email }"),
    notifyEmail: v.optional(v.nullable(email), null),
    photoIncentivePoints: v.optional(days(0, 1_000_000), 0),
    /** The hosted review page's colors (the widgets' --plaudit-* tokens); unset: the defaults. */
    theme: v.optional(
      v.object(
        { accent: v.optional(color), text: v.optional(color), background: v.optional(color) },
        "must be { accent?, text?, background? }",
      ),
      {},
    ),
  },
  "must be a JSON object",
);

export type RequestSettings = v.InferOutput<typeof RequestSettingsInput>;

/** What a store that never saved settings has: off, so nothing is mailed before the merchant says so. */
export function defaultSettings(storeName: string): RequestSettings {
  return {
    enabled: false,
    delayDays: 7,
    reminderDays: 7,
    maxPerAddressPer30Days: 5,
    from: { name: storeName, email: "" },
    notifyEmail: null,
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
  const parsed = v.safeParse(RequestSettingsInput, JSON.parse(row.settings));
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
