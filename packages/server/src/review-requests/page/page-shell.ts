import { randomBytes } from "node:crypto";
import { pageThemeCss } from "@plaudit/reviews/server";
import { html, type SafeHtml, trusted } from "../../html/safe-html.ts";
import type { RequestMessages } from "../messages.ts";
import type { RequestSettings } from "../settings.ts";
import { pageScheme, themeTokens } from "./page-colors.ts";

// The hosted pages' one layout: the widgets' theme tokens (so a store's --plaudit-* colors apply),
// a readable column, and forms that need no JavaScript. No script, no external file: one response.

const PAGE_CSS = trusted(`${pageThemeCss}
html{background:var(--p-bg)}
body{margin:0;background:var(--p-bg)}
.page{max-inline-size:40rem;margin:0 auto;padding:24px 16px 48px}
.store{font-weight:700;font-size:18px;margin:0 0 4px}
h1{font-size:24px;line-height:1.25;margin:0 0 8px}
h2{font-size:19px;line-height:1.3;margin:0}
p{margin:0 0 12px}
.muted{color:var(--p-muted)}
.product{border:1px solid var(--p-border);border-radius:var(--p-radius);padding:16px;margin:20px 0;background:var(--p-bg)}
.product-head{display:flex;gap:12px;align-items:center;margin-block-end:12px}
.product-head img{inline-size:64px;block-size:64px;object-fit:cover;border-radius:var(--p-radius);flex:none}
form{margin:12px 0 0}
label,legend{display:block;font-weight:600;margin:12px 0 4px}
input[type=text],textarea,input[type=file]{display:block;inline-size:100%;padding:8px;border:1px solid var(--p-border);border-radius:var(--p-radius);background:var(--p-bg);color:var(--p-text)}
textarea{min-block-size:7rem;resize:vertical}
fieldset{border:0;margin:0;padding:0}
.ratings{display:flex;flex-wrap:wrap;gap:6px}
.ratings label{display:inline-flex;align-items:center;gap:6px;margin:0;font-weight:400;padding:6px 10px;border:1px solid var(--p-border);border-radius:var(--p-radius);cursor:pointer}
.ratings .stars{color:var(--p-star);letter-spacing:1px}
.ratings input{accent-color:var(--p-accent)}
.photo{margin-block-start:16px;padding:12px;border:1px dashed var(--p-border);border-radius:var(--p-radius);background:var(--p-surface)}
.hint{font-size:13px;color:var(--p-muted);margin:4px 0 8px}
.error{color:var(--p-danger);font-weight:600;margin:4px 0 0}
.others{margin-block-start:32px}
.note{padding:10px 12px;border-radius:var(--p-radius);background:var(--p-surface)}
.actions{display:flex;flex-wrap:wrap;gap:8px;margin-block-start:16px}
.plaudit-button{min-block-size:44px;padding-inline:18px;font-size:16px}
`);

export interface PageShell {
  title: string;
  lang: string;
  t: RequestMessages;
  theme?: RequestSettings["theme"];
  body: SafeHtml;
}

/** A whole page and its Content-Security-Policy (the style element's nonce is in both). */
export function renderPage(page: PageShell): { html: string; csp: string } {
  const nonce = randomBytes(16).toString("base64");
  const tokens = themeTokens(page.theme);
  // The theme values were checked as #rrggbb when saved (settings.ts): nothing else can reach CSS.
  const themeRule = tokens ? trusted(`:root{${tokens}}`) : "";
  const document = html`<!doctype html>
<html lang="${page.lang}" dir="${page.t.dir}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${page.title}</title>
<style nonce="${nonce}">${PAGE_CSS}${themeRule}</style></head>
<body class="plaudit-root" data-theme="${pageScheme(page.theme)}"><main class="page">${page.body}</main></body></html>`;
  const csp = [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    "img-src 'self' https: data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join("; ");
  return { html: document.value, csp };
}

/**
 * A hosted page's URL for its forms, links and redirects: under PLAUDIT_PUBLIC_URL, its path
 * prefix included (a proxy may serve Plaudit at https://shop.example/reviews and strip /reviews
 * before passing requests on, so a root-relative /r/… would leave Plaudit); root-relative on the
 * request's own origin when it is unset.
 */
export const hostedUrl = (ctx: { publicUrl?: string | undefined }, path: string) =>
  `${ctx.publicUrl ?? ""}${path}`;
