// The star badge as markup data (no Preact: it is on every collection page, 24 times over).
// The browser renders it with toDom, the server renderer with toHtml — the same elements either way.
import type { I18n, Summary, Theme } from "@plaudit/core";
import { el, type Markup, onPageCss, starsMarkup } from "@plaudit/ui";

export interface StarsBadgeProps {
  /** Absent while loading. */
  summary: Summary | undefined;
  i18n: I18n;
  href: string;
  theme?: Theme;
}

const rating = (i18n: I18n, value: number) => i18n.formatNumber(value, { maximumFractionDigits: 1 });

/**
 * Stars and "(128)" linking to the reviews. While loading, and for a product with no reviews, it
 * keeps its box but shows nothing (a row of stars nobody rated would be noise on a collection page).
 */
export function starsBadgeMarkup({ summary, i18n, href, theme = "auto" }: StarsBadgeProps): Markup {
  const root = { "data-theme": theme, dir: i18n.dir, lang: i18n.locale };
  if (!summary || summary.count === 0) {
    return el(
      "span",
      { class: "plaudit-root plaudit-star-badge plaudit-star-badge--empty", "aria-hidden": "true", ...root },
      starsMarkup(0, ""),
    );
  }
  const value = rating(i18n, summary.average);
  return el(
    "a",
    {
      class: "plaudit-root plaudit-star-badge",
      href,
      "aria-label": i18n.t("badge.label", {
        rating: value,
        reviews: i18n.plural("reviewCount", summary.count),
      }),
      ...root,
    },
    starsMarkup(summary.average, i18n.t("stars.label", { rating: value })),
    el(
      "span",
      { class: "plaudit-star-badge__count", "aria-hidden": "true" },
      `(${i18n.formatNumber(summary.count)})`,
    ),
  );
}

// Block-level and 20px tall: the host's line box would use the page's font, and merchants reserve
// 20px (docs/widget-contract.md). The link's width gives it the 24px target-size spacing.
export const starsBadgeCss = `
:host{display:block}
.plaudit-star-badge{display:flex;inline-size:fit-content;align-items:center;gap:4px;block-size:20px;font-size:14px;line-height:20px;
color:var(--p-text);text-decoration:none;background:transparent}
a.plaudit-star-badge:hover .plaudit-star-badge__count{text-decoration:underline}
.plaudit-star-badge--empty{visibility:hidden}
.plaudit-star-badge__count{color:var(--p-muted);font-variant-numeric:tabular-nums}
${onPageCss(".plaudit-star-badge", ["muted", "star", "star-empty", "focus"])}`;
