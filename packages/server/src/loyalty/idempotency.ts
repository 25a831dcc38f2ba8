import { createHash } from "node:crypto";
import { LIMITS } from "@plaudit/contract";
import type { Context } from "hono";
import type { ExpressionBuilder } from "kysely";
import type { AppContext } from "../context.ts";
import type { Schema } from "../db/schema.ts";
import { type Tx, transaction } from "../db/transaction.ts";
import { ApiError } from "../errors.ts";

// Idempotency-Key handling for writes that move points (API.md), and a review sent again after its
// answer was lost (review-submit.ts): the first request's status and
// exact body are stored under (store, scope, key); the same key with the same request answers
// those bytes again, another request 409. The key row is inserted FIRST inside the request's own
// transaction, so the database's primary key picks one winner among parallel duplicates: on
// PostgreSQL a loser's INSERT waits for the winner's transaction, on SQLite transactions run one at
// a time. Losers then read (or wait for) the stored response. A request that fails (422, 404…)
// rolls its key back with everything else, so the client may retry the same key later.

export interface IdempotentRequest {
  storeId: string;
  scope: "redemption" | "adjustment" | "review";
  key: string;
  /** The customer, or "" for admin requests. Part of the hash: another customer's key never replays. */
  customerId: string;
  requestHash: string;
  at: string;
}

export interface StoredResponse {
  status: 200 | 201;
  body: string;
}

/** First phase, in the transaction that claimed the key: either the whole answer, or a second phase. */
export type FirstPhase = { response: StoredResponse } | { secondPhase: () => Promise<StoredResponse> };

/** How long a duplicate waits, on the app clock, for the first request's answer (then 409). */
export const WAIT_FOR_WINNER_MS = 40_000;

/** How a waiting duplicate pauses between two reads of the key row; tests pass their own. */
export type Pause = (ms: number) => Promise<void>;
const sleep: Pause = (ms) => new Promise((done) => setTimeout(done, ms));

/** The Idempotency-Key header: required, 1–255 characters (400 otherwise). */
export function idempotencyKeyOf(c: Context): string {
  const key = optionalIdempotencyKeyOf(c);
  if (key === undefined) {
    throw new ApiError(
      400,
      "bad_request",
      "an Idempotency-Key header is required (a fresh random value per action)",
      {
        "Idempotency-Key": "is required",
      },
    );
  }
  return key;
}

/** The Idempotency-Key header where a route takes one if sent (a review): undefined when absent. */
export function optionalIdempotencyKeyOf(c: Context): string | undefined {
  const key = c.req.header("idempotency-key");
  if (key === undefined || key.trim() === "") return undefined;
  if (key.length > LIMITS.idempotencyKeyMax) {
    throw new ApiError(
      400,
      "bad_request",
      `the Idempotency-Key must be at most ${LIMITS.idempotencyKeyMax} characters`,
      {
        "Idempotency-Key": `must be at most ${LIMITS.idempotencyKeyMax} characters`,
      },
    );
  }
  return key;
}

/** Hash of what the request asks for (the validated input, so JSON spacing does not matter). */
export function requestHash(scope: string, customerId: string, input: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify([scope, customerId, input]))
    .digest("hex");
}

/** The key row a request claims: its key, whose it is, and no answer yet (the second phase's). */
export const claimedRow = (req: IdempotentRequest) => ({
  store_id: req.storeId,
  scope: req.scope,
  key: req.key,
  customer_id: req.customerId,
  request_hash: req.requestHash,
  response_status: null,
  response_body: null,
  created_at: req.at,
});

/**
 * The row of one Idempotency-Key, as a condition. A list of comparisons, not `eb.and({ … })`: the
 * object form leaves out a column whose value is undefined, so a request that lost a field would
 * update or delete every store's keys.
 */
const sameKey = (eb: ExpressionBuilder<Schema, "idempotency_keys">, req: IdempotentRequest) =>
  eb.and([eb("store_id", "=", req.storeId), eb("scope", "=", req.scope), eb("key", "=", req.key)]);

export async function storeResponse(tx: Tx, req: IdempotentRequest, response: StoredResponse): Promise<void> {
  await tx
    .updateTable("idempotency_keys")
    .set({ response_status: response.status, response_body: response.body })
    .where((eb) => sameKey(eb, req))
    .execute();
}

/** Gives the key up (the second phase failed and was compensated): a retry with it starts afresh. */
export async function releaseKey(tx: Tx, req: IdempotentRequest): Promise<void> {
  await tx
    .deleteFrom("idempotency_keys")
    .where((eb) => sameKey(eb, req))
    .execute();
}

const conflict = () =>
  new ApiError(409, "idempotency_conflict", "this Idempotency-Key was used for a different request");

/**
 * Runs a request once per key; duplicates get the first answer. A duplicate that finds the key
 * claimed but not yet answered (the first request is in its second phase) reads it again after
 * pauses of 5, 10, 20, 40, 80, then 100 ms, for up to WAIT_FOR_WINNER_MS on the app clock.
 */
export async function respondOnce(
  ctx: AppContext,
  req: IdempotentRequest,
  first: (tx: Tx) => Promise<FirstPhase>,
  pause: Pause = sleep,
): Promise<StoredResponse> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const outcome = await transaction(ctx.db, async (tx) => {
      const claimed = await tx
        .insertInto("idempotency_keys")
        .values(claimedRow(req))
        .onConflict((oc) => oc.columns(["store_id", "scope", "key"]).doNothing())
        .returning("key")
        .executeTakeFirst();
      if (!claimed) return { kind: "taken" as const };
      const phase = await first(tx);
      if ("response" in phase) {
        await storeResponse(tx, req, phase.response);
        return { kind: "done" as const, response: phase.response };
      }
      return { kind: "second" as const, secondPhase: phase.secondPhase };
    });
    if (outcome.kind === "done") return outcome.response;
    if (outcome.kind === "second") return outcome.secondPhase();
    const stored = await waitForStoredResponse(ctx, req, pause);
    if (stored) return stored;
    // The winner gave the key up (its second phase failed): try to claim it ourselves.
  }
  throw new ApiError(
    409,
    "idempotency_conflict",
    "this Idempotency-Key is busy with another request; retry later",
  );
}

async function waitForStoredResponse(
  ctx: AppContext,
  req: IdempotentRequest,
  pause: Pause,
): Promise<StoredResponse | undefined> {
  const deadline = ctx.clock().getTime() + WAIT_FOR_WINNER_MS;
  for (let ms = 5; ; ms = Math.min(ms * 2, 100)) {
    const row = await ctx.db.kysely
      .selectFrom("idempotency_keys")
      .select(["request_hash", "response_status", "response_body"])
      .where((eb) => sameKey(eb, req))
      .executeTakeFirst();
    if (!row) return undefined;
    if (row.request_hash !== req.requestHash) throw conflict();
    // storeResponse writes the status and the body in one UPDATE: a body means answered.
    if (row.response_body !== null) {
      return { status: Number(row.response_status) === 200 ? 200 : 201, body: row.response_body };
    }
    if (ctx.clock().getTime() > deadline) {
      throw new ApiError(
        409,
        "idempotency_conflict",
        "the first request with this Idempotency-Key is still running",
      );
    }
    await pause(ms);
  }
}
