// Phrases several views build the same way.
import type { I18n } from "@plaudit/core";

/** "4.5 out of 5 stars", with the number in the widget's locale. */
export const starsLabel = (i18n: I18n, rating: number): string =>
  i18n.t("stars.label", { rating: i18n.formatNumber(rating, { maximumFractionDigits: 1 }) });

/** "128 reviews" / "128 Bewertungen". */
export const reviewCount = (i18n: I18n, count: number): string => i18n.plural("reviewCount", count);
