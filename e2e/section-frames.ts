// What the shopper sees in each frame while a storefront swaps a product section's markup (a
// theme's variant picker, an SPA's or a framework's swap): the section-swaps and host-page-life
// tests read the frames here. The page: a section#main-product holding a star badge and the
// reviews (#reviews), a <footer> below it.
import type { Page } from "playwright-core";

/** Waits until the badge and the reviews are painted with every card in. */
export async function painted(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const badge = document
      .querySelector('[data-plaudit="stars"]')
      ?.shadowRoot?.querySelector(".plaudit-root");
    const host = document.getElementById("reviews")!;
    const state = host.querySelector("[data-plaudit-state]")?.textContent;
    const cards = host.shadowRoot?.querySelector(".plaudit-list")?.children.length;
    return Boolean(state && badge && cards === JSON.parse(state).reviews.items.length);
  });
}

export interface Frames {
  /** As drawn right before the swap. */
  before: string;
  /** As drawn in each of the 12 frames from the one after the new hosts went in. */
  after: string[];
  /** The page's scroll before the swap and in the last frame. */
  scrolled: [number, number];
  /** The layout shifts from the swap on (the page's own load is not the swap's). */
  shifted: number;
}

/** The star badge, the reviews and the footer, as a frame draws them. */
function badgeAndReviews(): string {
  const stars = document.querySelector('[data-plaudit="stars"]');
  const reviews = document.getElementById("reviews");
  const footer = document.querySelector("footer")!;
  const cards = reviews?.shadowRoot?.querySelector(".plaudit-list")?.children.length ?? 0;
  return `badge ${stars?.shadowRoot?.querySelector(".plaudit-root") ? "shown" : "absent"}, reviews ${reviews?.offsetHeight} px with ${cards} cards, footer at ${footer.getBoundingClientRect().top + scrollY}`;
}

/**
 * Scrolled to the footer, runs `swap` in the page (the body of an async function that sees
 * `section`, the section element; `html`, its markup as the page has it now; `fetched()`, a real
 * round trip to the server; and `inserted()`, said right before the new hosts go in when that is a
 * round trip after the old ones went), then reads the frames from the one after it returns with
 * `frame` (a function the page runs: by default the badge, the reviews and the footer).
 */
export function framesOf(page: Page, swap: string, frame: () => string = badgeAndReviews): Promise<Frames> {
  return page.evaluate(
    async ({ swap, source }) => {
      window.scrollTo(0, document.body.scrollHeight);
      const read = new Function(`return (${source})()`) as () => string;
      await new Promise(requestAnimationFrame);
      const before = read();
      const scrolled = scrollY;
      // Shifts from the swap on, or from the second frame with the new hosts when the page emptied
      // its section for a round trip (their return moves what follows: the page's doing).
      let from = performance.now();
      let late = false;
      const inserted = () => {
        late = true;
      };
      const section = document.getElementById("main-product")!;
      const html = section.innerHTML;
      const fetched = () => fetch(location.href, { cache: "no-store" }).then((response) => response.text());
      // The swap is the page's own script, as a storefront's would be.
      const run = new Function("section", "html", "fetched", "inserted", `return (async () => {${swap}})()`);
      await run(section, html, fetched, inserted);
      const after: string[] = [];
      while (after.length < 12) {
        await new Promise(requestAnimationFrame);
        if (late && after.length === 1) from = performance.now();
        after.push(read());
      }
      // Every shift so far: buffered ones are delivered to the callback, or still queued.
      type Shift = PerformanceEntry & { value: number };
      const shifts: Shift[] = [];
      const observer = new PerformanceObserver((list) => shifts.push(...(list.getEntries() as Shift[])));
      observer.observe({ type: "layout-shift", buffered: true });
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      shifts.push(...(observer.takeRecords() as Shift[]));
      observer.disconnect();
      const shifted = shifts
        .filter((shift) => shift.startTime >= from)
        .reduce((sum, shift) => sum + shift.value, 0);
      return { before, after, scrolled: [scrolled, scrollY] as [number, number], shifted };
    },
    { swap, source: frame.toString() },
  );
}

/** Re-renders the section as a variant picker does (the hosts' variant id now `variant`); two frames. */
export const reRender = (page: Page, variant: string): Promise<unknown> =>
  page.evaluate((variant) => {
    const section = document.getElementById("main-product")!;
    section.innerHTML = section.innerHTML.replace(/data-variant-id="\d+"/g, `data-variant-id="${variant}"`);
    return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  }, variant);
