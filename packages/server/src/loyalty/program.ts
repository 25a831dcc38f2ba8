import type { EarningAction, LoyaltyProgram, RewardKind } from "@plaudit/core";
import * as v from "valibot";
import { type AuditEvent, appendAudit } from "../audit/audit-log.ts";
import type { Database } from "../db/database.ts";
import { type Tx, transaction } from "../db/transaction.ts";
import { ApiError } from "../errors.ts";
import { text } from "../validation.ts";

// A store's program is one JSON document: what the public route shows (API.md's LoyaltyProgram)
// plus settings only the merchant sees. The ledger never depends on it for past rows: redemptions
// snapshot the reward, ledger rows carry their own reason.

export const EARNING_ACTIONS = [
  "purchase",
  "signup",
  "review",
  "review_with_media",
  "referral",
  "birthday",
] as const satisfies readonly EarningAction[];
export const REWARD_KINDS = [
  "amount_off",
  "percent_off",
  "free_shipping",
  "free_product",
] as const satisfies readonly RewardKind[];

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const count = (min: number, max: number) =>
  v.pipe(
    v.number("must be a number"),
    v.integer("must be an integer"),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  );
const amount = (max: number) =>
  v.pipe(
    v.number("must be a number"),
    v.finite("must be a number"),
    v.minValue(0, "must not be negative"),
    v.maxValue(max, `must be at most ${max}`),
  );
const httpUrl = v.pipe(
  v.string("must be a URL"),
  v.maxLength(500, "is too long"),
  v.check((s) => {
    try {
      return ["http:", "https:"].includes(new URL(s).protocol);
    } catch {
      return false;
    }
  }, "must be an http(s) URL"),
);

const Earning = v.object({
  action: v.picklist(EARNING_ACTIONS, `must be one of ${EARNING_ACTIONS.join(", ")}`),
  // For purchase: points per currency unit of the order total (may be fractional); else points.
  points: amount(1_000_000),
  label: text(1, 120, "a label"),
});

const Reward = v.pipe(
  v.object({
    id: v.pipe(v.string("must be an id"), v.regex(ID, "must be 1–64 of A–Z a–z 0–9 _ -")),
    name: text(1, 120, "a name"),
    cost: count(1, 10_000_000),
    kind: v.picklist(REWARD_KINDS, `must be one of ${REWARD_KINDS.join(", ")}`),
    // amount_off: money off; percent_off: 1–100; free_shipping: 0; free_product: the product's value.
    value: amount(1_000_000),
    productId: v.optional(text(1, 200, "a product id")),
  }),
  v.check(
    (r) => r.kind !== "percent_off" || (r.value > 0 && r.value <= 100),
    "percent_off needs a value 1–100",
  ),
  v.check((r) => r.kind !== "amount_off" || r.value > 0, "amount_off needs a value above 0"),
);

const Tier = v.object({
  id: v.pipe(v.string("must be an id"), v.regex(ID, "must be 1–64 of A–Z a–z 0–9 _ -")),
  name: text(1, 80, "a name"),
  // Points earned in the window, or money spent in it (settings.tierMode).
  threshold: amount(1_000_000_000),
  perks: v.pipe(
    v.array(text(1, 200, "a perk"), "must be a list of perks"),
    v.maxLength(20, "at most 20 perks"),
  ),
});

const Settings = v.object({
  /** Points expire after this many days without earning or spending; null: never. */
  expiryDays: v.optional(v.nullable(count(1, 3650)), null),
  tierMode: v.optional(v.picklist(["points", "spend"], "must be points or spend"), "points"),
  tierWindowDays: v.optional(count(1, 3650), 365),
  /** The share link; `{code}` becomes the customer's referral code. */
  referralUrlTemplate: v.optional(
    v.nullable(
      v.pipe(
        httpUrl,
        v.check((s) => s.includes("{code}"), "must contain {code}"),
      ),
    ),
    null,
  ),
  /** Where the WebhookCodeIssuer asks for discount codes; null: Plaudit generates them. */
  codeWebhookUrl: v.optional(v.nullable(httpUrl), null),
  codeWebhookTimeoutMs: v.optional(count(100, 30_000), 5000),
  /**
   * Purchase and referral points stay pending (not spendable) this many days, the store's return
   * window; a refund inside it cancels them. 0: spendable at once.
   */
  returnWindowDays: v.optional(count(0, 365), 30),
  /** Review points only for a review of a product the customer bought (a verified purchase). */
  reviewPointsNeedPurchase: v.optional(v.boolean("must be true or false"), true),
  /** At most this many reviews earn points per customer in any 24 hours. */
  reviewPointsPerDay: v.optional(count(1, 1000), 3),
  /** A referral pays only when the referred customer's first order totals at least this much. */
  referralMinimumOrderTotal: v.optional(amount(1_000_000), 20),
});

const uniqueBy = <T>(list: T[], key: (item: T) => string) => new Set(list.map(key)).size === list.length;

export const ProgramInput = v.pipe(
  v.object(
    {
      pointsName: text(1, 40, "a name"),
      earning: v.pipe(v.array(Earning, "must be a list"), v.maxLength(EARNING_ACTIONS.length, "too many")),
      rewards: v.pipe(v.array(Reward, "must be a list"), v.maxLength(50, "at most 50 rewards")),
      tiers: v.pipe(v.array(Tier, "must be a list"), v.maxLength(10, "at most 10 tiers")),
      settings: v.optional(Settings, {}),
    },
    "must be a JSON object",
  ),
  v.forward(
    v.check((p) => uniqueBy(p.earning, (e) => e.action), "lists an action twice"),
    ["earning"],
  ),
  v.forward(
    v.check(
      (p) => p.earning.every((e) => e.action === "purchase" || Number.isInteger(e.points)),
      "points must be whole numbers (only purchase may be fractional: it is per currency unit)",
    ),
    ["earning"],
  ),
  v.forward(
    v.check((p) => uniqueBy(p.rewards, (r) => r.id), "lists a reward id twice"),
    ["rewards"],
  ),
  v.forward(
    v.check(
      (p) =>
        uniqueBy(p.tiers, (t) => t.id) &&
        p.tiers.every((t, i) => i === 0 || t.threshold > (p.tiers[i - 1]?.threshold ?? 0)),
      "tier ids must be unique and thresholds strictly rising",
    ),
    ["tiers"],
  ),
);

export type StoredProgram = v.InferOutput<typeof ProgramInput>;
export type ProgramSettings = StoredProgram["settings"];
export type Reward = StoredProgram["rewards"][number];

/** What anyone may see: the program without the merchant's private settings. */
export function publicProgram(program: StoredProgram): LoyaltyProgram & {
  settings: Pick<ProgramSettings, "expiryDays" | "tierMode" | "tierWindowDays">;
} {
  const { expiryDays, tierMode, tierWindowDays } = program.settings;
  return {
    pointsName: program.pointsName,
    earning: program.earning,
    rewards: program.rewards,
    tiers: program.tiers,
    settings: { expiryDays, tierMode, tierWindowDays },
  };
}

/** Points an action earns (0 when the program leaves it out); for purchase, the per-unit rate. */
export function pointsFor(program: StoredProgram, action: EarningAction): number {
  return program.earning.find((e) => e.action === action)?.points ?? 0;
}

/** Purchase points for an order total: rounded to the nearest point (the widgets round the same way). */
export function purchasePoints(program: StoredProgram, total: number): number {
  return Math.max(0, Math.round(total * pointsFor(program, "purchase")));
}

export async function loadProgram(db: Database | Tx, storeId: string): Promise<StoredProgram | undefined> {
  const kysely = "kysely" in db ? db.kysely : db;
  const row = await kysely
    .selectFrom("loyalty_programs")
    .select("program")
    .where("store_id", "=", storeId)
    .executeTakeFirst();
  if (!row) return undefined;
  // Stored programs were validated on the way in; parsing again fills defaults added since.
  return v.parse(ProgramInput, JSON.parse(row.program));
}

export async function requireProgram(db: Database | Tx, storeId: string): Promise<StoredProgram> {
  const program = await loadProgram(db, storeId);
  if (!program) throw new ApiError(404, "program_not_found", "this store has no loyalty program");
  return program;
}

/** Saves the program; with an audit event (the admin route), its audit row commits with it. */
export async function saveProgram(
  db: Database,
  storeId: string,
  program: StoredProgram,
  now: Date,
  audit?: AuditEvent,
): Promise<void> {
  const values = { store_id: storeId, program: JSON.stringify(program), updated_at: now.toISOString() };
  await transaction(db, async (tx) => {
    await tx
      .insertInto("loyalty_programs")
      .values(values)
      .onConflict((oc) =>
        oc.column("store_id").doUpdateSet({ program: values.program, updated_at: values.updated_at }),
      )
      .execute();
    if (audit) await appendAudit(tx, audit);
  });
}
