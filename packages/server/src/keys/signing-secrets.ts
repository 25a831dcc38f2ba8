import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Schema } from "../db/schema.ts";
import type { SecretBox } from "./secret-box.ts";
import { assertStrongSecret, MIN_SECRET_LENGTH } from "./secret-strength.ts";

// A store's signing secrets, one purpose each (never an admin key):
//   customer_token — the shop's server signs its shoppers' customer tokens with it (API.md);
//   code_webhook   — Plaudit signs its calls to the merchant's code webhook with it;
//   links          — Plaudit signs links it checks itself (keys/link-secret.ts);
//   admin_invite   — the admin app's one-time set-password links (admin-users/users.ts).
// A new secret retires the current one of its purpose. A retired customer-token secret still
// verifies tokens for one token lifetime after it was retired (the overlap a rotation needs);
// the other purposes are only ever signed with the current one. There is never more than one
// current secret per store and purpose: a partial unique index says so (migration 0012), and the
// writers below insert-or-ignore against it, so two processes racing end with one secret.

export type SigningPurpose = "customer_token" | "code_webhook" | "links" | "admin_invite";

/** Recognisable prefixes, as Stripe's `whsec_`: a leak scan can tell what it found. */
const PREFIX: Record<SigningPurpose, string> = {
  customer_token: "tks_",
  code_webhook: "whsec_",
  links: "lks_",
  admin_invite: "ais_",
};

/**
 * "whsec_A…wXyZ": enough to recognise a secret (or an admin key) by, not to use it. Only for a
 * secret of MIN_SECRET_LENGTH or more: a shorter one (carried over by migration 0010 from before
 * secrets had a minimum) would be mostly or wholly in its first 7 and last 4 characters, so "…".
 */
export const secretHint = (secret: string) =>
  secret.length >= MIN_SECRET_LENGTH ? `${secret.slice(0, 7)}…${secret.slice(-4)}` : "…";

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
  const id = newSecretId();
  const sealed = box.seal(secret);
  // Retire the current one, then insert. On PostgreSQL a rotation racing this one can commit its
  // secret between the two statements: the insert then makes nothing (the index), and retiring
  // that one goes again — the last rotation wins, and there is still one current secret.
  for (let attempt = 0; attempt < 5; attempt++) {
    await db
      .updateTable("signing_secrets")
      .set({ retired_at: at })
      .where("store_id", "=", args.storeId)
      .where("purpose", "=", args.purpose)
      .where("retired_at", "is", null)
      .execute();
    if (await insertIfNoCurrent(db, { id, storeId: args.storeId, purpose: args.purpose, sealed, at }))
      return { id, secret, createdAt: at };
  }
  throw new Error(`could not make a ${args.purpose} secret: other rotations kept winning`);
}

const newSecretId = () => `ss_${randomBytes(9).toString("base64url")}`;

/** Inserts the secret as current unless the store already has one for its purpose; true if it did. */
async function insertIfNoCurrent(
  db: Kysely<Schema>,
  row: { id: string; storeId: string; purpose: SigningPurpose; sealed: string; at: string },
): Promise<boolean> {
  const result = await db
    .insertInto("signing_secrets")
    .values({
      id: row.id,
      store_id: row.storeId,
      purpose: row.purpose,
      secret: row.sealed,
      created_at: row.at,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
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

const currentRow = (db: Kysely<Schema>, args: { storeId: string; purpose: SigningPurpose }) =>
  db
    .selectFrom("signing_secrets")
    .select(["id", "secret", "created_at"])
    .where("store_id", "=", args.storeId)
    .where("purpose", "=", args.purpose)
    .where("retired_at", "is", null)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();

/** The store's current secret for `purpose`, or undefined when it has none. */
export async function currentSigningSecret(
  db: Kysely<Schema>,
  box: SecretBox,
  args: { storeId: string; purpose: SigningPurpose },
): Promise<string | undefined> {
  const row = await currentRow(db, args);
  return row ? box.open(row.secret) : undefined;
}

/**
 * What may be shown of the store's current secret for `purpose`: its id, when it was made and a
 * hint — never the secret itself, which only the answer that made it (a rotation) shows. A read:
 * it makes nothing (undefined when the store has none; a POST makes one).
 */
export async function signingSecretInfo(
  db: Kysely<Schema>,
  box: SecretBox,
  args: { storeId: string; purpose: SigningPurpose },
): Promise<{ id: string; hint: string; createdAt: string } | undefined> {
  const row = await currentRow(db, args);
  if (!row) return undefined;
  return { id: row.id, hint: secretHint(box.open(row.secret)), createdAt: row.created_at };
}

/** Seals every secret still stored in the clear (the CLI runs it when PLAUDIT_SECRETS_KEY is set). */
/**
 * Throws SecretsKeyError when the stored secrets do not open with `box` (PLAUDIT_SECRETS_KEY unset,
 * or another key than they were sealed with): the server then refuses to start, where it used to
 * serve and answer 500 to every signed-in shopper, and its worker failed every review request.
 */
export async function assertSecretsOpen(db: Kysely<Schema>, box: SecretBox): Promise<void> {
  const sealed = await db
    .selectFrom("signing_secrets")
    .select("secret")
    .where("secret", "not like", "plain:%")
    .limit(1)
    .executeTakeFirst();
  if (sealed) box.open(sealed.secret);
}

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
 * existed). Race-free: processes making one at the same moment all insert-or-ignore, then read
 * back the one that was made first — every one of them signs with the same secret.
 */
export async function signingSecretFor(
  db: Kysely<Schema>,
  box: SecretBox,
  args: { storeId: string; purpose: SigningPurpose; now: Date },
): Promise<string> {
  const current = await currentSigningSecret(db, box, args);
  if (current !== undefined) return current;
  await insertIfNoCurrent(db, {
    id: newSecretId(),
    storeId: args.storeId,
    purpose: args.purpose,
    sealed: box.seal(newSigningSecret(args.purpose)),
    at: args.now.toISOString(),
  });
  const made = await currentSigningSecret(db, box, args);
  if (made === undefined) throw new Error(`no ${args.purpose} secret after making one`);
  return made;
}
