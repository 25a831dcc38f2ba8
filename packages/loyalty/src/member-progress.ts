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

/** The one-time earning actions this member has done; repeatable ones (purchase, review) never are. */
export function doneActions(history: readonly LoyaltyHistoryEntry[], now = new Date()): Set<EarningAction> {
  const done = new Set<EarningAction>();
  for (const row of history) {
    const action = reasonAction(row.reason);
    if (!action || !ONCE.includes(action) || row.delta <= 0) continue;
    // A birthday bonus counts for the year it was given.
    if (action === "birthday" && new Date(row.createdAt).getUTCFullYear() !== now.getUTCFullYear()) continue;
    done.add(action);
  }
  return done;
}

const ACTIONS = new Set(["purchase", "signup", "review", "review_with_media", "referral", "birthday"]);

/** The earning action a ledger reason names: "review", "review:r123", "purchase:order-9" … */
export function reasonAction(reason: string): EarningAction | undefined {
  const head = reason.split(/[:\s]/, 1)[0] ?? "";
  return ACTIONS.has(head) ? (head as EarningAction) : undefined;
}

/** The catalog key of a ledger reason ("reason.purchase"), or undefined for free text. */
export function reasonKey(reason: string): string | undefined {
  const head = reason.split(/[:\s]/, 1)[0] ?? "";
  const known = ACTIONS.has(head) || ["redemption", "refund", "expiry", "adjustment"].includes(head);
  return known ? `reason.${head}` : undefined;
}
