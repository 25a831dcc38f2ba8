// What the member view derives from the program and /me: the tier names, the progress bar's
// figures, and which one-time ways to earn are already done. Pure functions, tested without a DOM.
import type { EarningAction, LoyaltyHistoryEntry, LoyaltyMe, LoyaltyProgram } from "@plaudit/core";

/** The tier's display name: /me may name the tier by id or by name. */
export function tierName(program: LoyaltyProgram | undefined, tier: string | null): string | null {
  if (!tier) return null;
  return program?.tiers.find((t) => t.id === tier || t.name === tier)?.name ?? tier;
}

export interface TierProgress {
  nextTier: string;
  /** Points still needed. */
  remaining: number;
  /** Progress bar figures: `value` of `max`, both ≥ 0. */
  value: number;
  max: number;
}

/**
 * Progress towards the next tier. The bar runs from the current tier's threshold to the next one's
 * when the program lists both; otherwise from 0 to the points the next tier needs in all.
 */
export function tierProgress(program: LoyaltyProgram | undefined, me: LoyaltyMe): TierProgress | null {
  if (!me.nextTier) return null;
  const { name, remaining } = me.nextTier;
  const next = program?.tiers.find((t) => t.name === name || t.id === name);
  const current = program?.tiers.find((t) => t.id === me.tier || t.name === me.tier);
  const floor = current && next && current.threshold < next.threshold ? current.threshold : 0;
  const target = next ? next.threshold : remaining;
  const max = Math.max(1, target - floor);
  const value = Math.min(max, Math.max(0, max - remaining));
  return { nextTier: next?.name ?? name, remaining: Math.max(0, remaining), value, max };
}

// Ways to earn that happen once (or once a year): a history row with that reason means done.
const ONCE: readonly EarningAction[] = ["signup", "birthday"];

/** A history row as the server sends it (the contract's entry, with the additive ledger `action`). */
export type HistoryRow = LoyaltyHistoryEntry;

/** The one-time earning actions this member has done; repeatable ones (purchase, review) never are. */
export function doneActions(history: readonly HistoryRow[], now = new Date()): Set<EarningAction> {
  const done = new Set<EarningAction>();
  for (const row of history) {
    const action = rowAction(row);
    if (!action || !ONCE.includes(action) || row.delta <= 0) continue;
    // A birthday bonus counts for the year it was given.
    if (action === "birthday" && new Date(row.createdAt).getUTCFullYear() !== now.getUTCFullYear()) continue;
    done.add(action);
  }
  return done;
}

const ACTIONS = new Set(["purchase", "signup", "review", "review_with_media", "referral", "birthday"]);
const OTHER_ROWS = new Set([
  "redemption",
  "redemption_refund",
  "refund",
  "referral_refund",
  "expiry",
  "adjustment",
]);

const rowAction = (row: HistoryRow): EarningAction | undefined =>
  row.action && ACTIONS.has(row.action) ? (row.action as EarningAction) : undefined;

/**
 * The catalog key that names a history row in the shopper's language ("reason.purchase"), from the
 * ledger action the server adds to each row; undefined means show the server's own `reason` text.
 */
export function historyLabelKey(row: HistoryRow): string | undefined {
  const action = row.action ?? "";
  return ACTIONS.has(action) || OTHER_ROWS.has(action) ? `reason.${action}` : undefined;
}
