import { randomBytes } from "node:crypto";
import type { Database } from "../db/database.ts";
import type { RateLimitSettings } from "../rate-limit.ts";
import { hashSecret } from "./store-repo.ts";

export interface NewStore {
  id: string;
  name: string;
  secretKey?: string;
  allowedOrigins?: string[];
  moderation?: "publish" | "hold";
  rateLimits?: RateLimitSettings;
  tokenLifetimeSeconds?: number;
}

export function newSecretKey(): string {
  return `sk_${randomBytes(24).toString("base64url")}`;
}

/** Creates a store and returns its secret key. */
export async function createStore(db: Database, store: NewStore, now = new Date()): Promise<string> {
  const secretKey = store.secretKey ?? newSecretKey();
  await db.kysely
    .insertInto("stores")
    .values({
      id: store.id,
      name: store.name,
      secret_key: secretKey,
      secret_hash: hashSecret(secretKey),
      allowed_origins: JSON.stringify(store.allowedOrigins ?? []),
      rate_limits: store.rateLimits ? JSON.stringify(store.rateLimits) : null,
      token_lifetime_seconds: store.tokenLifetimeSeconds ?? 3600,
      moderation: store.moderation ?? "publish",
      created_at: now.toISOString(),
    })
    .execute();
  return secretKey;
}

/** Replaces a store's secret key (the CLI does when PLAUDIT_DEMO_SECRET changes). */
export async function setStoreSecret(db: Database, storeId: string, secretKey: string): Promise<void> {
  await db.kysely
    .updateTable("stores")
    .set({ secret_key: secretKey, secret_hash: hashSecret(secretKey) })
    .where("id", "=", storeId)
    .execute();
}
