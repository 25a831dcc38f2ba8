import type { LoyaltyProgram } from "@plaudit/core";

// The merchant's words in the shopper's language. An earning action's label and a reward's name
// may come with translations (`labels`, `names`: `{ de, he, en }`, any of them, written in the
// admin's program screen); the panel shows the one of its own language (de-AT reads de), else the
// default the merchant wrote. The panel has no words of its own for these: they are the shop's.

type Translations = Partial<Record<string, string>>;

/** The words for `locale`: its own translation, its language's, else the default. */
export function wordsIn(locale: string, fallback: string, translations: Translations | undefined): string {
  if (!translations) return fallback;
  const tag = locale.replace("_", "-").toLowerCase();
  return translations[tag] ?? translations[tag.split("-")[0] ?? tag] ?? fallback;
}

/** The program as a shopper reading `locale` sees it: labels and reward names in their language. */
export function programIn(program: LoyaltyProgram, locale: string): LoyaltyProgram {
  return {
    ...program,
    earning: program.earning.map((way) => ({ ...way, label: wordsIn(locale, way.label, way.labels) })),
    rewards: program.rewards.map((reward) => ({
      ...reward,
      name: wordsIn(locale, reward.name, reward.names),
    })),
  };
}
