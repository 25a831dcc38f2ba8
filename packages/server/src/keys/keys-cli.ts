import { appendCliAudit } from "../audit/audit-log.ts";
import type { Grant } from "../auth/scopes.ts";
import { isGrant, SCOPES } from "../auth/scopes.ts";
import { CliError } from "../cli-error.ts";
import type { Database } from "../db/database.ts";
import { transaction } from "../db/transaction.ts";
import { findStore } from "../stores/store-repo.ts";
import { addAdminKey, listAdminKeys, revokeAdminKey } from "./admin-keys.ts";
import type { SecretBox } from "./secret-box.ts";
import { addSigningSecret } from "./signing-secrets.ts";

// `plaudit-server keys create|list|revoke --store ID`: the same keys as /v1/admin/keys, for an
// operator on the machine (the first key of a store, or a lost one).

export async function requireStore(db: Database, storeId: string | undefined): Promise<string> {
  if (!storeId) throw new CliError("--store ID is required (plaudit-server stores list shows them)");
  if (!(await findStore(db, storeId))) throw new CliError(`no store ${JSON.stringify(storeId)}`);
  return storeId;
}

export function parseScopes(list: string | undefined): Grant[] {
  const scopes = (list ?? "*")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = scopes.filter((s) => !isGrant(s));
  if (scopes.length === 0 || unknown.length > 0)
    throw new CliError(`unknown scope ${unknown.join(", ") || "(none)"}: use * or ${SCOPES.join(", ")}`);
  return scopes as Grant[];
}

export async function keysCreate(
  db: Database,
  args: {
    store: string | undefined;
    name: string | undefined;
    scopes: string | undefined;
    json: boolean;
    now?: Date;
  },
): Promise<string> {
  const storeId = await requireStore(db, args.store);
  const name = args.name?.trim();
  if (!name || name.length > 100) throw new CliError("--name NAME is required (1–100 characters)");
  const now = args.now ?? new Date();
  const scopes = parseScopes(args.scopes);
  const { key, secret } = await transaction(db, async (tx) => {
    const made = await addAdminKey(tx, { storeId, name, scopes, now });
    await appendCliAudit(tx, storeId, "key.create", made.key.id, now);
    return made;
  });
  if (args.json)
    return `${JSON.stringify({ id: key.id, name: key.name, scopes: key.scopes, key: secret, createdAt: key.createdAt })}\n`;
  return `Created key ${key.id} "${key.name}" (${key.scopes.join(", ")}) — shown only now:\n  ${secret}\n`;
}

export async function keysList(
  db: Database,
  args: { store: string | undefined; json: boolean },
): Promise<string> {
  const keys = await listAdminKeys(db.kysely, await requireStore(db, args.store));
  if (args.json) return `${JSON.stringify(keys)}\n`;
  return keys
    .map(
      (k) =>
        `${k.id}\t${k.hint}\t${k.name}\t${k.scopes.join(",")}\t${k.revokedAt ? `revoked ${k.revokedAt}` : "active"}\n`,
    )
    .join("");
}

export async function keysRevoke(
  db: Database,
  args: { store: string | undefined; keyId: string | undefined; now?: Date },
): Promise<string> {
  const storeId = await requireStore(db, args.store);
  if (!args.keyId) throw new CliError("keys revoke --store ID KEY_ID");
  const revoked = await revokeAdminKey(db.kysely, {
    storeId,
    keyId: args.keyId,
    now: args.now ?? new Date(),
  });
  if (!revoked) throw new CliError(`store ${storeId} has no active key ${args.keyId}`);
  return `Revoked ${args.keyId}: it is refused from now on, by every server on this database.\n`;
}

/**
 * `plaudit-server webhook-secret rotate --store ID`: a new code-webhook secret (printed once), as
 * `POST /v1/admin/loyalty/webhook-secret` makes; audited as `webhook_secret.rotate`.
 */
export async function webhookSecretRotate(
  db: Database,
  box: SecretBox,
  args: { store: string | undefined; json: boolean; now?: Date },
): Promise<string> {
  const storeId = await requireStore(db, args.store);
  const now = args.now ?? new Date();
  const made = await transaction(db, async (tx) => {
    const secret = await addSigningSecret(tx, box, { storeId, purpose: "code_webhook", now });
    await appendCliAudit(tx, storeId, "webhook_secret.rotate", secret.id, now);
    return secret;
  });
  if (args.json) return `${JSON.stringify(made)}\n`;
  return `New code-webhook secret ${made.id} for ${storeId} — shown only now; Plaudit signs its webhook calls with it from now on:\n  ${made.secret}\n`;
}
