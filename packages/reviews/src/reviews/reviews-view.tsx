import type { I18n, Review, Theme, VoteValue } from "@plaudit/core";
import { Button, LiveRegion } from "@plaudit/ui";
import type { ComponentChildren, Ref } from "preact";
import { ReviewList } from "./review-list.tsx";
import { ReviewSummary, SummarySkeleton } from "./review-summary.tsx";
import { ReviewToolbar } from "./review-toolbar.tsx";
import type { ReviewsActions, ReviewsState } from "./reviews-controller.ts";

export interface ReviewsViewProps {
  state: ReviewsState;
  i18n: I18n;
  actions: ReviewsActions;
  theme?: Theme;
  /** Polite announcement for screen readers ("Showing 20 of 128"). */
  announcement?: string;
  /** Shows "Write a review" when given; receives the button (focus returns there). */
  onWrite?(button: HTMLElement): void;
  onVote?(review: Review, value: VoteValue): void;
  onLoadMore?(): void;
  /** "Clear filters" in the no-results state (default: the controller's clearFilters). */
  onClearFilters?(): void;
  listRef?: Ref<HTMLUListElement>;
  /** The API base review media URLs are resolved against (the server may answer root-relative ones). */
  mediaBase?: string;
  /** Opens the lightbox on a review's photos and videos; focus returns to `button` on close. */
  onOpenMedia?(review: Review, index: number, button: HTMLElement): void;
  /** Cards to render until the list's end nears the viewport (use-cards-in-view.ts); default all. */
  firstCards?: number;
  /** The write-review dialog or the lightbox, when open. */
  children?: ComponentChildren;
}

/**
 * The whole reviews widget as a pure function of its data: the browser renders it through
 * ReviewsWidget, the server through preact-render-to-string with the same props.
 */
export function ReviewsView({
  state,
  i18n,
  actions,
  theme = "auto",
  announcement = "",
  ...props
}: ReviewsViewProps) {
  const { t } = i18n;
  const { summary, list, filters } = state;
  const data = summary?.data;
  const filtered = filters.rating.length > 0 || filters.media || filters.verified || filters.q.trim() !== "";
  return (
    <section
      class="plaudit-root plaudit-reviews"
      data-theme={theme}
      dir={i18n.dir}
      lang={i18n.locale}
      aria-labelledby="plaudit-reviews-title"
    >
      <div class="plaudit-reviews__header">
        {/* Focusable by code only: where the keyboard's place goes when the last card shown leaves. */}
        <h2 class="plaudit-reviews__title" id="plaudit-reviews-title" tabIndex={-1}>
          {t("title")}
        </h2>
        {props.onWrite && (
          <Button variant="primary" onClick={(event) => props.onWrite?.(event.currentTarget)}>
            {t("write")}
          </Button>
        )}
      </div>
      {summary?.status === "error" && !data ? (
        <p class="plaudit-notice plaudit-notice--error">
          {t("list.error")}
          <Button onClick={actions.retry}>{t("retry")}</Button>
        </p>
      ) : !data ? (
        <SummarySkeleton />
      ) : data.count === 0 ? (
        <p class="plaudit-notice">{t("list.empty")}</p>
      ) : (
        <>
          <ReviewSummary
            summary={data}
            i18n={i18n}
            selected={filters.rating}
            onToggleRating={actions.toggleRating}
          />
          <ReviewToolbar filters={filters} i18n={i18n} actions={actions} />
          <ReviewList
            list={list}
            i18n={i18n}
            myVotes={state.myVotes}
            filtered={filtered}
            listRef={props.listRef}
            onVote={props.onVote ?? ((review, value) => void actions.vote(review, value))}
            onLoadMore={props.onLoadMore ?? (() => void actions.loadMore())}
            onRetry={actions.retry}
            onClearFilters={props.onClearFilters ?? actions.clearFilters}
            mediaBase={props.mediaBase}
            onOpenMedia={props.onOpenMedia}
            firstCards={props.firstCards}
          />
        </>
      )}
      <LiveRegion message={announcement} />
      {props.children}
    </section>
  );
}
