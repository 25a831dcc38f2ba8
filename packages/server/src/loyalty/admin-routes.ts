import * as v from "valibot";
import { auditEvent, recordAudit } from "../audit/audit-log.ts";
import type { AppContext, PlauditHono } from "../context.ts";
import { transaction } from "../db/transaction.ts";
import { ApiError, validationFailed } from "../errors.ts";
import { readJsonBody } from "../http/json-body.ts";
import { privateAddressOf } from "../http/public-address.ts";
import { requireScope } from "../http/require-scope.ts";
import { parseOrFail, text } from "../validation.ts";
import { adjustPoints } from "./adjust.ts";
import { birthdaySweep, normalizeBirthday, setBirthday } from "./birthday.ts";
import { checkConsistency } from "./consistency.ts";
import { expirySweep } from "./expiry.ts";
import { idempotencyKeyOf } from "./idempotency.ts";
import { pendingAwards, releaseDuePoints } from "./pending-points.ts";
import { ProgramInput, requireProgram, saveProgram } from "./program.ts";
import { sendStored } from "./public-routes.ts";
import { recoverStuckRedemptions } from "./redeem.ts";
import { refundOrder } from "./refund.ts";

const NO_STORE = { "Cache-Control": "no-store" };

const AdjustmentInput = v.object(
  {
    customerId: text(1, 200, "a customer id"),
    delta: v.pipe(
      v.number("must be an integer"),
      v.integer("must be an integer"),
      v.minValue(-10_000_000, "must be at least -10000000"),
      v.maxValue(10_000_000, "must be at most 10000000"),
      v.check((n) => n !== 0, "must not be 0"),
    ),
    reason: text(1, 200, "a reason"),
  },
  "must be a JSON object",
);

const CustomerPatch = v.object(
  { birthday: v.nullable(v.string("must be MM-DD, YYYY-MM-DD or null")) },
  "must be a JSON object",
);

function customerParam(raw: string): string {
  const id = raw.trim();
  if (id.length < 1 || [...id].length > 200)
    throw validationFailed({ customerId: "must be 1–200 characters" });
  return id;
}

export function registerAdminLoyaltyRoutes(app: PlauditHono, ctx: AppContext): void {
  app.get("/v1/admin/loyalty/program", requireScope("loyalty:read"), async (c) => {
    return c.json(await requireProgram(ctx.db, c.get("store").id), 200, NO_STORE);
  });

  app.put("/v1/admin/loyalty/program", requireScope("loyalty:write"), async (c) => {
    const program = parseOrFail(ProgramInput, await readJsonBody(c));
    const webhook = program.settings.codeWebhookUrl;
    const refused = webhook && !ctx.allowPrivateWebhooks ? await privateAddressOf(webhook) : undefined;
    if (refused !== undefined) {
      throw validationFailed({
        "settings.codeWebhookUrl": `must be on the public internet, not ${refused} (a platform on your own network needs PLAUDIT_ALLOW_PRIVATE_WEBHOOKS=1 on the Plaudit server)`,
      });
    }
    const audit = auditEvent(c, ctx, "loyalty.program.save", c.get("store").id);
    await saveProgram(ctx.db, c.get("store").id, program, ctx.clock(), audit);
    return c.json(program, 200, NO_STORE);
  });

  app.post("/v1/admin/loyalty/adjustments", requireScope("loyalty:adjust"), async (c) => {
    const raw = await readJsonBody(c);
    const key = idempotencyKeyOf(c);
    const input = parseOrFail(AdjustmentInput, raw);
    const audit = auditEvent(c, ctx, "loyalty.adjust", input.customerId);
    return sendStored(c, await adjustPoints(ctx, c.get("store").id, key, input, audit));
  });

  app.get("/v1/admin/loyalty/consistency", requireScope("loyalty:read"), async (c) => {
    const report = await checkConsistency(ctx.db, c.get("store").id);
    return c.json(
      { ok: report.mismatches.length === 0 && report.negativeBalances === 0, ...report },
      200,
      NO_STORE,
    );
  });

  app.get("/v1/admin/loyalty/customers/:customerId", requireScope("customers:read"), async (c) => {
    const storeId = c.get("store").id;
    const customerId = customerParam(c.req.param("customerId"));
    const row = await ctx.db.kysely
      .selectFrom("loyalty_balances")
      .selectAll()
      .where("store_id", "=", storeId)
      .where("customer_id", "=", customerId)
      .executeTakeFirst();
    if (!row) throw new ApiError(404, "customer_not_found", "the program has not seen this customer");
    const history = await ctx.db.kysely
      .selectFrom("loyalty_ledger")
      .select(["id", "delta", "action", "reference", "reason", "created_at"])
      .where("store_id", "=", storeId)
      .where("customer_id", "=", customerId)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(500)
      .execute();
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
        history: history.map((h) => ({
          id: h.id,
          delta: Number(h.delta),
          action: h.action,
          reference: h.reference,
          reason: h.reason,
          createdAt: h.created_at,
        })),
      },
      200,
      NO_STORE,
    );
  });

  app.put("/v1/admin/loyalty/customers/:customerId", requireScope("loyalty:adjust"), async (c) => {
    const customerId = customerParam(c.req.param("customerId"));
    const patch = parseOrFail(CustomerPatch, await readJsonBody(c));
    const birthday = patch.birthday === null ? null : normalizeBirthday(patch.birthday);
    if (birthday === undefined) throw validationFailed({ birthday: "must be MM-DD, YYYY-MM-DD or null" });
    const audit = auditEvent(c, ctx, "loyalty.customer.update", customerId);
    await setBirthday(ctx, c.get("store").id, customerId, birthday, audit);
    return c.json({ customerId, birthday }, 200, NO_STORE);
  });

  // For the merchant's daily cron: expiry, birthdays, and redemptions a crash left half done.
  app.post("/v1/admin/loyalty/sweep", requireScope("loyalty:write"), async (c) => {
    const storeId = c.get("store").id;
    const program = await requireProgram(ctx.db, storeId);
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
  });

  app.post("/v1/admin/orders/:orderId/refund", requireScope("orders:write"), async (c) => {
    const orderId = c.req.param("orderId");
    const result = await refundOrder(
      ctx,
      c.get("store").id,
      orderId,
      auditEvent(c, ctx, "order.refund", orderId),
    );
    return c.json(result, result.created ? 201 : 200, NO_STORE);
  });
}
