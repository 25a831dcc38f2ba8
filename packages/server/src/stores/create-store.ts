import { type AuditActor, appendAudit } from "../audit/audit-log.ts";
import type { Grant } from "../auth/scopes.ts";
import type { Database } from "../db/database.ts";
import { transaction } from "../db/transaction.ts";
import { addAdminKey } from "../keys/admin-keys.ts";
import { plainSecretBox, type SecretBox } from "../keys/secret-box.ts";
import { addSigningSecret } from "../keys/signing-secrets.ts";
import type { RateLimitSettings } from "../rate-limit.ts";

export interface NewStore {
  id: string;
  name: string;
  /** The first admin key (default: a new `sk_` key). At least 32 characters. */
  adminKey?: string;
  /** The first customer-token signing secret (default: a new one). At least 32 characters. */
  signingSecret?: string;
  /** Scopes of the first admin key; default everything. */
  adminScopes?: readonly Grant[];
  allowedOrigins?: string[];
  moderation?: "publish" | "hold";
  /** Hold the photos and videos of reviewers without a verified purchase for a moderator (default true). */
  holdUnverifiedMedia?: boolean;
  rateLimits?: RateLimitSettings;
  tokenLifetimeSeconds?: number;
  /** IANA zone its days are counted in; default UTC (contract/time-zone.ts). */
  timeZone?: string;
}

/** Who made the store, for its first audit row (`store.create`, target the store id). */
export interface StoreCreator {
  actor: AuditActor;
  ip?: string;
  requestId?: string;
}

export interface CreatedStore {
  /** The first admin key, in full: shown once, stored only hashed. */
  adminKey: string;
  adminKeyId: string;
  /** The customer-token signing secret the shop's server signs tokens with. */
  signingSecret: string;
}

/** The first admin key's name. */
export const FIRST_KEY_NAME = "first key";

/**
 * Creates a store with its first full-scope admin key, its customer-token signing secret, its
 * code-webhook secret and its links secret, in one transaction — with its `store.create` audit
 * row when a creator is named (the CLI does). Different secrets unless the caller passes the same
 * one twice (only the demo store does: PLAUDIT_DEMO_SECRET is both).
 */
export async function createStore(
  db: Database,
  store: NewStore,
  now = new Date(),
  box: SecretBox = plainSecretBox,
  creator?: StoreCreator,
): Promise<CreatedStore> {
  return transaction(db, async (tx) => {
    await tx
      .insertInto("stores")
      .values({
        id: store.id,
        name: store.name,
        // Columns of the one-secret days (migration 0010): unused, kept empty and unique.
        secret_key: "",
        secret_hash: `none:${store.id}`,
        allowed_origins: JSON.stringify(store.allowedOrigins ?? []),
        rate_limits: store.rateLimits ? JSON.stringify(store.rateLimits) : null,
        token_lifetime_seconds: store.tokenLifetimeSeconds ?? 3600,
        moderation: store.moderation ?? "publish",
        hold_unverified_media: store.holdUnverifiedMedia === false ? 0 : 1,
        time_zone: store.timeZone ?? null,
        created_at: now.toISOString(),
      })
      .execute();
    const admin = await addAdminKey(tx, {
      storeId: store.id,
      name: FIRST_KEY_NAME,
      scopes: store.adminScopes ?? ["*"],
      ...(store.adminKey ? { key: store.adminKey } : {}),
      now,
    });
    const signing = await addSigningSecret(tx, box, {
      storeId: store.id,
      purpose: "customer_token",
      ...(store.signingSecret ? { secret: store.signingSecret } : {}),
      now,
    });
    await addSigningSecret(tx, box, { storeId: store.id, purpose: "code_webhook", now });
    // Made now, not on first use: no two processes ever race to make it (keys/link-secret.ts).
    await addSigningSecret(tx, box, { storeId: store.id, purpose: "links", now });
    if (creator)
      await appendAudit(tx, {
        storeId: store.id,
        at: now.toISOString(),
        actor: creator.actor,
        action: "store.create",
        target: store.id,
        ip: creator.ip ?? "",
        requestId: creator.requestId ?? "",
      });
    return { adminKey: admin.secret, adminKeyId: admin.key.id, signingSecret: signing.secret };
  });
}
