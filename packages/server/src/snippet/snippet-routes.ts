// Server-rendered reviews for themes that cannot run Node (Liquid, PHP, Django templates): one
// include puts the reviews, the star badge's data and the Product JSON-LD in the first HTML, and
// plaudit.js hydrates them. Also serves the widgets' CSS as a file for `styles=link`. docs/ssr.md.

import { SnippetQuery } from "@plaudit/contract";
import { renderReviews, widgetCss, widgetCssFile, widgetStyleHashes } from "@plaudit/reviews/server";
import type { Context } from "hono";
import type { RouteModule } from "../context.ts";
import { publicRead, textBody } from "../http/cache.ts";
import { publicOriginOf } from "../http/public-origin.ts";
import { describeRoute } from "../openapi/describe-route.ts";
import { productParam } from "../routes/product-param.ts";
import { createRenderedCache } from "./rendered-cache.ts";
import { snippetData } from "./snippet-data.ts";
import { parseSnippetQuery } from "./snippet-query.ts";

const css = (c: Context, cacheControl: string) =>
  c.body(widgetCss, 200, {
    "Content-Type": "text/css; charset=utf-8",
    "Cache-Control": cacheControl,
    "Access-Control-Allow-Origin": "*",
    "X-Content-Type-Options": "nosniff",
  });

export const snippetRoutes: RouteModule = {
  name: "snippet",
  register(app, ctx) {
    const rendered = createRenderedCache();
    app.get(
      "/v1/stores/:store/products/:product/snippet",
      describeRoute({
        summary:
          "Server-rendered reviews (or star badge) as an HTML fragment with the Product JSON-LD and the state plaudit.js hydrates from (docs/ssr.md)",
        query: SnippetQuery,
        responses: { 200: { description: "An HTML fragment", contentType: "text/html" } },
        errors: [404, 422],
        cacheable: true,
        examples: [
          {
            summary: "reviews in German with the product's price",
            params: { store: "demo", product: "tee-classic" },
            query: { locale: "de", name: "Classic tee", price: "29.00", currency: "EUR" },
            status: 200,
          },
          {
            summary: "an unknown theme",
            params: { store: "demo", product: "tee-classic" },
            query: { theme: "neon" },
            status: 422,
          },
        ],
      }),
      async (c) => {
        const productId = productParam(c);
        const query = parseSnippetQuery(c);
        const store = c.get("store");
        const origin = publicOriginOf(c, ctx);
        const data = await snippetData(ctx, store.id, productId, query.pageSize, origin);
        // The nonce is per page view: it stays out of the key, the ETag and the rendered cache.
        const { nonce, ...rendering } = query;
        const etag = rendered.etag([store.id, productId, origin, rendering, data]);
        const styleSrc: Record<string, string> =
          query.styles === "inline" ? { "Plaudit-Style-Src": `'${widgetStyleHashes[query.widget]}'` } : {};
        // A shared cache must never hand one page's nonce to another.
        const read = nonce
          ? { headers: { "Cache-Control": "no-store", ...styleSrc }, unchanged: false }
          : publicRead(c, etag, styleSrc);
        const { headers } = read;
        if (read.unchanged) return c.body(null, 304, headers);
        let html = rendered.get(etag);
        if (html === undefined) {
          const result = await renderReviews({
            store: store.id,
            product: { id: productId, ...query.facts },
            data,
            locale: query.locale,
            theme: query.theme,
            shadow: query.shadow,
            styles: query.styles,
            pageSize: query.pageSize,
            // No data-api: the page's plaudit.js script tag names the server (this fragment may
            // have been fetched from an internal address).
            stylesheet: query.stylesheet ?? `${origin}/${widgetCssFile}`,
          });
          html = query.widget === "stars" ? `${result.stars}\n` : `${result.html}\n${result.jsonLd}\n`;
          rendered.set(etag, html);
        }
        // Our <style> tags are the only ones in the HTML: every user text in it is escaped.
        if (nonce) html = html.replaceAll("<style>", `<style nonce="${nonce}">`);
        return textBody(c, html, 200, { ...headers, "Content-Type": "text/html; charset=utf-8" });
      },
    );

    // The content-hashed name changes with the CSS: cache it forever. /plaudit.css is its alias.
    app.get(`/${widgetCssFile}`, (c) => css(c, "public, max-age=31536000, immutable"));
    app.get("/plaudit.css", (c) => css(c, "public, max-age=300"));
  },
};
