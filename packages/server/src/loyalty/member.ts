import { type LoyaltyMe, type PendingPoints, pointsFor, reviewAwards } from "@plaudit/contract";
import type { AppContext } from "../context.ts";
import { transaction } from "../db/transaction.ts";
import { erasedBefore, orderEmails } from "./erased-before.ts";
import { expireIfDue, expiresAt, expiryDue } from "./expiry.ts";
import { ensureBalanceRow, postEntry } from "./ledger.ts";
import { hasDuePoints, pendingAwards, releaseDuePoints } from "./pending-points.ts";
import type { StoredProgram } from "./program.ts";
import { standingFor, tierProgress } from "./tiers.ts";

const HISTORY_LIMIT = 50;

/** GET …/loyalty/me: the contract's LoyaltyMe, every additive field filled in. */
export type MemberView = LoyaltyMe & Required<Pick<LoyaltyMe, "pending" | "pendingPoints">>;

/**
 * The customer opens the program (GET /me, POST /join): joins it the first time (signup points,
 * once ever, by the ledger's unique key), and has due expiry applied. Reads only when there is
 * nothing to do, so a plain /me does not take the write lock.
 */
export async function openMembership(
  ctx: AppContext,
  storeId: string,
  customerId: string,
  program: StoredProgram,
): Promise<void> {
  const now = ctx.clock();
  const row = await ctx.db.kysely
    .selectFrom("loyalty_balances")
    .select(["joined_at", "balance", "last_activity_at"])
    .where("store_id", "=", storeId)
    .where("customer_id", "=", customerId)
    .executeTakeFirst();
  const at = now.toISOString();
  if (
    row?.joined_at &&
    !expiryDue(program, row, now) &&
    !(await hasDuePoints(ctx.db, { storeId, customerId, now: at }))
  )
    return;

  await transaction(ctx.db, async (tx) => {
    await ensureBalanceRow(tx, storeId, customerId, at);
    // Due points first: spendable points count as activity before expiry judges the quiet spell.
    await releaseDuePoints(tx, { storeId, customerId, now: at });
    await expireIfDue(tx, { storeId, customerId, program, now, postgres: ctx.db.kind === "postgres" });
    const joined = await tx
      .updateTable("loyalty_balances")
      .set({ joined_at: at })
      .where("store_id", "=", storeId)
      .where("customer_id", "=", customerId)
      .where("joined_at", "is", null)
      .returning("customer_id")
      .executeTakeFirst();
    const points = pointsFor(program, "signup");
    if (joined && points > 0) {
      // Once per person: one the store erased before (this id, or an address on its orders) joins
      // again without a second bonus — the row says so, and marks signup done in the panel.
      const again = await erasedBefore(
        tx,
        storeId,
        customerId,
        await orderEmails(tx, storeId, customerId),
        at,
      );
      await postEntry(tx, {
        storeId,
        customerId,
        delta: again ? 0 : points,
        action: "signup",
        reference: "signup",
        reason: again ? "Joined the program again (the signup points are paid once)" : "Joined the program",
        at,
      });
    }
  });
}

export async function memberView(
  ctx: AppContext,
  storeId: string,
  customerId: string,
  program: StoredProgram,
): Promise<MemberView> {
  const db = ctx.db.kysely;
  const now = ctx.clock();
  const balance = await db
    .selectFrom("loyalty_balances")
    .selectAll()
    .where("store_id", "=", storeId)
    .where("customer_id", "=", customerId)
    .executeTakeFirstOrThrow();
  const history = await db
    .selectFrom("loyalty_ledger")
    .select(["id", "delta", "reason", "action", "created_at"])
    .where("store_id", "=", storeId)
    .where("customer_id", "=", customerId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(HISTORY_LIMIT)
    .execute();
  const progress = await tierProgress(ctx.db, program, storeId, customerId, now);
  const standing = standingFor(program, progress);
  const pending = [
    ...(await pendingAwards(ctx.db, storeId, customerId)),
    ...(await pendingReviewPoints(ctx, program, storeId, customerId)),
  ];
  const template = program.settings.referralUrlTemplate;
  const expiry = Number(balance.balance) > 0 ? expiresAt(program, balance.last_activity_at) : null;

  return {
    customerId,
    pointsName: program.pointsName,
    ...(program.pointsNames ? { pointsNames: program.pointsNames } : {}),
    balance: Number(balance.balance),
    tier: standing.tier?.name ?? null,
    tierId: standing.tier?.id ?? null,
    nextTier: standing.nextTier,
    tierProgress: {
      mode: program.settings.tierMode,
      value: progress,
      windowDays: program.settings.tierWindowDays,
    },
    lifetimeEarned: Number(balance.lifetime_earned),
    pointsExpireAt: expiry ? expiry.toISOString() : null,
    referral: {
      code: balance.referral_code,
      url: template ? template.replaceAll("{code}", encodeURIComponent(balance.referral_code)) : "",
    },
    pendingPoints: pending.reduce((sum, p) => sum + p.points, 0),
    pending,
    history: history.map((h) => ({
      id: h.id,
      delta: Number(h.delta),
      reason: h.reason,
      action: h.action,
      createdAt: h.created_at,
    })),
  };
}

/** What the customer's reviews awaiting moderation will earn once published (once per product). */
async function pendingReviewPoints(
  ctx: AppContext,
  program: StoredProgram,
  storeId: string,
  customerId: string,
) {
  if (pointsFor(program, "review") + pointsFor(program, "review_with_media") === 0) return [];
  const reviews = await ctx.db.kysely
    .selectFrom("reviews")
    .select(["id", "product_id", "media_count", "verified", "created_at"])
    .where("store_id", "=", storeId)
    .where("customer_id", "=", customerId)
    .where("status", "=", "pending")
    .orderBy("created_at", "desc")
    .limit(100)
    .execute();
  if (reviews.length === 0) return [];
  const awarded = await ctx.db.kysely
    .selectFrom("loyalty_ledger")
    .select(["action", "reference"])
    .where("store_id", "=", storeId)
    .where("customer_id", "=", customerId)
    .where("action", "in", ["review", "review_with_media"])
    .where(
      "reference",
      "in",
      reviews.map((r) => r.product_id),
    )
    .execute();
  const done = new Set(awarded.map((a) => `${a.action}:${a.reference}`));
  const pending: PendingPoints[] = [];
  for (const review of reviews) {
    let delta = 0;
    // Each award once per product, as the ledger's key makes it when the review is published.
    // Promised only as publishing will pay it (review-points.ts; the daily cap is judged then).
    const facts = { withMedia: Number(review.media_count) > 0, verified: Number(review.verified) === 1 };
    for (const award of reviewAwards(program, facts)) {
      const key = `${award.action}:${review.product_id}`;
      if (done.has(key)) continue;
      delta += award.points;
      done.add(key);
    }
    if (delta > 0) {
      pending.push({
        points: delta,
        reason: "Review awaiting moderation",
        availableAt: null,
        action: Number(review.media_count) > 0 ? "review_with_media" : "review",
      });
    }
  }
  return pending;
}
