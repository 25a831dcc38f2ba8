// A storefront page of the test's own HTML on the server's origin, with the reserved heights a
// theme gives the widgets' hosts (docs/embed.md): what the host-page tests open.
import type { Harness, ShopPage } from "./harness.ts";

const RESERVE = `<style>[data-plaudit="stars"]{display:block;min-height:20px}[data-plaudit="reviews"]{display:block;min-height:640px}</style>`;

/** Opens a page of `body` at `path` on the server's origin, by default tall enough that every widget is in view. */
export async function openPage(
  plaudit: Harness,
  path: string,
  body: string,
  height = 2400,
): Promise<ShopPage> {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">${RESERVE}<title>Shop</title><link rel="icon" href="data:,"></head>
<body>${body}<script src="/plaudit.js" data-store="demo" async></script></body></html>`;
  const shop = await plaudit.open("about:blank", { viewport: { width: 1280, height } });
  await shop.page.route(
    (url) => url.pathname === path,
    (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
  );
  await shop.page.goto(`${plaudit.baseUrl}${path}`);
  return shop;
}
