import {
  Adjustment,
  AdjustmentInput,
  AdminCustomer,
  BIRTHDAY_MESSAGE,
  ConsistencyReport,
  CustomerBirthday,
  CustomerPatch,
  LoyaltySweep,
  ProgramInput,
  Refund,
} from "@plaudit/contract";
import { auditEvent, recordAudit } from "../audit/audit-log.ts";
import type { AppContext, PlauditHono } from "../context.ts";
import { transaction } from "../db/transaction.ts";
import { ApiError, validationFailed } from "../errors.ts";
import { readJsonBody } from "../http/json-body.ts";
import { privateAddressOf } from "../http/public-address.ts";
import { requireScope } from "../http/require-scope.ts";
import { describeRoute } from "../openapi/describe-route.ts";
import { parseOrFail } from "../validation.ts";
import { adjustPoints } from "./adjust.ts";
import { birthdaySweep, normalizeBirthday, setBirthday } from "./birthday.ts";
import { checkConsistency } from "./consistency.ts";
import { expirySweep } from "./expiry.ts";
import { idempotencyKeyOf } from "./idempotency.ts";
import { ledgerHistory } from "./ledger.ts";
import { pendingAwards, releaseDuePoints } from "./pending-points.ts";
import { loadVersionedProgram, requireProgram, saveProgram } from "./program.ts";
import { sendStored } from "./public-routes.ts";
import { recoverStuckRedemptions } from "./redeem.ts";
import { refundOrder } from "./refund.ts";

const NO_STORE = { "Cache-Control": "no-store" };

function customerParam(raw: string): string {
  const id = raw.trim();
  if (id.length < 1 || [...id].length > 200)
    throw validationFailed({ customerId: "must be 1–200 characters" });
  return id;
}

export function registerAdminLoyaltyRoutes(app: PlauditHono, ctx: AppContext): void {
  app.get(
    "/v1/admin/loyalty/program",
    describeRoute({
      summary: "The loyalty program with its settings (its version in ETag, for If-Match on PUT)",
      responses: { 200: ProgramInput },
      errors: [404],
      examples: [{ summary: "the program", status: 200 }],
    }),
    requireScope("loyalty:read"),
    async (c) => {
      const found = await loadVersionedProgram(ctx.db, c.get("store").id);
      if (!found) throw new ApiError(404, "program_not_found", "this store has no loyalty program");
      return c.json(found.program, 200, { ...NO_STORE, ETag: found.etag });
    },
  );

  app.put(
    "/v1/admin/loyalty/program",
    describeRoute({
      summary:
        "Replace the loyalty program and its settings (with If-Match: only over that version, else 409 conflict)",
      headers: [{ name: "If-Match", required: false }],
      body: ProgramInput,
      responses: { 200: ProgramInput },
      errors: [400, 409, 413, 422],
      examples: [
        {
          summary: "a small program",
          body: {
            pointsName: "stars",
            earning: [
              { action: "purchase", points: 1, label: "1 star per $1" },
              { action: "review", points: 50, label: "Write a review" },
            ],
            rewards: [{ id: "five-off", name: "$5 off", cost: 500, kind: "amount_off", value: 5 }],
            tiers: [],
          },
          status: 200,
        },
        {
          summary: "a percent_off reward over 100%",
          body: {
            pointsName: "stars",
            earning: [],
            rewards: [{ id: "x", name: "Too much", cost: 1, kind: "percent_off", value: 150 }],
            tiers: [],
          },
          status: 422,
        },
      ],
    }),
    requireScope("loyalty:write"),
    async (c) => {
      const program = parseOrFail(ProgramInput, await readJsonBody(c));
      const webhook = program.settings.codeWebhookUrl;
      const refused = webhook && !ctx.allowPrivateWebhooks ? await privateAddressOf(webhook) : undefined;
      if (refused !== undefined) {
        throw validationFailed({
          "settings.codeWebhookUrl": `must be on the public internet, not ${refused} (a platform on your own network needs PLAUDIT_ALLOW_PRIVATE_WEBHOOKS=1 on the Plaudit server)`,
        });
      }
      const audit = auditEvent(c, ctx, "loyalty.program.save", c.get("store").id);
      const etag = await saveProgram(
        ctx.db,
        c.get("store").id,
        program,
        ctx.clock(),
        audit,
        c.req.header("if-match"),
      );
      return c.json(program, 200, { ...NO_STORE, ETag: etag });
    },
  );

  app.post(
    "/v1/admin/loyalty/adjustments",
    describeRoute({
      summary: "Add or remove points by hand (idempotent by Idempotency-Key)",
      headers: [{ name: "Idempotency-Key", required: true }],
      body: AdjustmentInput,
      responses: { 201: { schema: Adjustment, description: "Adjusted" } },
      errors: [400, 409, 413, 422],
      examples: [
        {
          summary: "a goodwill gesture",
          headers: { "Idempotency-Key": "{{idempotencyKey}}" },
          body: { customerId: "c-1001", delta: 100, reason: "Sorry about the late parcel" },
          status: 201,
        },
        {
          summary: "a zero adjustment",
          headers: { "Idempotency-Key": "{{idempotencyKey}}" },
          body: { customerId: "c-1001", delta: 0, reason: "Nothing" },
          status: 422,
        },
      ],
    }),
    requireScope("loyalty:adjust"),
    async (c) => {
      const raw = await readJsonBody(c);
      const key = idempotencyKeyOf(c);
      const input = parseOrFail(AdjustmentInput, raw);
      const audit = auditEvent(c, ctx, "loyalty.adjust", input.customerId);
      return sendStored(c, await adjustPoints(ctx, c.get("store").id, key, input, audit));
    },
  );

  app.get(
    "/v1/admin/loyalty/consistency",
    describeRoute({
      summary: "Checks balance = sum(ledger) for every customer; mismatches should always be empty",
      responses: { 200: ConsistencyReport },
      examples: [{ summary: "the check", status: 200 }],
    }),
    requireScope("loyalty:read"),
    async (c) => {
      const report = await checkConsistency(ctx.db, c.get("store").id);
      return c.json(
        { ok: report.mismatches.length === 0 && report.negativeBalances === 0, ...report },
        200,
        NO_STORE,
      );
    },
  );

  app.get(
    "/v1/admin/loyalty/customers/:customerId",
    describeRoute({
      summary: "A customer's balance, birthday, referral code and full ledger",
      params: { customerId: { description: "The store's customer id" } },
      responses: { 200: AdminCustomer },
      errors: [404, 422],
      examples: [
        { summary: "a member", params: { customerId: "c-1001" }, status: 200 },
        { summary: "a customer the program has not seen", params: { customerId: "c-unknown" }, status: 404 },
      ],
    }),
    requireScope("customers:read"),
    async (c) => {
      const storeId = c.get("store").id;
      const customerId = customerParam(c.req.param("customerId"));
      const row = await ctx.db.kysely
        .selectFrom("loyalty_balances")
        .selectAll()
        .where("store_id", "=", storeId)
        .where("customer_id", "=", customerId)
        .executeTakeFirst();
      if (!row) throw new ApiError(404, "customer_not_found", "the program has not seen this customer");
      return c.json(
        {
          customerId,
          balance: Number(row.balance),
          lifetimeEarned: Number(row.lifetime_earned),
          lastActivityAt: row.last_activity_at,
          joinedAt: row.joined_at,
          referralCode: row.referral_code,
          birthday: row.birthday,
          // Awards still inside the return window (not in the balance yet).
          pending: await pendingAwards(ctx.db, storeId, customerId),
          history: await ledgerHistory(ctx.db.kysely, { storeId, customerId }, 500),
        },
        200,
        NO_STORE,
      );
    },
  );

  app.put(
    "/v1/admin/loyalty/customers/:customerId",
    describeRoute({
      summary: `Set or clear the customer's birthday (${BIRTHDAY_MESSAGE.replace("must be ", "")}; the year is not kept)`,
      params: { customerId: { description: "The store's customer id" } },
      body: CustomerPatch,
      responses: { 200: CustomerBirthday },
      errors: [400, 413, 422],
      examples: [
        {
          summary: "a birthday",
          params: { customerId: "c-1001" },
          body: { birthday: "1990-07-14" },
          status: 200,
        },
        { summary: "not a date", params: { customerId: "c-1001" }, body: { birthday: "soon" }, status: 422 },
      ],
    }),
    requireScope("loyalty:adjust"),
    async (c) => {
      const customerId = customerParam(c.req.param("customerId"));
      const patch = parseOrFail(CustomerPatch, await readJsonBody(c));
      const birthday = patch.birthday === null ? null : normalizeBirthday(patch.birthday);
      if (birthday === undefined) throw validationFailed({ birthday: BIRTHDAY_MESSAGE });
      const audit = auditEvent(c, ctx, "loyalty.customer.update", customerId);
      await setBirthday(ctx, c.get("store").id, customerId, birthday, audit);
      return c.json({ customerId, birthday }, 200, NO_STORE);
    },
  );

  // For the merchant's daily cron: expiry, birthdays, and redemptions a crash left half done.
  app.post(
    "/v1/admin/loyalty/sweep",
    describeRoute({
      summary:
        "Daily job: release points past the return window, expire inactive points, award birthdays, undo redemptions stuck without a code",
      responses: { 200: LoyaltySweep },
      errors: [404],
      examples: [{ summary: "today's sweep", status: 200 }],
    }),
    requireScope("loyalty:write"),
    async (c) => {
      const storeId = c.get("store").id;
      const program = await requireProgram(ctx.db, storeId);
      // Points whose return window has passed become spendable (also lazily on /me and redeem).
      const now = ctx.clock().toISOString();
      let released = 0;
      for (;;) {
        const batch = await transaction(ctx.db, (tx) => releaseDuePoints(tx, { storeId, now }));
        released += batch;
        if (batch === 0) break;
      }
      const expired = await expirySweep(ctx, storeId, program);
      const birthdays = await birthdaySweep(ctx, storeId, program);
      const recoveredRedemptions = await recoverStuckRedemptions(ctx, storeId);
      // Many short transactions, one per customer: the sweep's one audit row follows them.
      await recordAudit(ctx.db, auditEvent(c, ctx, "loyalty.sweep", storeId));
      return c.json({ released, expired, birthdays, recoveredRedemptions }, 200, NO_STORE);
    },
  );

  app.post(
    "/v1/admin/orders/:orderId/refund",
    describeRoute({
      summary: "Refund or cancel an order: its purchase points come back out (never below zero), once",
      params: { orderId: { description: "The order id given to POST /v1/admin/orders" } },
      responses: {
        201: { schema: Refund, description: "Refunded" },
        200: { schema: Refund, description: "Already refunded" },
      },
      errors: [404],
      examples: [
        { summary: "a refund", params: { orderId: "o-1001" }, status: 201 },
        { summary: "an unknown order", params: { orderId: "o-unknown" }, status: 404 },
      ],
    }),
    requireScope("orders:write"),
    async (c) => {
      const orderId = c.req.param("orderId");
      const result = await refundOrder(
        ctx,
        c.get("store").id,
        orderId,
        auditEvent(c, ctx, "order.refund", orderId),
      );
      return c.json(result, result.created ? 201 : 200, NO_STORE);
    },
  );
}
