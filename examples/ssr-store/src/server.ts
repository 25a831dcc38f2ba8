// A small storefront whose product pages carry Plaudit's reviews in the first HTML
// (renderReviews from @plaudit/reviews/server), hydrated in the browser by plaudit.js.
//
//   npm start                          # the Plaudit server, http://localhost:8787
//   npm run build -w examples/ssr-store && npm start -w examples/ssr-store
//                                      # this shop (compiled to dist/), http://localhost:8788
//
// PLAUDIT_API (default http://localhost:8787), PLAUDIT_STORE (default demo), PORT (default 8788).
//
// Its pages carry a strict Content-Security-Policy, as a careful shop's do: no inline script or
// style but what carries the response's nonce — which renderReviews puts on the widgets' inline
// <style> (docs/ssr.md, "Styles and CSP"). Nothing else on the page is inline.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { renderReviews } from "@plaudit/reviews/server";
import { PRODUCTS } from "./catalog.ts";
import { indexPage, productPage, SHOP_CSS } from "./page.ts";

const PLAUDIT_API = (process.env.PLAUDIT_API ?? "http://localhost:8787").replace(/\/+$/, "");
const STORE = process.env.PLAUDIT_STORE ?? "demo";
const PORT = Number(process.env.PORT ?? 8788);
// plaudit.js and its chunks load straight from the Plaudit server (it sends CORS headers for them).
const PLAUDIT = { api: PLAUDIT_API, store: STORE };

function send(res: ServerResponse, status: number, type: string, body: string, nonce?: string) {
  res.writeHead(status, {
    "Content-Type": type,
    "Cache-Control": "no-store",
    ...(nonce ? { "Content-Security-Policy": contentSecurityPolicy(nonce) } : {}),
  });
  res.end(body);
}

/**
 * The pages' policy: scripts from here and from Plaudit (plaudit.js and its chunks), its API for
 * reads and writes, its photos and videos, and styles from here or carrying this response's nonce.
 */
function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${PLAUDIT_API}`,
    `connect-src 'self' ${PLAUDIT_API}`,
    `img-src 'self' ${PLAUDIT_API} data: blob:`,
    `media-src 'self' ${PLAUDIT_API} blob:`,
    `style-src 'self' 'nonce-${nonce}'`,
    "object-src 'none'",
    "base-uri 'none'",
  ].join("; ");
}

/** The product id in a path segment; undefined when its percent-encoding is broken (`%E0%A4%A`): a 404, not a 500. */
function productIdOf(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? "/", "http://shop.local");
  const path = url.pathname;
  // A new one for every response (CSP: a nonce is never reused).
  const nonce = randomBytes(16).toString("base64");
  if (path === "/") return send(res, 200, "text/html; charset=utf-8", indexPage(PLAUDIT), nonce);
  if (path === "/shop.css") return send(res, 200, "text/css; charset=utf-8", SHOP_CSS);

  const match = /^\/products\/([^/]+)$/.exec(path);
  const product = match && PRODUCTS.find((p) => p.id === productIdOf(match[1]!));
  if (!product) return send(res, 404, "text/plain; charset=utf-8", "Not found");

  const origin = `http://${req.headers.host ?? `localhost:${PORT}`}`;
  const reviews = await renderReviews({
    store: STORE,
    api: PLAUDIT_API,
    product: {
      id: product.id,
      name: product.name,
      description: product.description,
      url: `${origin}${path}`,
      image: `${origin}/images/${product.id}.jpg`,
      sku: product.id,
      brand: "Fern & Field",
      offers: {
        price: (product.price / 100).toFixed(2),
        priceCurrency: "USD",
        availability: "https://schema.org/InStock",
        url: `${origin}${path}`,
      },
    },
    // The shop's own request budget: a slow Plaudit must not hold the page.
    client: { timeoutMs: 2000, retries: 0 },
    // This response's CSP nonce, on the widgets' inline <style>: styled from the first frame.
    nonce,
  });
  // Plaudit unreachable: the page still renders; plaudit.js loads the reviews in the browser.
  if (reviews.error) console.warn("[ssr-store] reviews rendered in the browser:", String(reviews.error));
  send(res, 200, "text/html; charset=utf-8", productPage(product, reviews, PLAUDIT), nonce);
}

const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    console.error("[ssr-store]", error);
    if (!res.headersSent) send(res, 500, "text/plain; charset=utf-8", "Something went wrong");
  });
});
server.listen(PORT, process.env.HOST ?? "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : PORT;
  console.log(`ssr-store listening on http://localhost:${port} (Plaudit at ${PLAUDIT_API})`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => server.close(() => process.exit(0)));
