import type { I18n } from "@plaudit/core";

/** "650 points" in the shopper's language and number format. */
export const pointsText = (i18n: I18n, points: number): string => i18n.plural("points.count", points);

/** "+550" / "−500": a ledger change always shows its sign. */
export const signedPoints = (i18n: I18n, delta: number): string =>
  i18n.formatNumber(delta, { signDisplay: "exceptZero" });
