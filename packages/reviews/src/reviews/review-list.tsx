import type { I18n, Review, ReviewListState, VoteValue } from "@plaudit/core";
import { Button } from "@plaudit/ui";
import type { Ref } from "preact";
import { useRef } from "preact/hooks";
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
  const end = useRef<HTMLDivElement>(null);
  const shown = useCardsInView(props.firstCards, list?.items.length ?? 0, end);
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
  const busy = list.status === "loading" || list.status === "loading-more";
  return (
    <>
      <ul class="plaudit-list" ref={props.listRef} aria-busy={busy}>
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
      <div class="plaudit-more" ref={end}>
        {shown < list.items.length ? null : list.error && list.status === "ready" ? (
          <p class="plaudit-notice plaudit-notice--error">
            {t("list.loadMoreFailed")}
            <Button onClick={props.onLoadMore}>{t("retry")}</Button>
          </p>
        ) : (
          list.nextCursor !== null && (
            <Button onClick={props.onLoadMore} disabled={list.status === "loading-more"}>
              {t("list.loadMore")}
            </Button>
          )
        )}
      </div>
    </>
  );
}
