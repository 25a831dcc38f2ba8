import type { I18n, Rating, Summary } from "@plaudit/core";
import { digitClasses, Stars, VisuallyHidden } from "@plaudit/ui";
import { starsLabel } from "./labels.ts";

export interface ReviewSummaryProps {
  summary: Summary;
  i18n: I18n;
  /** Star ratings the list is filtered to. */
  selected: readonly Rating[];
  onToggleRating(rating: Rating): void;
}

const RATINGS: Rating[] = [5, 4, 3, 2, 1];

/** Average, count and the 5-bar histogram whose bars toggle the star filter. */
export function ReviewSummary({ summary, i18n, selected, onToggleRating }: ReviewSummaryProps) {
  const { t } = i18n;
  return (
    <div class="plaudit-summary">
      <div class="plaudit-summary__average">
        <span class="plaudit-summary__number" aria-hidden="true">
          {i18n.formatNumber(summary.average, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}
        </span>
        <Stars value={summary.average} label={starsLabel(i18n, summary.average)} size={20} />
        <p class="plaudit-summary__count">{i18n.plural("basedOn", summary.count)}</p>
        {summary.mediaCount > 0 && (
          <p class="plaudit-summary__count plaudit-summary__media-count">
            {i18n.plural("mediaCount", summary.mediaCount)}
          </p>
        )}
      </div>
      <ul class="plaudit-histogram" aria-label={t("histogram.label")}>
        {RATINGS.map((rating) => {
          const count = summary.histogram[rating - 1] ?? 0;
          const percent = summary.count ? Math.round((count / summary.count) * 100) : 0;
          return (
            <li key={rating}>
              <button
                type="button"
                class="plaudit-histogram__bar"
                aria-pressed={selected.includes(rating)}
                // A bar with no reviews would filter to an empty list; still pressable to undo a filter.
                disabled={count === 0 && !selected.includes(rating)}
                onClick={() => onToggleRating(rating)}
              >
                {/* The visible text starts the accessible name ("5 stars (59 reviews)"), as WCAG 2.5.3 asks. */}
                <span>{i18n.plural("starCount", rating)}</span>
                <span class="plaudit-histogram__track" aria-hidden="true">
                  {/* Its width from the percent's tens and units (starsCss): a class each, no style attribute. */}
                  <span class={`plaudit-histogram__fill ${digitClasses(percent)}`} />
                </span>
                <span class="plaudit-histogram__count">
                  <span aria-hidden="true">{i18n.formatNumber(count)}</span>
                  <VisuallyHidden>
                    {t("histogram.count", { reviews: i18n.plural("reviewCount", count) })}
                  </VisuallyHidden>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Holds the summary's exact height while it loads. */
export const SummarySkeleton = () => (
  <div class="plaudit-skeleton plaudit-skeleton--summary" aria-hidden="true" />
);
