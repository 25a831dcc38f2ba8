// Mounting the reviews widget into a prepared shadow root: the one effectful place that wires
// store, controller, i18n, styles, JSON-LD and the lazily loaded write dialog together.
import {
  getEvents,
  getStore,
  mountSpeaking,
  type PlauditStore,
  requireProduct,
  resolveLocale,
  type WidgetConfig,
} from "@plaudit/core";
import { adoptStyles, baseCss, iconsCss, renderIntoRoot, starsCss, themeCss } from "@plaudit/ui";
import { h } from "preact";
import { deferredJsonLd } from "../deferred-json-ld.ts";
import { reviewsLoadable } from "../messages/loadable.ts";
import { cardsToReachView } from "./cards-to-reach-view.ts";
import { createReviewsController } from "./reviews-controller.ts";
import { reviewsCss } from "./reviews-styles.ts";
import { ReviewsWidget } from "./reviews-widget.tsx";

export interface MountReviewsOptions {
  host: HTMLElement;
  root: ShadowRoot;
  config: WidgetConfig;
  /** Default: the page's shared store. */
  store?: PlauditStore;
  /**
   * `root` already holds this widget's server-rendered markup and `store` its data (docs/ssr.md):
   * adopt the markup (Preact hydrate) and load nothing.
   */
  hydrate?: boolean;
  /** `store` already holds the summary and first page (server state without markup): load nothing. */
  seeded?: boolean;
  /** Reviews per page, parsed once by the widget definition (reviews-definition.ts). */
  pageSize: number;
}

// Its own chunk: shoppers who never write a review never download the form.
const loadWriteDialog = (locale: string) =>
  import("../write-review/write-review-dialog.tsx").then((module) => module.writeReviewDialogIn(locale));

export function mountReviewsWidget({
  host,
  root,
  config,
  store = getStore(),
  hydrate = false,
  seeded = hydrate,
  pageSize,
}: MountReviewsOptions): () => void {
  const productId = requireProduct(config, "reviews");
  const storeConfig = { apiBase: config.apiBase, store: config.store };
  const controller = createReviewsController({ store, config: storeConfig, productId, pageSize });
  // This host's data-customer-token (or the npm option) becomes the page's shopper: the review
  // goes out with it, however the page gave it (script tag or any host).
  store.identifyShopper(config.options.customerToken);
  // data-json-ld="off" leaves structured data to a merchant who writes their own.
  const jsonLd =
    config.options.jsonLd === "off"
      ? undefined
      : deferredJsonLd(host.ownerDocument, productId, config.options.productJsonldId, (error) =>
          getEvents().emit("error", { error, kind: "reviews" }),
        );

  // In the page's language from the first render: a German page's widget waits for its catalog.
  const unmount = mountSpeaking(config.locale ?? resolveLocale(host), reviewsLoadable, "reviews", (i18n) => {
    adoptStyles(root, [themeCss, baseCss, starsCss, iconsCss, reviewsCss]);
    return renderIntoRoot(
      root,
      h(ReviewsWidget, {
        // The summary and first page came with the page: there is nothing to start.
        controller: seeded ? { ...controller, start: () => undefined } : controller,
        i18n,
        config: storeConfig,
        theme: config.theme,
        productName: config.options.productName,
        jsonLd,
        loadWriteDialog,
        // The cards that can reach into view now, the rest as the list's end nears. Server markup
        // holds every card of the first page: hydration adopts it whole.
        firstCards: hydrate ? undefined : cardsToReachView(host),
        hydrating: hydrate,
      }),
      { kind: "reviews", host, hydrate },
    );
  });
  return () => {
    unmount();
    controller.destroy();
    jsonLd?.release();
  };
}
