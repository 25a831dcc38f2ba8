import type { LoyaltyMe, LoyaltyProgram } from "@plaudit/core";

// The merchant's words in the shopper's language. Earning labels, reward names, tier names and
// perks and the points' name may come with translations (`labels`, `names`, `perksIn`,
// `pointsNames`: `{ de, he, en }`, any of them, written in the admin's program screen); the widgets
// show the one of their own language (de-AT reads de), else the default the merchant wrote. The
// widgets have no words of their own for these: they are the shop's.

/** The words for `locale`: its own translation, its language's, else the default. */
export function wordsIn<T>(
  locale: string,
  fallback: T,
  translations: Partial<Record<string, T>> | undefined,
): T {
  if (!translations) return fallback;
  const tag = locale.replace("_", "-").toLowerCase();
  return translations[tag] ?? translations[tag.split("-")[0] ?? tag] ?? fallback;
}

/** The program as a shopper reading `locale` sees it: every one of the merchant's words in their language. */
export function programIn(program: LoyaltyProgram, locale: string): LoyaltyProgram {
  return {
    ...program,
    pointsName: wordsIn(locale, program.pointsName, program.pointsNames),
    earning: program.earning.map((way) => ({ ...way, label: wordsIn(locale, way.label, way.labels) })),
    rewards: program.rewards.map((reward) => ({
      ...reward,
      name: wordsIn(locale, reward.name, reward.names),
    })),
    tiers: program.tiers.map((tier) => ({
      ...tier,
      name: wordsIn(locale, tier.name, tier.names),
      perks: wordsIn(locale, tier.perks, tier.perksIn),
    })),
  };
}

/**
 * A member's tiers as a shopper reading `locale` sees them: /me names them by their default names,
 * which the (untranslated) program turns into the shopper's language's. (The points' name:
 * pointsNameOf.)
 */
export function memberIn<M extends LoyaltyMe>(me: M, program: LoyaltyProgram | undefined, locale: string): M {
  const tierIn = (named: string) => {
    const tier = program?.tiers.find((t) => t.id === named || t.name === named);
    return tier ? wordsIn(locale, tier.name, tier.names) : named;
  };
  return {
    ...me,
    tier: me.tier === null ? null : tierIn(me.tierId ?? me.tier),
    nextTier: me.nextTier && { ...me.nextTier, name: tierIn(me.nextTier.name) },
  };
}
