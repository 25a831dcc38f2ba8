import { randomBytes } from "node:crypto";
import type { AppContext } from "../context.ts";
import { isUniqueViolation, type Tx, transaction } from "../db/transaction.ts";
import { ApiError } from "../errors.ts";
import { signingSecretFor } from "../keys/signing-secrets.ts";
import type { StoreRecord } from "../stores/store-repo.ts";
import { type CodeIssuer, type CodeRequest, generatedCodeIssuer } from "./code-issuer.ts";
import { expireIfDue } from "./expiry.ts";
import {
  type IdempotentRequest,
  releaseKey,
  requestHash,
  respondOnce,
  type StoredResponse,
  storeResponse,
} from "./idempotency.ts";
import { postEntry } from "./ledger.ts";
import { releaseDuePoints } from "./pending-points.ts";
import { type Reward, requireProgram, type StoredProgram } from "./program.ts";
import { WebhookCodeIssuer } from "./webhook-code-issuer.ts";

// A redemption runs in two phases so a slow code webhook never holds a database lock:
//   1. one transaction: claim the Idempotency-Key, spend the points (guarded), record the
//      redemption as "issuing";
//   2. ask the code issuer; then one transaction stores the code and the response. If the issuer
//      fails, that transaction gives the points back with a new ledger row (redemption_refund),
//      marks the redemption failed and frees the key. A process that dies between the phases is
//      repaired the same way by recoverStuckRedemptions.

export function codeIssuerFor(
  program: StoredProgram,
  store: StoreRecord,
  ctx: Pick<AppContext, "clock" | "allowPrivateWebhooks" | "db" | "secrets">,
): CodeIssuer {
  const { codeWebhookUrl, codeWebhookTimeoutMs } = program.settings;
  if (!codeWebhookUrl) return generatedCodeIssuer;
  return new WebhookCodeIssuer({
    url: codeWebhookUrl,
    // The store's code-webhook secret: neither its admin keys nor its customer-token secret.
    // Read when called, so a failure to read it gives the points back like a failed call.
    secret: () =>
      signingSecretFor(ctx.db.kysely, ctx.secrets, {
        storeId: store.id,
        purpose: "code_webhook",
        now: ctx.clock(),
      }),
    timeoutMs: codeWebhookTimeoutMs,
    now: ctx.clock,
    allowPrivateAddresses: ctx.allowPrivateWebhooks,
  });
}

export async function redeemReward(
  ctx: AppContext,
  store: StoreRecord,
  args: { customerId: string; rewardId: string; cost?: number; idempotencyKey: string },
): Promise<StoredResponse> {
  const at = ctx.clock().toISOString();
  const req: IdempotentRequest = {
    storeId: store.id,
    scope: "redemption",
    key: args.idempotencyKey,
    customerId: args.customerId,
    // A body without a cost hashes as before the field existed (JSON leaves undefined out).
    requestHash: requestHash("redemption", args.customerId, { rewardId: args.rewardId, cost: args.cost }),
    at,
  };
  // The program is read after the key is claimed: a replay answers the first request's bytes even
  // when the merchant has since removed or repriced the reward, and a first request spends what
  // the reward costs at that moment.
  return respondOnce(ctx, req, async (tx) => {
    const program = await requireProgram(tx, store.id);
    const reward = program.rewards.find((r) => r.id === args.rewardId);
    if (!reward) throw new ApiError(404, "reward_not_found", "this program has no reward with this id");
    // The shopper agreed to the cost they were shown: never spend another one behind their back.
    if (args.cost !== undefined && args.cost !== reward.cost) {
      throw new ApiError(
        409,
        "reward_changed",
        `this reward now costs ${reward.cost} points, not ${args.cost}: show it again before redeeming`,
        { cost: `is now ${reward.cost}` },
      );
    }
    const redemptionId = `rd_${randomBytes(12).toString("base64url")}`;
    // As /me does: points that finished their return window a moment ago are spendable now, and
    // points whose quiet spell ran out are gone (the sweep or the next /me would take them).
    await releaseDuePoints(tx, { storeId: store.id, customerId: args.customerId, now: at });
    await expireIfDue(tx, {
      storeId: store.id,
      customerId: args.customerId,
      program,
      now: new Date(at),
      postgres: ctx.db.kind === "postgres",
    });
    const spent = await postEntry(tx, {
      storeId: store.id,
      customerId: args.customerId,
      delta: -reward.cost,
      action: "redemption",
      reference: redemptionId,
      reason: `Redeemed: ${reward.name}`,
      at,
    });
    if (!spent.posted) throw new Error("a fresh redemption id collided");
    await tx
      .insertInto("loyalty_redemptions")
      .values({
        id: redemptionId,
        store_id: store.id,
        customer_id: args.customerId,
        reward_id: reward.id,
        reward: JSON.stringify(reward),
        points_spent: reward.cost,
        status: "issuing",
        code: null,
        created_at: at,
        issued_at: null,
        idempotency_key: args.idempotencyKey,
      })
      .execute();
    const request: CodeRequest = {
      storeId: store.id,
      redemptionId,
      customerId: args.customerId,
      reward,
      pointsSpent: reward.cost,
      createdAt: at,
    };
    return {
      secondPhase: () => issueCode(ctx, req, codeIssuerFor(program, store, ctx), request, spent.balance),
    };
  });
}

async function issueCode(
  ctx: AppContext,
  req: IdempotentRequest,
  issuer: CodeIssuer,
  request: CodeRequest,
  balance: number,
): Promise<StoredResponse> {
  let failure: unknown;
  for (let attempt = 0; attempt < 3 && failure === undefined; attempt++) {
    let code: string;
    try {
      code = await issuer.issue(request);
    } catch (error) {
      failure = error;
      break;
    }
    const stored = await storeCode(ctx, req, request, code, balance);
    if (stored) return stored;
  }
  await transaction(ctx.db, (tx) =>
    giveBack(tx, request.storeId, request.redemptionId, ctx.clock().toISOString(), req),
  );
  ctx.logger.error({
    msg: "redemption code issuer failed; points given back",
    redemptionId: request.redemptionId,
    error: failure instanceof Error ? failure.message : "no unique code",
  });
  throw new ApiError(
    502,
    "code_issuer_failed",
    "no discount code could be made right now; your points were not spent",
  );
}

/**
 * Stores the code and the response, answering the response; undefined when the code is taken (codes
 * are unique per store: a generated code drawn twice, or a merchant webhook answering one code for
 * two redemptions, which the unique index refuses when both arrive at once).
 */
async function storeCode(
  ctx: AppContext,
  req: IdempotentRequest,
  request: CodeRequest,
  code: string,
  balance: number,
): Promise<StoredResponse | undefined> {
  const taken = await ctx.db.kysely
    .selectFrom("loyalty_redemptions")
    .select("id")
    .where("store_id", "=", request.storeId)
    .where("code", "=", code)
    .executeTakeFirst();
  if (taken) return undefined;
  const body = JSON.stringify({
    id: request.redemptionId,
    rewardId: request.reward.id,
    code,
    pointsSpent: request.pointsSpent,
    balance,
    reward: {
      name: request.reward.name,
      kind: request.reward.kind,
      value: request.reward.value,
      // A free product's (1–200 characters); left out by JSON.stringify for other rewards.
      productId: request.reward.productId,
    },
    createdAt: request.createdAt,
  });
  const response: StoredResponse = { status: 201, body };
  let stored: boolean;
  try {
    stored = await transaction(ctx.db, async (tx) => {
      const issued = await tx
        .updateTable("loyalty_redemptions")
        .set({ code, status: "issued", issued_at: ctx.clock().toISOString() })
        .where("id", "=", request.redemptionId)
        .where("status", "=", "issuing")
        .returning("id")
        .executeTakeFirst();
      // Recovery gave the points back meanwhile: this code must not be handed out.
      if (!issued) return false;
      await storeResponse(tx, req, response);
      return true;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return undefined;
    throw error;
  }
  if (!stored) {
    throw new ApiError(
      502,
      "code_issuer_failed",
      "no discount code could be made in time; your points were not spent",
    );
  }
  return response;
}

/** Undoes a redemption that got no code: points back (a new row), redemption failed, key freed. */
async function giveBack(tx: Tx, storeId: string, redemptionId: string, at: string, req: IdempotentRequest) {
  // The conditional UPDATE decides between a late success and this undo (row lock on PostgreSQL).
  const row = await tx
    .updateTable("loyalty_redemptions")
    .set({ status: "failed" })
    .where("id", "=", redemptionId)
    .where("status", "=", "issuing")
    .returning(["customer_id", "points_spent", "reward"])
    .executeTakeFirst();
  if (!row) return;
  const reward = JSON.parse(row.reward) as Reward;
  await postEntry(
    tx,
    {
      storeId,
      customerId: row.customer_id,
      delta: Number(row.points_spent),
      action: "redemption_refund",
      reference: redemptionId,
      reason: `Points returned: no code could be issued for ${reward.name}`,
      at,
    },
    { activity: false },
  );
  await releaseKey(tx, req);
}

/** Redemptions left "issuing" for longer than `olderThanMs` (a crash between phases): undone. */
export async function recoverStuckRedemptions(
  ctx: AppContext,
  storeId: string,
  olderThanMs = 10 * 60_000,
): Promise<number> {
  const now = ctx.clock();
  const stuck = await ctx.db.kysely
    .selectFrom("loyalty_redemptions")
    .select(["id", "customer_id", "idempotency_key"])
    .where("store_id", "=", storeId)
    .where("status", "=", "issuing")
    .where("created_at", "<", new Date(now.getTime() - olderThanMs).toISOString())
    .execute();
  for (const row of stuck) {
    const req: IdempotentRequest = {
      storeId,
      scope: "redemption",
      key: row.idempotency_key,
      customerId: row.customer_id,
      requestHash: "",
      at: now.toISOString(),
    };
    await transaction(ctx.db, (tx) => giveBack(tx, storeId, row.id, now.toISOString(), req));
  }
  return stuck.length;
}
