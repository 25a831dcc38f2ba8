import { createI18n } from "@plaudit/core";
import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { makeReview, summarize } from "../../testing/fake-api.ts";
import { reviewsCatalogs } from "../messages/index.ts";
import { DEFAULT_FILTERS, type ReviewsActions, type ReviewsState } from "./reviews-controller.ts";
import { ReviewsView } from "./reviews-view.tsx";

const reviews = [makeReview(1), makeReview(2, { body: "Runs small</p><script>alert(1)</script>" })];
const state: ReviewsState = {
  productId: "tee",
  filters: DEFAULT_FILTERS,
  summary: { status: "ready", data: summarize("tee", reviews) },
  list: { productId: "tee", query: {}, status: "ready", items: reviews, nextCursor: "2", total: 5 },
  myVotes: {},
};
const inert = new Proxy({}, { get: () => () => undefined }) as ReviewsActions;

describe("ReviewsView", () => {
  it("renders the same markup from data alone, as the server-side renderer will", () => {
    const html = renderToString(
      <ReviewsView state={state} i18n={createI18n("en", reviewsCatalogs)} actions={inert} />,
    );
    expect(html).toContain('class="plaudit-root plaudit-reviews"');
    expect(html).toContain('dir="ltr"');
    expect(html).toContain("Review number 1");
    expect(html).toContain("Load more reviews");
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script>");
    expect(html).not.toContain("style=");
  });

  it("marks the root with the theme and the direction of the locale", () => {
    const html = renderToString(
      <ReviewsView state={state} i18n={createI18n("he", reviewsCatalogs)} actions={inert} theme="dark" />,
    );
    expect(html).toMatch(/<section[^>]* data-theme="dark"[^>]* dir="rtl"/);
  });
});
