import { type I18n, REVIEW_SORTS, type ReviewSort } from "@plaudit/core";
import { Button } from "@plaudit/ui";
import { useEffect, useRef } from "preact/hooks";
import type { ReviewFilters, ReviewsActions } from "./reviews-controller.ts";

export interface ReviewToolbarProps {
  filters: ReviewFilters;
  i18n: I18n;
  actions: Pick<ReviewsActions, "setSort" | "setMedia" | "setVerified" | "search" | "searchSoon">;
}

/** Sort, the photo and verified filters, and text search (Enter, or a pause in typing). */
export function ReviewToolbar({ filters, i18n, actions }: ReviewToolbarProps) {
  const { t } = i18n;
  const searchBox = useRef<HTMLInputElement>(null);
  // The box is uncontrolled (a search runs on Enter or a pause, not per keystroke), so a search
  // lifted elsewhere ("Clear filters") must empty it here, or it shows a search no longer in force.
  // Only on a change of the search: what is in the box when the widget mounts (typed into painted
  // or server markup before the code came) is the shopper's, not a stale search.
  const searched = useRef(filters.q);
  useEffect(() => {
    if (searched.current === filters.q) return;
    searched.current = filters.q;
    const box = searchBox.current;
    if (box && box.value.trim() !== filters.q.trim()) box.value = filters.q;
  }, [filters.q]);
  return (
    <fieldset class="plaudit-toolbar">
      <legend class="plaudit-visually-hidden">{t("filters.label")}</legend>
      <label class="plaudit-field">
        {t("sort.label")}
        <select
          class="plaudit-select"
          value={filters.sort}
          onChange={(event) => actions.setSort(event.currentTarget.value as ReviewSort)}
        >
          {REVIEW_SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {t(`sort.${sort}`)}
            </option>
          ))}
        </select>
      </label>
      <label class="plaudit-field">
        <input
          type="checkbox"
          class="plaudit-check"
          checked={filters.media}
          onChange={(event) => actions.setMedia(event.currentTarget.checked)}
        />
        {t("filters.media")}
      </label>
      <label class="plaudit-field">
        <input
          type="checkbox"
          class="plaudit-check"
          checked={filters.verified}
          onChange={(event) => actions.setVerified(event.currentTarget.checked)}
        />
        {t("filters.verified")}
      </label>
      {/* biome-ignore lint/a11y/useSemanticElements: <search> has no landmark role in browsers before 2023; the role works everywhere */}
      <form
        class="plaudit-search"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          const input = event.currentTarget.elements.namedItem("q") as HTMLInputElement | null;
          actions.search(input?.value ?? "");
        }}
      >
        <input
          ref={searchBox}
          class="plaudit-search__input"
          type="search"
          name="q"
          defaultValue={filters.q}
          aria-label={t("search.label")}
          placeholder={t("search.label")}
          maxLength={200}
          onInput={(event) => actions.searchSoon(event.currentTarget.value)}
        />
        <Button type="submit">{t("search.submit")}</Button>
      </form>
    </fieldset>
  );
}
