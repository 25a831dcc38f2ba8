import type { I18n, Review, ReviewListState, VoteValue } from "@plaudit/core";
import { Button } from "@plaudit/ui";
import type { Ref } from "preact";
import { ReviewCard } from "./review-card.tsx";
import { useCardsInView } from "./use-cards-in-view.ts";

export interface ReviewListProps {
  list: ReviewListState | undefined;
  i18n: I18n;
  myVotes: Record<string, VoteValue>;
  filtered: boolean;
  listRef?: Ref<HTMLUListElement>;
  onVote(review: Review, value: VoteValue): void;
  onLoadMore(): void;
  onRetry(): void;
  onClearFilters(): void;
  mediaBase?: string;
  onOpenMedia?(review: Review, index: number, button: HTMLElement): void;
  /** Cards to render until the list's end nears the viewport (use-cards-in-view.ts); default all. */
  firstCards?: number;
}

const ListSkeleton = () => (
  <div aria-hidden="true">
    {[0, 1, 2].map((line) => (
      <span key={line} class="plaudit-skeleton plaudit-skeleton--line" />
    ))}
  </div>
);

/** The cards, paged by "Load more", with its loading, empty and error states. */
export function ReviewList(props: ReviewListProps) {
  const { list, i18n, myVotes } = props;
  const { t } = i18n;
  const count = list?.items.length ?? 0;
  const [shown, endRef, showRest] = useCardsInView(props.firstCards, count);
  const cut = shown < count;
  if (!list || (list.status === "loading" && list.items.length === 0)) return <ListSkeleton />;
  if (list.status === "error") {
    return (
      <p class="plaudit-notice plaudit-notice--error">
        {t("list.error")}
        <Button onClick={props.onRetry}>{t("retry")}</Button>
      </p>
    );
  }
  if (list.items.length === 0) {
    return props.filtered ? (
      <p class="plaudit-notice">
        {t("list.noMatches")}
        <Button onClick={props.onClearFilters}>{t("filters.clear")}</Button>
      </p>
    ) : (
      <p class="plaudit-notice">{t("list.empty")}</p>
    );
  }
  // The next page failed: the pages shown stay, with the problem and a try again below them.
  const failed = list.error !== undefined && list.status === "ready";
  return (
    <>
      {/* Loading another sort or filter (or this one again): the cards shown stay, busy and dimmed,
          until the answer replaces them. A next page loading leaves them as they are. */}
      <ul class="plaudit-list" ref={props.listRef} aria-busy={list.status === "loading"}>
        {list.items.slice(0, shown).map((review) => (
          <li key={review.id}>
            <ReviewCard
              review={review}
              i18n={i18n}
              myVote={myVotes[review.id]}
              onVote={props.onVote}
              mediaBase={props.mediaBase}
              onOpenMedia={props.onOpenMedia}
            />
          </li>
        ))}
      </ul>
      {/* Cut, the end has no box of its own (no padding): pushed down by the rest, it shifts nothing. */}
      <div class={cut ? undefined : "plaudit-more"} ref={endRef}>
        {cut ? (
          // The cut list ends with something a screen reader's virtual cursor reaches. Unseen and
          // fixed to the viewport: the rest show as it nears the viewport or is focused, and a button
          // pushed down by them would count as a layout shift, even a visually hidden one.
          <button type="button" class="plaudit-visually-hidden plaudit-rest" onClick={showRest}>
            {i18n.plural("list.showRest", count - shown)}
          </button>
        ) : (
          (failed || list.nextCursor !== null) && (
            <>
              {failed && <p class="plaudit-notice plaudit-notice--error">{t("list.loadMoreFailed")}</p>}
              {/* One button throughout (Load more, busy, Try again), never disabled: a focused
                  button that is disabled drops the keyboard's place to the page's <body>. */}
              <Button onClick={props.onLoadMore} aria-disabled={list.status === "loading-more"}>
                {t(failed ? "retry" : "list.loadMore")}
              </Button>
            </>
          )
        )}
      </div>
    </>
  );
}
