// A collection page's star badges in one read (issue #20): every product's summary and the badge's
// server-rendered markup, plus the badge stylesheet once. The loader paints the badges' shadow
// roots from it before any widget code runs. An addition to API.md's "Additions (wave 2)";
// docs/ssr.md "Star badges for many products".

import { BadgesQuery, BadgesResponse, LIMITS } from "@plaudit/contract";
import { DEFAULT_REVIEWS_ID, starsBadgeHtml, starsWidgetCss } from "@plaudit/reviews/server";
import type { RouteModule } from "../context.ts";
import { cacheableJson } from "../http/cache.ts";
import { describeRoute } from "../openapi/describe-route.ts";
import { getSummaries } from "../reviews/summary-repo.ts";
import { parseQuery } from "../validation.ts";

/** The link every badge is rendered with; the page puts each host's own in its place. */
const BADGE_HREF = `#${DEFAULT_REVIEWS_ID}`;

export const badgeRoutes: RouteModule = {
  name: "badges",
  register(app, ctx) {
    app.get(
      "/v1/stores/:store/badges",
      describeRoute({
        summary: `Server-rendered star badges of 1–${LIMITS.summariesMax} products, in the order asked, with their summaries and the badge stylesheet`,
        description:
          "One read for a collection page's badges (docs/ssr.md). `products` as for /summaries (an unknown product gets a zero summary and the hidden empty badge); `locale` and `theme` as for the snippet route. Each `html` goes inside the badge's shadow root, with `css` in a style sheet; its link is `#plaudit-reviews`, which the page replaces per host.",
        query: BadgesQuery,
        responses: { 200: BadgesResponse },
        errors: [404, 422],
        cacheable: true,
        examples: [
          {
            summary: "a collection page's badges in German",
            params: { store: "demo" },
            query: { products: "tee-classic,mug-enamel", locale: "de" },
            status: 200,
          },
          {
            summary: "an unknown theme",
            params: { store: "demo" },
            query: { products: "tee-classic", theme: "neon" },
            status: 422,
          },
        ],
      }),
      async (c) => {
        const { products: ids, locale, theme } = parseQuery(c, BadgesQuery);
        const summaries = await getSummaries(ctx.db, c.get("store").id, ids);
        const body: BadgesResponse = {
          css: starsWidgetCss,
          items: summaries.map((summary) => ({
            productId: summary.productId,
            summary,
            html: starsBadgeHtml(summary, { locale, theme, href: BADGE_HREF }),
          })),
        };
        return cacheableJson(c, body);
      },
    );
  },
};
