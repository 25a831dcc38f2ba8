// The demo's collection page as a shop's server renders it (docs/ssr.md, "Star badges with no
// script"): collection.html with every star badge put into the first HTML from one read of the
// badges route, as a Liquid or PHP theme does with the route's answer — each badge's markup in a
// declarative shadow root with the route's stylesheet, its link pointing at the product's reviews.
// plaudit.js finds them painted and loads nothing for them (a badge is a link). bench/ measures
// it beside collection.html, whose badges plaudit.js paints.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { RouteModule } from "@plaudit/server/internals";

export const RENDERED_COLLECTION_PATH = "/demo/collection-rendered.html";

const HOST = /<div data-plaudit="stars" data-product-id="([^"]+)"><\/div>/g;

interface BadgesAnswer {
  css: string;
  items: Array<{ productId: string; html: string }>;
}

export function renderedCollection(dir: string): RouteModule {
  return {
    name: "demo-rendered-collection",
    register(app) {
      app.get(RENDERED_COLLECTION_PATH, async (c) => {
        const page = await readFile(join(dir, "collection.html"), "utf8").catch(() => undefined);
        // A demo folder without the page (PLAUDIT_DEMO_DIR elsewhere): as any missing page.
        if (page === undefined) return c.notFound();
        const ids = [...page.matchAll(HOST)].map((match) => match[1]!);
        // The shop's server asks the API, as any theme would (here in process, no socket).
        const answer = await app.request(
          `/v1/stores/demo/badges?products=${ids.map(encodeURIComponent).join(",")}&locale=en&theme=auto`,
        );
        if (!answer.ok) return c.html(page);
        const { css, items } = (await answer.json()) as BadgesAnswer;
        const badges = new Map(items.map((item) => [item.productId, item.html]));
        // Product ids are the page's own (plain slugs); the badge markup is the server renderer's,
        // every text in it escaped.
        const html = page.replace(HOST, (host, id: string) => {
          const badge = badges.get(id);
          if (!badge) return host;
          const linked = badge.replace('href="#plaudit-reviews"', `href="${id}.html#reviews"`);
          return `<div data-plaudit="stars" data-product-id="${id}"><template shadowrootmode="open"><style>${css}</style>${linked}</template></div>`;
        });
        return c.html(html, 200, { "Cache-Control": "no-store" });
      });
    },
  };
}
