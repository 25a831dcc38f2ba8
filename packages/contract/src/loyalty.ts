import * as v from "valibot";
import { amount, count, httpUrl, optionalCustomerToken, text, timestamp } from "./fields.ts";
import {
  LIMITS,
  LOYALTY_LABEL_MAX,
  POINTS_NAME_MAX,
  TIER_NAME_MAX,
  TIER_PERK_MAX,
  TIER_PERKS_MAX,
} from "./limits.ts";
import {
  EARNING_ACTIONS,
  PLAUDIT_LOCALES,
  type PlauditLocale,
  PROGRAM_SETTINGS_DEFAULTS,
  REWARD_KINDS,
  TIER_MODES,
} from "./vocabulary.ts";

// The loyalty program and a member's standing, as the API answers them, and what it takes.

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const id = v.pipe(v.string("must be an id"), v.regex(ID, "must be 1–64 of A–Z a–z 0–9 _ -"));

/**
 * Words in the shopper's own language: `{ "de": "…", "he": "…" }`, any of PLAUDIT_LOCALES, each as
 * the default words are checked (`one`); a language left out shows the default. The widget picks
 * the shopper's (its locale, or the locale's language: de-AT reads de); words in other languages
 * are refused, not dropped. Earning labels, reward names, tier names and perks, the points' name.
 */
const inLanguages = <S extends v.GenericSchema>(one: S) =>
  v.optional(
    // Said of the object, and of a language it has that Plaudit does not write in (`labels.fr`).
    v.strictObject(eachLanguage(one), `must name only the languages ${PLAUDIT_LOCALES.join(", ")}`),
  );
/** One optional entry per language of PLAUDIT_LOCALES: the shape written and the shape served. */
function eachLanguage<S extends v.GenericSchema>(one: S) {
  const optional = v.optional(one);
  return Object.fromEntries(PLAUDIT_LOCALES.map((locale) => [locale, optional])) as Record<
    PlauditLocale,
    typeof optional
  >;
}
const translations = (what: string, max = LOYALTY_LABEL_MAX) => inLanguages(text(1, max, what));

/** A tier's perks, one list (in the default language, or one of a translation). */
const perkList = v.pipe(
  v.array(text(1, TIER_PERK_MAX, "a perk"), "must be a list of perks"),
  v.maxLength(TIER_PERKS_MAX, `at most ${TIER_PERKS_MAX} perks`),
);

export const EarningRule = v.object({
  action: v.picklist(EARNING_ACTIONS, `must be one of ${EARNING_ACTIONS.join(", ")}`),
  /** For purchase: points per currency unit of the order total (may be fractional); else points. */
  points: amount(1_000_000),
  /** What shoppers read, unless `labels` has their language. */
  label: text(1, LOYALTY_LABEL_MAX, "a label"),
  /** The label in other languages (additive: API.md names only the fields above). */
  labels: translations("a label"),
});

export const Reward = v.pipe(
  v.object({
    id,
    /** What shoppers read, unless `names` has their language. */
    name: text(1, LOYALTY_LABEL_MAX, "a name"),
    /** The name in other languages (additive, as an earning action's `labels`). */
    names: translations("a name"),
    cost: count(1, 10_000_000),
    kind: v.picklist(REWARD_KINDS, `must be one of ${REWARD_KINDS.join(", ")}`),
    /** amount_off: money off; percent_off: 1–100; free_shipping: 0; free_product: the product's value. */
    value: amount(1_000_000),
    productId: v.optional(text(1, LIMITS.productIdMax, "a product id")),
  }),
  v.check(
    (r) => r.kind !== "percent_off" || (r.value > 0 && r.value <= 100),
    "percent_off needs a value 1–100",
  ),
  v.check((r) => r.kind !== "amount_off" || r.value > 0, "amount_off needs a value above 0"),
);
export type Reward = v.InferOutput<typeof Reward>;

export const Tier = v.object({
  id,
  /** What shoppers read, unless `names` has their language. */
  name: text(1, TIER_NAME_MAX, "a name"),
  /** The name in other languages (additive, as an earning action's `labels`). */
  names: translations("a name", TIER_NAME_MAX),
  /** Points earned in the window, or money spent in it (settings.tierMode). */
  threshold: amount(1_000_000_000),
  perks: perkList,
  /** The perks in other languages, a list each (`{ de: ["…"] }`): the whole list, not per line. */
  perksIn: inLanguages(perkList),
});

const D = PROGRAM_SETTINGS_DEFAULTS;

export const ProgramSettings = v.object({
  /** Points expire after this many days without earning or spending; null: never. */
  expiryDays: v.optional(v.nullable(count(1, 3650)), D.expiryDays),
  tierMode: v.optional(v.picklist(TIER_MODES, "must be points or spend"), D.tierMode),
  tierWindowDays: v.optional(count(1, 3650), D.tierWindowDays),
  /** The share link; `{code}` becomes the customer's referral code. */
  referralUrlTemplate: v.optional(
    v.nullable(
      v.pipe(
        httpUrl,
        v.check((s) => s.includes("{code}"), "must contain {code}"),
      ),
    ),
    D.referralUrlTemplate,
  ),
  /** Where the merchant's code webhook makes discount codes; null: Plaudit generates them. */
  codeWebhookUrl: v.optional(v.nullable(httpUrl), D.codeWebhookUrl),
  codeWebhookTimeoutMs: v.optional(count(100, 30_000), D.codeWebhookTimeoutMs),
  /**
   * Purchase and referral points stay pending (not spendable) this many days, the store's return
   * window; a refund inside it cancels them. 0: spendable at once.
   */
  returnWindowDays: v.optional(count(0, 365), D.returnWindowDays),
  /** Review points only for a review of a product the customer bought (a verified purchase). */
  reviewPointsNeedPurchase: v.optional(v.boolean("must be true or false"), D.reviewPointsNeedPurchase),
  /** At most this many reviews earn points per customer in any 24 hours. */
  reviewPointsPerDay: v.optional(count(1, 1000), D.reviewPointsPerDay),
  /** A referral pays only when the referred customer's first order totals at least this much. */
  referralMinimumOrderTotal: v.optional(amount(1_000_000), D.referralMinimumOrderTotal),
});

const uniqueBy = <T>(list: T[], key: (item: T) => string) => new Set(list.map(key)).size === list.length;

/** The whole program as the merchant saves it (PUT /v1/admin/loyalty/program) and reads it back. */
export const ProgramInput = v.pipe(
  v.object(
    {
      pointsName: text(1, POINTS_NAME_MAX, "a name"),
      /** The points' name in other languages (additive: "Sterne" for "Stars"). */
      pointsNames: translations("a name", POINTS_NAME_MAX),
      earning: v.pipe(
        v.array(EarningRule, "must be a list"),
        v.maxLength(EARNING_ACTIONS.length, "too many"),
      ),
      rewards: v.pipe(v.array(Reward, "must be a list"), v.maxLength(50, "at most 50 rewards")),
      tiers: v.pipe(v.array(Tier, "must be a list"), v.maxLength(10, "at most 10 tiers")),
      settings: v.optional(ProgramSettings, {}),
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

/** Something in some of PLAUDIT_LOCALES, as the public program answers them. */
const localized = <S extends v.GenericSchema>(one: S) => v.optional(v.object(eachLanguage(one)));
/** Words in some of PLAUDIT_LOCALES. */
const LocalizedText = localized(v.string());

/** What anyone may see (GET …/loyalty/program): the program without the merchant's private settings. */
export const LoyaltyProgram = v.object({
  pointsName: v.string(),
  /** The points' name in the languages the merchant wrote it in. */
  pointsNames: LocalizedText,
  earning: v.array(
    v.object({
      action: v.picklist(EARNING_ACTIONS),
      points: v.number(),
      label: v.string(),
      /** The label in the languages the merchant wrote it in (`{ de, he, en }`, each optional). */
      labels: LocalizedText,
    }),
  ),
  rewards: v.array(
    v.object({
      id: v.string(),
      name: v.string(),
      /** The name in the languages the merchant wrote it in. */
      names: LocalizedText,
      cost: v.number(),
      kind: v.picklist(REWARD_KINDS),
      value: v.number(),
      productId: v.optional(v.string()),
    }),
  ),
  tiers: v.array(
    v.object({
      id: v.string(),
      name: v.string(),
      /** The tier's name in the languages the merchant wrote it in. */
      names: LocalizedText,
      threshold: v.number(),
      perks: v.array(v.string()),
      /** The perks in the languages the merchant wrote them in, a list each. */
      perksIn: localized(v.array(v.string())),
    }),
  ),
  settings: v.optional(
    v.object({
      expiryDays: v.nullable(v.number()),
      tierMode: v.picklist(TIER_MODES),
      tierWindowDays: v.number(),
    }),
  ),
});
export type LoyaltyProgram = v.InferOutput<typeof LoyaltyProgram>;

export const LoyaltyHistoryEntry = v.object({
  id: v.string(),
  delta: v.number(),
  reason: v.string(),
  createdAt: timestamp,
  /** The ledger's action (additive: API.md names only the fields above). */
  action: v.optional(v.string()),
});
export type LoyaltyHistoryEntry = v.InferOutput<typeof LoyaltyHistoryEntry>;

export const PendingPoints = v.object({
  points: v.number(),
  reason: v.string(),
  availableAt: v.nullable(timestamp),
  /** The ledger action the points will be posted as (additive). */
  action: v.optional(v.string()),
});
export type PendingPoints = v.InferOutput<typeof PendingPoints>;

/**
 * GET …/loyalty/me (and POST …/loyalty/join): API.md's member plus additive fields the widgets
 * use when present. The server, the client and the loyalty widgets all read this one shape.
 */
export const LoyaltyMe = v.object({
  customerId: v.string(),
  balance: v.number(),
  tier: v.nullable(v.string()),
  nextTier: v.nullable(v.object({ name: v.string(), remaining: v.number() })),
  referral: v.object({ code: v.string(), url: v.string() }),
  history: v.array(LoyaltyHistoryEntry),
  /** The program's name for its points, as in /loyalty/program. */
  pointsName: v.optional(v.string()),
  /** …and in the languages the merchant wrote it in, as in /loyalty/program. */
  pointsNames: LocalizedText,
  tierId: v.optional(v.nullable(v.string())),
  /** Tiers measured in points earned or money spent over a window of days. */
  tierProgress: v.optional(
    v.object({ mode: v.picklist(TIER_MODES), value: v.number(), windowDays: v.optional(v.number()) }),
  ),
  lifetimeEarned: v.optional(v.number()),
  /** When the whole balance expires if nothing happens until then; null: never or nothing to lose. */
  pointsExpireAt: v.optional(v.nullable(timestamp)),
  /** Points earned but not spendable yet: all of `pending` together. */
  pendingPoints: v.optional(v.number()),
  /**
   * Points earned but not yet spendable: purchase and referral points waiting out the return
   * window (`availableAt`: when they become spendable), and review points waiting for moderation
   * (`availableAt` null: when the review is published).
   */
  pending: v.optional(v.array(PendingPoints)),
});
export type LoyaltyMe = v.InferOutput<typeof LoyaltyMe>;

/** POST …/loyalty/join: the token may come in the header instead. */
export const JoinInput = v.object({
  customerToken: optionalCustomerToken,
});

export const RedemptionInput = v.object(
  {
    rewardId: text(1, 64, "a reward id"),
    /**
     * The cost the shopper was shown. When the reward costs otherwise now (the merchant repriced
     * it meanwhile) nothing is spent: 409 reward_changed. Left out, the current cost is spent.
     */
    cost: v.optional(count(1, 10_000_000)),
    customerToken: optionalCustomerToken,
  },
  "must be a JSON object",
);

export const Redemption = v.object({
  id: v.string(),
  rewardId: v.string(),
  code: v.string(),
  pointsSpent: v.number(),
  balance: v.number(),
  reward: v.optional(
    v.object({
      name: v.string(),
      kind: v.picklist(REWARD_KINDS),
      value: v.number(),
      productId: v.optional(v.string()),
    }),
  ),
  createdAt: v.optional(timestamp),
});
export type Redemption = v.InferOutput<typeof Redemption>;

// The merchant's side (admin API).

export const customerId = text(1, 200, "a customer id");

/**
 * A points adjustment by hand (admin): at most this many points either way, with a reason of at
 * most this many characters. Apart from LIMITS, which every widget bundles: only the admin app
 * and the server need these.
 */
export const ADJUSTMENT_LIMITS = { pointsMax: 10_000_000, reasonMax: 200 } as const;

export const AdjustmentInput = v.object(
  {
    customerId,
    delta: v.pipe(
      v.number("must be an integer"),
      v.integer("must be an integer"),
      v.minValue(-ADJUSTMENT_LIMITS.pointsMax, `must be at least -${ADJUSTMENT_LIMITS.pointsMax}`),
      v.maxValue(ADJUSTMENT_LIMITS.pointsMax, `must be at most ${ADJUSTMENT_LIMITS.pointsMax}`),
      v.check((n) => n !== 0, "must not be 0"),
      v.metadata({ not: { const: 0 } }),
    ),
    reason: text(1, ADJUSTMENT_LIMITS.reasonMax, "a reason"),
  },
  "must be a JSON object",
);
export const Adjustment = v.object({
  id: v.string(),
  customerId: v.string(),
  delta: v.number(),
  reason: v.string(),
  balance: v.number(),
  createdAt: timestamp,
});

export const BIRTHDAY_MESSAGE = "must be MM-DD, YYYY-MM-DD or null";
export const CustomerPatch = v.object(
  { birthday: v.nullable(v.string(BIRTHDAY_MESSAGE)) },
  "must be a JSON object",
);
export const CustomerBirthday = v.object({ customerId: v.string(), birthday: v.nullable(v.string()) });

export const AdminCustomer = v.object({
  customerId: v.string(),
  balance: v.number(),
  lifetimeEarned: v.number(),
  lastActivityAt: v.nullable(v.string()),
  joinedAt: v.nullable(v.string()),
  referralCode: v.string(),
  birthday: v.nullable(v.string()),
  /** Awards still inside the return window: not in the balance yet. */
  pending: v.array(PendingPoints),
  history: v.array(
    v.object({
      id: v.string(),
      delta: v.number(),
      action: v.string(),
      reference: v.string(),
      reason: v.string(),
      createdAt: timestamp,
    }),
  ),
});

export const ConsistencyReport = v.object({
  ok: v.boolean(),
  customers: v.number(),
  ledgerRows: v.number(),
  negativeBalances: v.number(),
  mismatches: v.array(v.object({ customerId: v.string(), balance: v.number(), ledgerSum: v.number() })),
});

export const LoyaltySweep = v.object({
  /** Pending awards whose return window had passed, now spendable. */
  released: v.number(),
  expired: v.object({ customers: v.number(), points: v.number() }),
  birthdays: v.number(),
  recoveredRedemptions: v.number(),
});
