import type { I18n } from "@plaudit/core";

export { pointsText } from "../points-text.ts";

/** "+550" / "−500": a ledger change always shows its sign. */
export const signedPoints = (i18n: I18n, delta: number): string =>
  i18n.formatNumber(delta, { signDisplay: "exceptZero" });
