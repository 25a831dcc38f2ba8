import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Schema } from "../db/schema.ts";
import type { SecretBox } from "./secret-box.ts";
import { assertStrongSecret } from "./secret-strength.ts";

// A store's signing secrets, one purpose each (never an admin key):
//   customer_token — the shop's server signs its shoppers' customer tokens with it (API.md);
//   code_webhook   — Plaudit signs its calls to the merchant's code webhook with it;
//   links          — Plaudit signs links it checks itself (keys/link-secret.ts);
//   admin_invite   — the admin app's one-time set-password links (admin-users/users.ts).
// A new secret retires the current one of its purpose. A retired customer-token secret still
// verifies tokens for one token lifetime after it was retired (the overlap a rotation needs);
// the other purposes are only ever signed with the current one.

export type SigningPurpose = "customer_token" | "code_webhook" | "links" | "admin_invite";

/** Recognisable prefixes, as Stripe's `whsec_`: a leak scan can tell what it found. */
const PREFIX: Record<SigningPurpose, string> = {
  customer_token: "tks_",
  code_webhook: "whsec_",
  links: "lks_",
  admin_invite: "ais_",
};

export function newSigningSecret(purpose: SigningPurpose): string {
  return `${PREFIX[purpose]}${randomBytes(32).toString("base64url")}`;
}

export interface SigningSecret {
  id: string;
  secret: string;
  createdAt: string;
}

/** Makes `secret` (or a new one) the store's current secret for `purpose`, retiring the one before. */
export async function addSigningSecret(
  db: Kysely<Schema>,
  box: SecretBox,
  args: { storeId: string; purpose: SigningPurpose; secret?: string; now: Date },
): Promise<SigningSecret> {
  const secret = args.secret ?? newSigningSecret(args.purpose);
  assertStrongSecret("a signing secret", secret);
  const at = args.now.toISOString();
  const id = `ss_${randomBytes(9).toString("base64url")}`;
  await db
    .updateTable("signing_secrets")
    .set({ retired_at: at })
    .where("store_id", "=", args.storeId)
    .where("purpose", "=", args.purpose)
    .where("retired_at", "is", null)
    .execute();
  await db
    .insertInto("signing_secrets")
    .values({ id, store_id: args.storeId, purpose: args.purpose, secret: box.seal(secret), created_at: at })
    .execute();
  return { id, secret, createdAt: at };
}

/**
 * The secrets that verify for `purpose` now, current first: those not retired, and those retired
 * less than `overlapSeconds` ago (0 for purposes without an overlap).
 */
export async function verifyingSecrets(
  db: Kysely<Schema>,
  box: SecretBox,
  args: { storeId: string; purpose: SigningPurpose; now: Date; overlapSeconds: number },
): Promise<string[]> {
  const since = new Date(args.now.getTime() - args.overlapSeconds * 1000).toISOString();
  const rows = await db
    .selectFrom("signing_secrets")
    .select(["secret", "retired_at"])
    .where("store_id", "=", args.storeId)
    .where("purpose", "=", args.purpose)
    .where((eb) => eb.or([eb("retired_at", "is", null), eb("retired_at", ">=", since)]))
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map((row) => box.open(row.secret));
}

/** The store's current secret for `purpose`, or undefined when it has none. */
export async function currentSigningSecret(
  db: Kysely<Schema>,
  box: SecretBox,
  args: { storeId: string; purpose: SigningPurpose },
): Promise<string | undefined> {
  const row = await db
    .selectFrom("signing_secrets")
    .select("secret")
    .where("store_id", "=", args.storeId)
    .where("purpose", "=", args.purpose)
    .where("retired_at", "is", null)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
  return row ? box.open(row.secret) : undefined;
}

/** Seals every secret still stored in the clear (the CLI runs it when PLAUDIT_SECRETS_KEY is set). */
export async function sealPlainSecrets(db: Kysely<Schema>, box: SecretBox): Promise<number> {
  if (!box.sealing) return 0;
  const rows = await db
    .selectFrom("signing_secrets")
    .select(["id", "secret"])
    .where("secret", "like", "plain:%")
    .execute();
  for (const row of rows) {
    await db
      .updateTable("signing_secrets")
      .set({ secret: box.seal(box.open(row.secret)) })
      .where("id", "=", row.id)
      .where("secret", "=", row.secret)
      .execute();
  }
  return rows.length;
}

/**
 * The store's current secret for `purpose`, made on first use (a store made before that purpose
 * existed). Two processes making one at the same moment leave two current secrets; the newest is
 * used, and every current one verifies.
 */
export async function signingSecretFor(
  db: Kysely<Schema>,
  box: SecretBox,
  args: { storeId: string; purpose: SigningPurpose; now: Date },
): Promise<string> {
  const current = await currentSigningSecret(db, box, args);
  if (current !== undefined) return current;
  const secret = newSigningSecret(args.purpose);
  await db
    .insertInto("signing_secrets")
    .values({
      id: `ss_${randomBytes(9).toString("base64url")}`,
      store_id: args.storeId,
      purpose: args.purpose,
      secret: box.seal(secret),
      created_at: args.now.toISOString(),
    })
    .execute();
  return secret;
}
