// The effectful shell around ReviewsView: subscribes to the controller, moves focus after
// "Load more", announces list changes, keeps the JSON-LD in step, and opens the write dialog.
import {
  getEvents,
  type I18n,
  type Review,
  type StoreConfig,
  type Theme,
  type VoteValue,
} from "@plaudit/core";
import { useStore } from "@plaudit/ui";
import type { ComponentType } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { JsonLdHandle } from "../json-ld-manager.ts";
import type { LightboxItem, LightboxProps } from "../media/lightbox.tsx";
// Types only: the dialog itself stays in its own chunk, imported on "Write a review".
import type { WriteReviewDialogProps } from "../write-review/write-review-dialog.tsx";
import type { ReviewFilters, ReviewsController } from "./reviews-controller.ts";
import { ReviewsView } from "./reviews-view.tsx";

export interface ReviewsWidgetProps {
  controller: ReviewsController;
  i18n: I18n;
  config: StoreConfig;
  theme?: Theme;
  productName?: string;
  jsonLd?: JsonLdHandle;
  /** Loads the write-review dialog with its words in `locale`; absent hides "Write a review". */
  loadWriteDialog?: (locale: string) => Promise<ComponentType<WriteReviewDialogProps>>;
  /** Cards to render until the list's end nears the viewport (use-cards-in-view.ts); default all. */
  firstCards?: number;
  /**
   * Adopting server-rendered markup (Preact hydrate), which keeps the markup's attributes as they
   * are: the server cannot know this shopper's votes, so they show from the render after.
   */
  hydrating?: boolean;
  /** Loads the media lightbox (default: its own chunk, on the first press of a thumbnail). */
  loadLightbox?: (locale: string) => Promise<ComponentType<LightboxProps>>;
}

// Its own chunk: most shoppers never open a photo, and the strip itself is plain buttons.
const loadLightboxChunk = (locale: string) =>
  import("../media/lightbox.tsx").then((module) => module.lightboxIn(locale));

/** The keyboard's place went with what was removed: the deepest focused element is the page's <body>. */
function focusLost(doc: Document): boolean {
  let focused = doc.activeElement;
  while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
  return !focused || focused === doc.body;
}

export function ReviewsWidget({
  controller,
  i18n,
  config,
  jsonLd,
  loadLightbox = loadLightboxChunk,
  ...props
}: ReviewsWidgetProps) {
  const state = useStore(controller, (s) => s);
  const { list, summary } = state;
  const [announcement, setAnnouncement] = useState("");
  const [dialog, setDialog] = useState<{
    Dialog: ComponentType<WriteReviewDialogProps>;
    returnFocusTo: HTMLElement | null;
  } | null>(null);
  const [lightbox, setLightbox] = useState<{
    Lightbox: ComponentType<LightboxProps>;
    items: LightboxItem[];
    start: number;
    returnFocusTo: HTMLElement;
  } | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  // Where the focus goes when the list asked for settles: the card at `at` (the first new one after
  // "Load more", the first after Clear filters). Only in that list: one settling after the shopper
  // chose another sort or filter leaves the focus where they are now.
  const focusAfter = useRef<{ at: number; filters: ReviewFilters } | null>(null);
  const announced = useRef(false);
  // The same words twice in a row (a second failed vote) change no text, and a live region that
  // does not change says nothing: the repeat carries a no-break space, which nothing reads out.
  const announce = (message: string) =>
    setAnnouncement((shown) => (shown === message ? `${message}\u00a0` : message));

  useEffect(() => controller.start(), [controller]);

  // Hydration leaves aria-pressed as the server wrote it (no votes): render this shopper's votes
  // once it is done, so a vote from an earlier visit shows pressed (pressing it again does nothing).
  const [ownVotes, setOwnVotes] = useState(!props.hydrating);
  useEffect(() => setOwnVotes(true), []);

  // Announce how many reviews show whenever a list settles (not the first, which the page shows anyway).
  const settled = list?.status === "ready" ? list : undefined;
  // A vote also replaces the list object, and one on a removed review takes it out: only a new
  // query or page counts as "settled".
  const removed = settled?.removed ?? 0;
  const settledAs =
    settled &&
    `${JSON.stringify(state.filters)}|${settled.items.length + removed}|${settled.total + removed}|${settled.totalCapped}`;
  useEffect(() => {
    if (!settled) return;
    if (announced.current) {
      announce(
        settled.items.length === 0
          ? i18n.t("list.noMatches")
          : // A capped search's total is a floor: said in words ("at least 1,000"), which every
            // screen reader speaks and which reads the same right to left, rather than "1,000+".
            i18n.t(settled.totalCapped ? "list.showingCapped" : "list.showing", {
              shown: i18n.formatNumber(settled.items.length),
              total: i18n.formatNumber(settled.total),
            }),
      );
    }
    // First list on screen: the timing a merchant's monitoring reads (docs/operations.md).
    if (!announced.current) {
      globalThis.performance?.mark?.("plaudit:reviews:content");
      announced.current = true;
      // The list the widget started with, not one the shopper asked for: a "Load more" pressed
      // before this effect ran (a click on painted markup, done again once the code came) still
      // waits for its own page, and moves focus when that settles.
      return;
    }
    // After "Load more", focus goes to the first new review, where reading continues (after
    // Clear filters, to the first review).
    const target = focusAfter.current;
    if (!target) return;
    // Another sort or filter since: the shopper moved on, the focus stays where they are.
    if (target.filters !== state.filters) focusAfter.current = null;
    // Not before the page asked for is in: the list read again under a Load more settles first.
    else if (target.at < settled.items.length) {
      focusAfter.current = null;
      listRef.current?.querySelectorAll<HTMLElement>(".plaudit-review")[target.at]?.focus();
    }
  }, [settledAs]);

  // A next page that failed: the pages shown stay, and the button the shopper pressed (still
  // focused: it is never disabled under them) now reads "Try again"; the live region says why.
  const failedMore = list?.status === "ready" ? list.error : undefined;
  useEffect(() => {
    if (!failedMore) return;
    focusAfter.current = null;
    announce(i18n.t("list.loadMoreFailed"));
  }, [failedMore]);

  useEffect(() => {
    if (jsonLd && summary?.data) {
      jsonLd.update({ productName: props.productName, summary: summary.data, reviews: list?.items ?? [] });
    }
  }, [jsonLd, summary?.data, list?.items, props.productName]);

  const onLoadMore = () => {
    if (list) focusAfter.current = { at: list.items.length, filters: state.filters };
    void controller.actions.loadMore();
  };

  // The Clear filters button goes away with the empty state: focus goes to the first review shown,
  // not to the top of the page.
  const onClearFilters = () => {
    controller.actions.clearFilters();
    focusAfter.current = { at: 0, filters: controller.getState().filters };
  };

  // A review the merchant removed since the page loaded leaves the list when voted on (404). The
  // keyboard's place was on its card: it goes to the card now in its place (the next), else the one
  // before, else the widget's heading, each named by its heading; never to the page's <body>.
  const focusAfterGone = useRef<{ id: string; at: number; section: Element } | null>(null);
  const placeFocusAfterGone = () => {
    const gone = focusAfterGone.current;
    // Not rendered without it yet: the effect below comes back once it is.
    if (!gone || gone.section.querySelector(`[id="plaudit-review-${gone.id}"]`)) return;
    const { section } = gone;
    focusAfterGone.current = null;
    if (!focusLost(section.ownerDocument)) return;
    const cards = section.querySelectorAll<HTMLElement>(".plaudit-review");
    (
      cards[gone.at] ??
      cards[gone.at - 1] ??
      section.querySelector<HTMLElement>("#plaudit-reviews-title")
    )?.focus();
  };
  useEffect(placeFocusAfterGone, [list?.items]);

  const onVote = async (review: Review, value: VoteValue) => {
    const at = list?.items.findIndex((shown) => shown.id === review.id) ?? -1;
    const section = listRef.current?.closest("section");
    const outcome = await controller.actions.vote(review, value);
    announce(
      i18n.t(outcome === "saved" ? "votes.saved" : outcome === "gone" ? "votes.gone" : "votes.failed"),
    );
    if (outcome === "gone" && section && at >= 0) {
      focusAfterGone.current = { id: review.id, at, section };
      placeFocusAfterGone();
    }
  };

  const { loadWriteDialog } = props;
  const onWrite = loadWriteDialog
    ? (button: HTMLElement) => {
        loadWriteDialog(i18n.locale).then(
          (Dialog) => setDialog({ Dialog, returnFocusTo: button }),
          (error: unknown) => getEvents().emit("error", { error, kind: "reviews" }),
        );
      }
    : undefined;

  const onOpenMedia = (review: Review, start: number, button: HTMLElement) => {
    loadLightbox(i18n.locale).then(
      (Lightbox) =>
        setLightbox({
          Lightbox,
          items: review.media.map((media) => ({ media, review })),
          start,
          returnFocusTo: button,
        }),
      (error: unknown) => getEvents().emit("error", { error, kind: "reviews" }),
    );
  };

  return (
    <ReviewsView
      state={ownVotes ? state : { ...state, myVotes: {} }}
      i18n={i18n}
      actions={controller.actions}
      theme={props.theme}
      announcement={announcement}
      listRef={listRef}
      onLoadMore={onLoadMore}
      onClearFilters={onClearFilters}
      onVote={onVote}
      onWrite={onWrite}
      mediaBase={config.apiBase}
      onOpenMedia={onOpenMedia}
      firstCards={props.firstCards}
    >
      {dialog && (
        <dialog.Dialog
          productId={state.productId}
          productName={props.productName}
          i18nLocale={i18n.locale}
          submit={controller.actions.submitReview}
          uploadMedia={controller.actions.uploadMedia}
          returnFocusTo={dialog.returnFocusTo}
          onClose={() => setDialog(null)}
        />
      )}
      {lightbox && (
        <lightbox.Lightbox
          items={lightbox.items}
          start={lightbox.start}
          locale={i18n.locale}
          mediaBase={config.apiBase}
          returnFocusTo={lightbox.returnFocusTo}
          onClose={() => setLightbox(null)}
        />
      )}
    </ReviewsView>
  );
}
