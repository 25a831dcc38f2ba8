import type { Context } from "hono";
import * as v from "valibot";
import type { AppContext, PlauditHono } from "../context.ts";
import { cacheableJson } from "../http/cache.ts";
import { readJsonBody } from "../http/json-body.ts";
import { parseOrFail, text } from "../validation.ts";
import { customerOf } from "./customer-auth.ts";
import { idempotencyKeyOf, type StoredResponse } from "./idempotency.ts";
import { memberView, openMembership } from "./member.ts";
import { publicProgram, requireProgram } from "./program.ts";
import { redeemReward } from "./redeem.ts";

/** Answers that belong to one customer: never cached by the browser or anyone between. */
export const PRIVATE = { "Cache-Control": "private, no-store" };

const RedemptionInput = v.object(
  {
    rewardId: text(1, 64, "a reward id"),
    customerToken: v.optional(v.string("must be a string")),
  },
  "must be a JSON object",
);

/** The stored bytes of an idempotent response, sent as they are (a replay is byte-for-byte the same). */
export function sendStored(c: Context, stored: StoredResponse): Response {
  return c.body(stored.body, stored.status, {
    ...PRIVATE,
    "Content-Type": "application/json; charset=utf-8",
  });
}

/** A body is optional on /join: the token may come in the header alone. */
async function optionalJsonBody(c: Context): Promise<unknown> {
  const length = c.req.header("content-length");
  if (length === "0" || (length === undefined && !c.req.header("transfer-encoding"))) return {};
  return readJsonBody(c);
}

export function registerPublicLoyaltyRoutes(app: PlauditHono, ctx: AppContext): void {
  app.get("/v1/stores/:store/loyalty/program", async (c) => {
    return cacheableJson(c, publicProgram(await requireProgram(ctx.db, c.get("store").id)));
  });

  const me = async (c: Context, bodyToken?: unknown) => {
    const store = c.get("store");
    const customerId = await customerOf(ctx, c, store, bodyToken);
    const program = await requireProgram(ctx.db, store.id);
    await openMembership(ctx, store.id, customerId, program);
    return c.json(await memberView(ctx, store.id, customerId, program), 200, PRIVATE);
  };

  app.get("/v1/stores/:store/loyalty/me", (c) => me(c));

  app.post("/v1/stores/:store/loyalty/join", async (c) => {
    const body = await optionalJsonBody(c);
    return me(
      c,
      typeof body === "object" && body !== null
        ? (body as { customerToken?: unknown }).customerToken
        : undefined,
    );
  });

  app.post("/v1/stores/:store/loyalty/redemptions", async (c) => {
    const raw = await readJsonBody(c);
    const idempotencyKey = idempotencyKeyOf(c);
    const store = c.get("store");
    const customerId = await customerOf(
      ctx,
      c,
      store,
      typeof raw === "object" && raw !== null
        ? (raw as { customerToken?: unknown }).customerToken
        : undefined,
    );
    const input = parseOrFail(RedemptionInput, raw);
    return sendStored(
      c,
      await redeemReward(ctx, store, { customerId, rewardId: input.rewardId, idempotencyKey }),
    );
  });
}
