import { JoinInput, LoyaltyMe, LoyaltyProgram, Redemption, RedemptionInput } from "@plaudit/contract";
import type { Context } from "hono";
import type { AppContext, PlauditHono } from "../context.ts";
import { cacheableJson } from "../http/cache.ts";
import { readJsonBody, readOptionalJsonBody } from "../http/json-body.ts";
import { describeRoute } from "../openapi/describe-route.ts";
import { parseOrFail } from "../validation.ts";
import { customerOf } from "./customer-auth.ts";
import { idempotencyKeyOf, type StoredResponse } from "./idempotency.ts";
import { memberView, openMembership } from "./member.ts";
import { publicProgram, requireProgram } from "./program.ts";
import { redeemReward } from "./redeem.ts";

/** Answers that belong to one customer: never cached by the browser or anyone between. */
export const PRIVATE = { "Cache-Control": "private, no-store" };

/** The stored bytes of an idempotent response, sent as they are (a replay is byte-for-byte the same). */
export function sendStored(c: Context, stored: StoredResponse): Response {
  return c.body(stored.body, stored.status, {
    ...PRIVATE,
    "Content-Type": "application/json; charset=utf-8",
  });
}

export function registerPublicLoyaltyRoutes(app: PlauditHono, ctx: AppContext): void {
  app.get(
    "/v1/stores/:store/loyalty/program",
    describeRoute({
      summary: "The store's loyalty program: ways to earn, rewards, tiers",
      responses: { 200: LoyaltyProgram },
      errors: [404],
      cacheable: true,
      examples: [{ summary: "the demo program", params: { store: "demo" }, status: 200 }],
    }),
    async (c) => {
      return cacheableJson(c, publicProgram(await requireProgram(ctx.db, c.get("store").id)));
    },
  );

  const me = async (c: Context, bodyToken?: unknown) => {
    const store = c.get("store");
    const customerId = await customerOf(ctx, c, store, bodyToken);
    const program = await requireProgram(ctx.db, store.id);
    await openMembership(ctx, store.id, customerId, program);
    return c.json(await memberView(ctx, store.id, customerId, program), 200, PRIVATE);
  };

  app.get(
    "/v1/stores/:store/loyalty/me",
    describeRoute({
      summary:
        "The signed-in customer's points, tier, referral and history (the first call joins the program)",
      headers: [{ name: "X-Plaudit-Customer", required: true }],
      responses: { 200: LoyaltyMe },
      errors: [401, 404],
      examples: [
        {
          summary: "a member",
          params: { store: "demo" },
          headers: { "X-Plaudit-Customer": "{{customerToken}}" },
          status: 200,
        },
        {
          summary: "a forged token",
          params: { store: "demo" },
          headers: { "X-Plaudit-Customer": "c-1001.1767225600.00" },
          status: 401,
        },
      ],
    }),
    (c) => me(c),
  );

  app.post(
    "/v1/stores/:store/loyalty/join",
    describeRoute({
      summary: "Join the program (the first GET /loyalty/me joins too); answers like /loyalty/me",
      description:
        "The customer token comes in the X-Plaudit-Customer header or as customerToken in the body.",
      headers: [{ name: "X-Plaudit-Customer", required: false }],
      body: JoinInput,
      bodyOptional: true,
      responses: { 200: LoyaltyMe },
      errors: [400, 401, 403, 404, 429],
      examples: [
        {
          summary: "the token in the body",
          params: { store: "demo" },
          body: { customerToken: "{{customerToken}}" },
          status: 200,
        },
        { summary: "no token at all", params: { store: "demo" }, body: {}, status: 401 },
      ],
    }),
    async (c) => {
      const body = await readOptionalJsonBody(c);
      return me(
        c,
        typeof body === "object" && body !== null
          ? (body as { customerToken?: unknown }).customerToken
          : undefined,
      );
    },
  );

  app.post(
    "/v1/stores/:store/loyalty/redemptions",
    describeRoute({
      summary: "Redeem points for a reward (idempotent by Idempotency-Key)",
      description:
        "The same key with the same body answers the first response again (no second charge); with another body, 409. With `cost` (what the shopper was shown), a reward repriced since is 409 reward_changed and nothing is spent. A 502 code_issuer_failed means the merchant's code webhook failed and the points were given back.",
      headers: [
        { name: "X-Plaudit-Customer", required: false },
        { name: "Idempotency-Key", required: true },
      ],
      body: RedemptionInput,
      responses: {
        201: { schema: Redemption, description: "Redeemed" },
        502: { description: "code_issuer_failed: no code could be made; the points were not spent" },
      },
      errors: [400, 401, 403, 404, 409, 422, 429],
      examples: [
        {
          summary: "free shipping for 300 points",
          params: { store: "demo" },
          headers: { "X-Plaudit-Customer": "{{customerToken}}", "Idempotency-Key": "{{idempotencyKey}}" },
          body: { rewardId: "free-shipping" },
          status: 201,
        },
        {
          summary: "a reward beyond the balance",
          params: { store: "demo" },
          headers: { "X-Plaudit-Customer": "{{customerToken}}", "Idempotency-Key": "{{idempotencyKey}}" },
          body: { rewardId: "fifteen-off" },
          status: 422,
        },
      ],
    }),
    async (c) => {
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
        await redeemReward(ctx, store, {
          customerId,
          rewardId: input.rewardId,
          cost: input.cost,
          idempotencyKey,
        }),
      );
    },
  );
}
