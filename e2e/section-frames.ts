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
}

/**
 * Scrolled to the footer, runs `swap` in the page (the body of an async function that sees
 * `section`, the section element; `html`, its markup as the page has it now; and `fetched()`, a
 * real round trip to the server), then reads the frames from the one after it returns.
 */
export function framesOf(page: Page, swap: string): Promise<Frames> {
  return page.evaluate(async (swap) => {
    window.scrollTo(0, document.body.scrollHeight);
    const frame = () => {
      const stars = document.querySelector('[data-plaudit="stars"]');
      const reviews = document.getElementById("reviews");
      const footer = document.querySelector("footer")!;
      const cards = reviews?.shadowRoot?.querySelector(".plaudit-list")?.children.length ?? 0;
      return `badge ${stars?.shadowRoot?.querySelector(".plaudit-root") ? "shown" : "absent"}, reviews ${reviews?.offsetHeight} px with ${cards} cards, footer at ${footer.getBoundingClientRect().top + scrollY}`;
    };
    await new Promise(requestAnimationFrame);
    const before = frame();
    const scrolled = scrollY;
    const section = document.getElementById("main-product")!;
    const html = section.innerHTML;
    const fetched = () => fetch(location.href, { cache: "no-store" }).then((response) => response.text());
    // The swap is the page's own script, as a storefront's would be.
    const run = new Function("section", "html", "fetched", `return (async () => {${swap}})()`);
    await run(section, html, fetched);
    const after: string[] = [];
    while (after.length < 12) {
      await new Promise(requestAnimationFrame);
      after.push(frame());
    }
    return { before, after, scrolled: [scrolled, scrollY] as [number, number] };
  }, swap);
}
