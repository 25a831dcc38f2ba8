import { DEFAULT_TIME_ZONE, isTimeZone } from "@plaudit/contract";
import type { Kysely } from "kysely";
import type { Database } from "../db/database.ts";
import type { Schema } from "../db/schema.ts";
import { parseRateLimitSettings, type RateLimitSettings } from "../rate-limit.ts";

export interface StoreRecord {
  id: string;
  name: string;
  allowedOrigins: string[];
  rateLimits: RateLimitSettings;
  tokenLifetimeSeconds: number;
  moderation: "publish" | "hold";
  /** The zone the store's days are counted in (the admin's overview and audit log). */
  timeZone: string;
}

export async function findStore(db: Database, storeId: string): Promise<StoreRecord | undefined> {
  const row = await db.kysely.selectFrom("stores").selectAll().where("id", "=", storeId).executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    name: row.name,
    allowedOrigins: parseOrigins(row.allowed_origins),
    rateLimits: parseRateLimitSettings(row.rate_limits),
    tokenLifetimeSeconds: row.token_lifetime_seconds,
    moderation: row.moderation === "hold" ? "hold" : "publish",
    // A zone this runtime does not know (an older ICU) counts in UTC rather than failing.
    timeZone: row.time_zone && isTimeZone(row.time_zone) ? row.time_zone : DEFAULT_TIME_ZONE,
  };
}

/**
 * Whether the store holds the photos and videos of reviewers without a verified purchase for a
 * moderator (`stores.hold_unverified_media`, issue 19): on unless the merchant turns it off. The
 * one reader of the setting: the review being written reads it in its own transaction (`db` a
 * Tx), not from the store scope's memory, so a change applies to the next review; the media
 * settings screen reads it too.
 */
export async function holdsUnverifiedMedia(db: Kysely<Schema>, storeId: string): Promise<boolean> {
  const row = await db
    .selectFrom("stores")
    .select("hold_unverified_media")
    .where("id", "=", storeId)
    .executeTakeFirst();
  return Number(row?.hold_unverified_media ?? 1) === 1;
}

function parseOrigins(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((o): o is string => typeof o === "string") : [];
  } catch {
    return [];
  }
}

/**
 * Whether `origin` is one the store lists. An entry may end in `:*` to allow any port of that
 * scheme and host (`http://localhost:*`), and `*` alone allows every origin.
 */
export function originAllowed(origin: string, allowed: string[]): boolean {
  for (const entry of allowed) {
    if (entry === "*" || entry === origin) return true;
    if (entry.endsWith(":*")) {
      const base = entry.slice(0, -2);
      if (
        origin === base ||
        (origin.startsWith(`${base}:`) && /^\d{1,5}$/.test(origin.slice(base.length + 1)))
      ) {
        return true;
      }
    }
  }
  return false;
}
