// A German or Hebrew page's words come in a chunk of their own (core's load-catalog.ts). Its own
// file: here no test has loaded a language before, so each widget waits for its catalog.
import { catalogsFor } from "@plaudit/core";
import { act } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { makeReview, settle } from "../testing/fake-api.ts";
import { mountWidget } from "../testing/mount-for-test.ts";
import { reviewsLoadable } from "./messages/loadable.ts";

const reviews = [makeReview(1, { rating: 5 }), makeReview(2, { rating: 4 })];
const cleanups: (() => void)[] = [];

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** Every text the root showed, mutation by mutation. */
function textsShown(root: ShadowRoot) {
  const seen: string[] = [];
  const observer = new MutationObserver((records) => {
    for (const _ of records) seen.push(root.textContent ?? "");
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  return () => {
    for (const _ of observer.takeRecords()) seen.push(root.textContent ?? "");
    observer.disconnect();
    return seen.filter(Boolean);
  };
}

describe("a widget on a German or Hebrew page, its catalog on its way", () => {
  it.each([
    ["de-AT", "Kundenbewertungen", "Bewertung schreiben"],
    ["he-IL", "ביקורות לקוחות", "כתיבת ביקורת"],
  ])(
    "renders %s in its language from the first render on: no English shown before it",
    async (locale, title, write) => {
      const widget = mountWidget("reviews", { products: { tee: reviews } }, { locale });
      cleanups.push(() => {
        widget.unmount();
        widget.host.remove();
      });
      const shown = textsShown(widget.root);
      // Nothing rendered yet (a painted or server-rendered host keeps its markup, already in the language).
      expect(widget.root.textContent).toBe("");
      await act(async () => {
        await catalogsFor(locale, reviewsLoadable);
      });
      await act(() => settle());
      const texts = shown();
      expect(texts.length).toBeGreaterThan(0);
      for (const text of texts) {
        expect(text).not.toMatch(/Customer reviews|Write a review|Loading|reviews?\b/);
      }
      expect(widget.view.getByRole("heading", { level: 2 }).textContent).toBe(title);
      expect(widget.view.getByRole("button", { name: write })).toBeTruthy();
    },
  );

  it("mounts nothing when unmounted before its catalog came", async () => {
    const widget = mountWidget("reviews", { products: { tee: reviews } }, { locale: "de" });
    widget.unmount();
    await act(async () => {
      await catalogsFor("de", reviewsLoadable);
    });
    await act(() => settle());
    expect(widget.root.childNodes).toHaveLength(0);
    expect(widget.api.calls).toEqual([]);
    widget.host.remove();
  });
});
