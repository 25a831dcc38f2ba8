// A storefront that puts new markup in place of its widgets' hosts — what the shopper sees in each
// frame from the moment the new hosts are in: a theme's variant picker re-rendering the section with
// the variant's id on the hosts, a swap whose removal and insertion come in different tasks (remove,
// fetch, insert: SPA routers, Turbo frames, htmx, Shopify's section rendering API), frameworks' own
// swaps (React re-keying a container, Vue's v-if toggled off then on, the same element put back),
// and server-rendered hosts (docs/ssr.md) whose markup comes again as HTML set with innerHTML, which
// does not attach a declarative shadow root. Each frame: is the badge drawn, the reviews' height,
// their cards, where the footer is. Every frame after the swap must read as the frame before it.
import { describe, it } from "vitest";
import { harnessOfFile, SIDE_BY_SIDE } from "./harness.ts";
import { framesOf, painted, reRender } from "./section-frames.ts";
import { openPage } from "./shop-page.ts";

const plaudit = harnessOfFile();

const hosts = (id: string, variant: string) =>
  `<div data-plaudit="stars" data-product-id="${id}" data-variant-id="${variant}"></div>
<div id="reviews" data-plaudit="reviews" data-product-id="${id}" data-product-name="${id}" data-variant-id="${variant}"></div>`;
const sectionOf = (inner: string) =>
  `<h1>Tote</h1><section id="main-product">${inner}</section><footer>Shop footer</footer>`;

/** The tote's section (`inner`) on a page of its own at `path`, painted, then `swap`ped: the frames. */
async function swapSeen(path: string, swap: string, inner = hosts("tote-organic", "101")) {
  const shop = await openPage(plaudit, path, sectionOf(inner), 720);
  await painted(shop.page);
  return { shop, frames: await framesOf(shop.page, swap) };
}

describe.concurrent("a storefront swapping its widgets' hosts for new ones", SIDE_BY_SIDE, () => {
  it("shows the widgets in every frame when a variant picker re-renders the section with the variant's id on the hosts", async ({
    expect,
  }) => {
    const { shop, frames } = await swapSeen(
      "/products/tote-variants",
      `section.innerHTML = html.replaceAll('data-variant-id="101"', 'data-variant-id="102"');`,
    );
    expect(frames.before).toMatch(/^badge shown, /);
    expect(frames.after).toEqual(frames.after.map(() => frames.before));
    expect(frames.scrolled[1]).toBe(frames.scrolled[0]);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("shows the widgets from the first frame the new hosts are in when the old ones went a round trip earlier (remove, fetch, insert)", async ({
    expect,
  }) => {
    const { shop, frames } = await swapSeen(
      "/products/tote-later",
      `section.replaceChildren();
      await fetched();
      section.innerHTML = html;`,
    );
    expect(frames.before).toMatch(/^badge shown, /);
    expect(frames.after).toEqual(frames.after.map(() => frames.before));
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("shows the widgets in every frame through a framework's own swaps: a container re-keyed, a v-if off then on, the same element put back", async ({
    expect,
  }) => {
    const shop = await openPage(
      plaudit,
      "/products/tote-frameworks",
      sectionOf(hosts("tote-organic", "101")),
      720,
    );
    const { page } = shop;
    await painted(page);
    // The framework's elements, made from its own template: no state script of ours in them.
    const made = `const make = (node) => {
        if (node.nodeType !== 1) return document.createTextNode(node.textContent);
        const el = document.createElement(node.tagName);
        for (const { name, value } of node.attributes) el.setAttribute(name, value);
        for (const child of node.childNodes) if (child.nodeName !== "SCRIPT") el.append(make(child));
        return el;
      };
      const made = [...section.childNodes].map(make);`;
    const swaps = {
      // React: a new key on the section's content, the old subtree unmounted and a new one made, in one commit.
      rekeyed: `${made}
        section.replaceChildren(...made);`,
      // Vue: v-if false (the hosts removed), v-if true a frame later (new hosts).
      vIf: `${made}
        section.replaceChildren();
        await new Promise(requestAnimationFrame);
        section.append(...made);`,
      // Kept alive (Vue's <KeepAlive>, a tab panel detached): the same elements taken out and put back.
      keptAlive: `const kept = [...section.childNodes];
        section.replaceChildren();
        await fetched();
        section.append(...kept);`,
    };
    const seen: Record<string, string[]> = {};
    for (const [name, swap] of Object.entries(swaps)) {
      await painted(page);
      const frames = await framesOf(page, swap);
      expect(frames.before).toMatch(/^badge shown, /);
      seen[name] = frames.after.filter((frame) => frame !== frames.before);
    }
    expect(seen).toEqual({ rekeyed: [], vIf: [], keptAlive: [] });
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("keeps the keyboard on the same control of a widget whose section is re-rendered while the shopper is in it", async ({
    expect,
  }) => {
    const shop = await openPage(
      plaudit,
      "/products/tote-focus",
      sectionOf(hosts("tote-organic", "101")),
      720,
    );
    const { page } = shop;
    await painted(page);
    /** The host the keyboard is in and the control it is on. */
    const focused = () =>
      page.evaluate(() => {
        const host = document.activeElement;
        const inner = host?.shadowRoot?.activeElement;
        return `${host?.getAttribute("data-plaudit") ?? host?.tagName}: ${inner?.textContent?.trim() ?? ""}`;
      });
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("stars: (35)");
    await reRender(page, "102");
    expect(await focused()).toBe("stars: (35)");
    for (let presses = 0; (await focused()) !== "reviews: Write a review"; presses++) {
      if (presses > 30) throw new Error("Tab never reached Write a review");
      await page.keyboard.press("Tab");
    }
    // Its code comes with the focus; then the section is re-rendered.
    await page.waitForFunction(() => performance.getEntriesByName("plaudit:reviews:chunk-loaded").length > 0);
    await reRender(page, "103");
    expect(await focused()).toBe("reviews: Write a review");
    await page.keyboard.press("Enter");
    await page.locator("#reviews").getByRole("dialog").getByRole("radio", { name: "5 stars" }).waitFor();
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("keeps the keyboard on the vote button it was on, not on the first of the identical ones in other cards", async ({
    expect,
  }) => {
    const shop = await openPage(
      plaudit,
      "/products/tote-votes",
      sectionOf(hosts("tote-organic", "101")),
      720,
    );
    const { page } = shop;
    await painted(page);
    /** The focused control: which of the buttons that read the same, its words and its card's title. */
    const focusedVote = () =>
      page.evaluate(() => {
        const root = document.getElementById("reviews")!.shadowRoot!;
        const active = root.activeElement;
        const same = [...root.querySelectorAll("button")].filter(
          (button) => button.textContent === active?.textContent,
        );
        const card = active?.closest("article")?.querySelector("h3, h4, [id$='-title']")?.textContent;
        return `the ${same.indexOf(active as HTMLButtonElement) + 1}. "${active?.textContent}", in "${card}"`;
      });
    // The second of the buttons whose words are the same as another card's ("Yes, helpful 0").
    const chosen = await page.evaluate(() => {
      const root = document.getElementById("reviews")!.shadowRoot!;
      const votes = [...root.querySelectorAll<HTMLButtonElement>(".plaudit-votes button")];
      const twin = votes.find((vote, i) =>
        votes.slice(0, i).some((other) => other.textContent === vote.textContent),
      )!;
      twin.focus();
      return twin.textContent;
    });
    const before = await focusedVote();
    expect(before).toMatch(new RegExp(`^the [2-9]\\d*\\. "${chosen}", in "[^"]+"$`));
    // Painted (the code on its way: the focus asked for it), then live.
    await reRender(page, "102");
    expect(await focusedVote()).toBe(before);
    await page.waitForFunction(() => performance.getEntriesByName("plaudit:reviews:chunk-loaded").length > 0);
    await reRender(page, "103");
    await page.waitForFunction(() => {
      const root = document.getElementById("reviews")!.shadowRoot!;
      return root.activeElement !== null;
    });
    expect(await focusedVote()).toBe(before);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("shows the shopper's own vote in every frame of a re-render, not the count the widget was first painted with", async ({
    expect,
  }) => {
    const shop = await openPage(plaudit, "/products/tee-voted", sectionOf(hosts("tee-classic", "201")), 720);
    const { page } = shop;
    await painted(page);
    /** The first card's "Yes, helpful": its count and whether it is pressed. */
    const firstVote = () => {
      const button = document
        .getElementById("reviews")
        ?.shadowRoot?.querySelector<HTMLButtonElement>(".plaudit-votes button");
      return `${button?.textContent} pressed ${button?.getAttribute("aria-pressed")}`;
    };
    const before = await page.evaluate(firstVote);
    const vote = page.locator("#reviews .plaudit-votes button").first();
    await vote.click();
    await page.waitForFunction(() =>
      document
        .getElementById("reviews")
        ?.shadowRoot?.querySelector(".plaudit-votes button")
        ?.getAttribute("aria-pressed")
        ?.startsWith("true"),
    );
    const voted = await page.evaluate(firstVote);
    expect(voted).not.toBe(before);
    expect(voted).toMatch(/pressed true$/);
    const frames = await page.evaluate(async (firstVote) => {
      const read = new Function(`return (${firstVote})()`) as () => string;
      const section = document.getElementById("main-product")!;
      section.innerHTML = section.innerHTML.replace(/data-variant-id="\d+"/g, 'data-variant-id="202"');
      // Right after the loader's observer ran: what the next frame shows on a phone whose widget
      // code takes longer than a frame to mount again (here it is quick enough to hide it).
      await Promise.resolve();
      const seen = [read()];
      while (seen.length < 13) {
        await new Promise(requestAnimationFrame);
        seen.push(read());
      }
      return seen;
    }, firstVote.toString());
    expect(frames).toEqual(frames.map(() => voted));
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("shows server-rendered widgets in every frame when the section's server HTML comes again through innerHTML", async ({
    expect,
  }) => {
    const snippet = await (
      await fetch(`${plaudit.baseUrl}/v1/stores/demo/products/tote-organic/snippet?locale=en`)
    ).text();
    const badges = (await (
      await fetch(`${plaudit.baseUrl}/v1/stores/demo/badges?products=tote-organic&locale=en`)
    ).json()) as { css: string; items: Array<{ html: string }> };
    const badge = `<div data-plaudit="stars" data-product-id="tote-organic"><template shadowrootmode="open"><style>${badges.css}</style>${badges.items[0]!.html}</template></div>`;
    const server = `${badge}${snippet.replace('data-plaudit="reviews"', 'id="reviews" data-plaudit="reviews"')}`;
    const { shop, frames } = await swapSeen(
      "/products/tote-ssr",
      `section.innerHTML = ${JSON.stringify(server)};`,
      server,
    );
    expect(frames.before).toMatch(/^badge shown, /);
    expect(frames.after).toEqual(frames.after.map(() => frames.before));
    expect(frames.scrolled[1]).toBe(frames.scrolled[0]);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });
});
