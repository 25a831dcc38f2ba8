import { DEFAULT_TIME_ZONE } from "@plaudit/contract";
import * as v from "valibot";
import { appendCliAudit, cliAuditEvent } from "../audit/audit-log.ts";
import { CliError } from "../cli-error.ts";
import type { Database } from "../db/database.ts";
import { transaction } from "../db/transaction.ts";
import type { SecretBox } from "../keys/secret-box.ts";
import { createStore } from "./create-store.ts";
import { NewStoreInput, StoreUpdateInput } from "./store-input.ts";
import { findStore } from "./store-repo.ts";

// `plaudit-server stores create|list`. Each returns the text to print, so tests run them in-process
// and the CLI stays a thin dispatcher.

/** The input as `schema` reads it, or a CliError: the command's usage, then its first problem. */
function parsedOrRefused<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  usage: string,
): v.InferOutput<S> {
  const parsed = v.safeParse(schema, input);
  if (parsed.success) return parsed.output;
  const issue = parsed.issues[0];
  throw new CliError(`${usage}: ${v.getDotPath(issue) ?? "input"} ${issue.message}`);
}

export async function storesCreate(
  db: Database,
  box: SecretBox,
  args: {
    id: string | undefined;
    name: string | undefined;
    origins: string[];
    timeZone?: string | undefined;
    moderation?: string | undefined;
    json: boolean;
    now?: Date;
  },
): Promise<string> {
  const input = parsedOrRefused(
    NewStoreInput,
    {
      id: args.id ?? "",
      name: args.name ?? "",
      allowedOrigins: args.origins,
      ...(args.timeZone !== undefined ? { timeZone: args.timeZone } : {}),
      ...(args.moderation !== undefined ? { moderation: args.moderation } : {}),
    },
    'stores create <storeId> --name "Shop name" --origin https://shop.example [--time-zone Europe/Berlin] [--moderation publish|hold]',
  );
  if (await findStore(db, input.id)) throw new CliError(`a store ${JSON.stringify(input.id)} exists already`);
  // Audited like every CLI write (cliAuditEvent): actor `{ cli }`, address `cli`, no request.
  const now = args.now ?? new Date();
  const { actor, ip, requestId } = cliAuditEvent(input.id, "store.create", input.id, now);
  const created = await createStore(db, input, now, box, { actor, ip, requestId });
  const store = {
    id: input.id,
    name: input.name,
    allowedOrigins: input.allowedOrigins,
    timeZone: input.timeZone ?? DEFAULT_TIME_ZONE,
  };
  if (args.json)
    return `${JSON.stringify({ store, adminKey: created.adminKey, signingSecret: created.signingSecret })}\n`;
  return (
    `Created the store ${store.id} (${store.name}).\n\n` +
    `Admin key (full access; Authorization: Bearer …) — shown only now:\n  ${created.adminKey}\n\n` +
    `Customer-token signing secret (your shop's server signs shoppers' tokens with it):\n  ${created.signingSecret}\n\n` +
    "Keep both in your secret store. Make narrower keys with: plaudit-server keys create --store " +
    `${store.id} --name NAME --scopes reviews:read,reviews:moderate\n` +
    // Without an origin every write from the shop's pages is 403 origin_not_allowed: say so now.
    (store.allowedOrigins.length === 0
      ? `\nNo --origin: no shop page may write (reviews, votes, loyalty) until you name your shop's origin: plaudit-server stores update ${store.id} --origin https://shop.example\n`
      : "")
  );
}

/**
 * `stores update <storeId> [--origin URL…] [--moderation publish|hold] [--name NAME]`: what the
 * merchant chose when the store was made, changed later (a new domain, `www.` added, every review
 * held for a moderator). The origins given replace the list. One transaction with its
 * `store.update` audit row (actor `{ cli }`); running servers see it within STORE_CACHE_MS.
 */
export async function storesUpdate(
  db: Database,
  args: {
    id: string | undefined;
    name?: string | undefined;
    origins?: string[] | undefined;
    moderation?: string | undefined;
    now?: Date;
  },
): Promise<string> {
  const usage = "stores update <storeId> [--origin URL …] [--moderation publish|hold] [--name NAME]";
  const change = parsedOrRefused(
    StoreUpdateInput,
    {
      ...(args.name !== undefined ? { name: args.name } : {}),
      ...(args.origins !== undefined && args.origins.length > 0 ? { allowedOrigins: args.origins } : {}),
      ...(args.moderation !== undefined ? { moderation: args.moderation } : {}),
    },
    usage,
  );
  const set = {
    ...(change.name !== undefined ? { name: change.name } : {}),
    ...(change.allowedOrigins !== undefined
      ? { allowed_origins: JSON.stringify(change.allowedOrigins) }
      : {}),
    ...(change.moderation !== undefined ? { moderation: change.moderation } : {}),
  };
  if (Object.keys(set).length === 0) throw new CliError(`${usage}: nothing to change`);
  const id = args.id ?? "";
  if (!(await findStore(db, id))) throw new CliError(`no store ${JSON.stringify(id)}`);
  const now = args.now ?? new Date();
  await transaction(db, async (tx) => {
    await tx.updateTable("stores").set(set).where("id", "=", id).execute();
    await appendCliAudit(tx, id, "store.update", id, now);
  });
  const store = await findStore(db, id);
  return (
    `Updated the store ${id} (${store?.name}):\n` +
    `  origins     ${store?.allowedOrigins.join(" ") || "(none: no page may write)"}\n` +
    `  moderation  ${store?.moderation === "hold" ? "hold: every review waits for a moderator" : "publish: reviews appear at once"}\n`
  );
}

export async function storesList(db: Database, args: { json: boolean }): Promise<string> {
  const rows = await db.kysely
    .selectFrom("stores")
    .select(["id", "name", "allowed_origins", "time_zone", "moderation", "created_at"])
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const stores = rows.map((r) => ({
    id: r.id,
    name: r.name,
    allowedOrigins: JSON.parse(r.allowed_origins) as string[],
    timeZone: r.time_zone ?? DEFAULT_TIME_ZONE,
    moderation: r.moderation === "hold" ? "hold" : "publish",
    createdAt: r.created_at,
  }));
  if (args.json) return `${JSON.stringify(stores)}\n`;
  if (stores.length === 0)
    return "No stores yet: plaudit-server stores create <storeId> --name … --origin …\n";
  return stores
    .map((s) => `${s.id}\t${s.name}\t${s.allowedOrigins.join(" ")}\t${s.moderation}\t${s.createdAt}\n`)
    .join("");
}
