import { html, type SafeHtml, trusted } from "../html/safe-html.ts";
import type { OutgoingMail } from "../mail/mailer.ts";
import { messagesFor, type RequestLocale } from "./messages.ts";

export interface EmailProduct {
  productId: string;
  name: string;
  imageUrl: string | null;
}

export interface RequestEmailInput {
  to: string;
  from: { name: string; address: string };
  storeName: string;
  customerName: string | null;
  locale: RequestLocale;
  products: EmailProduct[];
  /** The hosted page for one product, with a rating preselected when given. */
  pageUrl: (productId: string, rating?: number) => string;
  unsubscribeUrl: string;
  messageId: string;
  reminder: boolean;
}

// Colors chosen to read in light mode and, where a client honours prefers-color-scheme, in dark
// mode; clients that invert colors themselves get a page with no background images or text in
// pictures, so inversion cannot hide anything. Stars are text (★), so they show with images off.
const STYLE = trusted(`
body{margin:0;padding:0;background:#f6f8fa}
a{color:#0a58ca}
.star{color:#b45309;text-decoration:none;font-size:28px;line-height:1;padding:0 2px}
@media (prefers-color-scheme:dark){
body,.page{background:#0d1117 !important}
.card{background:#161b22 !important;color:#e6edf3 !important}
.muted{color:#9198a1 !important}
a{color:#4493f8 !important}
.star{color:#e3b341 !important}
.button{background:#4493f8 !important;color:#0d1117 !important}
}
@media (max-width:480px){.card-cell{padding:16px !important}.star{font-size:32px !important;padding:0 4px !important}}
`);

const FONT = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

function productBlock(input: RequestEmailInput, product: EmailProduct, align: "left" | "right"): SafeHtml {
  const t = messagesFor(input.locale);
  const image = product.imageUrl
    ? html`<td width="72" valign="top" style="padding-${align === "left" ? "right" : "left"}:12px"><img src="${product.imageUrl}" width="72" height="72" alt="${product.name}" style="display:block;border-radius:6px;object-fit:cover;border:0"></td>`
    : "";
  const stars = [1, 2, 3, 4, 5].map(
    (n) =>
      html`<a class="star" href="${input.pageUrl(product.productId, n)}" title="${t.stars(n)}" aria-label="${t.stars(n)}">&#9733;</a>`,
  );
  return html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="margin:16px 0;border-top:1px solid #d0d7de"><tr>${image}<td valign="top" style="padding-top:12px;text-align:${align}">
<p style="margin:0 0 6px;font-weight:700">${product.name}</p>
<p style="margin:0 0 8px"><span class="muted" style="color:#57606a">${t.rateIt}</span> <span style="white-space:nowrap">${stars}</span></p>
<p style="margin:0"><a href="${input.pageUrl(product.productId)}">${t.writeReview}</a></p>
</td></tr></table>`;
}

/** The review request (or its reminder): one clear action per product, HTML plus a text part. */
export function requestEmail(input: RequestEmailInput): OutgoingMail {
  const t = messagesFor(input.locale);
  const one = input.products.length === 1 ? input.products[0] : undefined;
  const subject = input.reminder
    ? one
      ? t.reminderSubjectOne(one.name)
      : t.reminderSubjectMany(input.storeName)
    : one
      ? t.subjectOne(one.name)
      : t.subjectMany(input.storeName);
  const intro = input.reminder ? t.reminderIntro(input.storeName) : t.intro(input.storeName);
  const align = t.dir === "rtl" ? "right" : "left";
  const first = input.products[0];

  const body = html`<!doctype html>
<html lang="${input.locale}" dir="${t.dir}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark">
<title>${subject}</title><style>${STYLE}</style></head>
<body style="margin:0;padding:0;background:#f6f8fa">
<div style="display:none;max-height:0;overflow:hidden">${intro}</div>
<table role="presentation" class="page" width="100%" cellpadding="0" cellspacing="0" style="background:#f6f8fa"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" class="card" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;color:#1f2328;border-radius:8px">
<tr><td class="card-cell" dir="${t.dir}" style="padding:28px;${FONT};font-size:16px;line-height:1.5;text-align:${align}">
<p style="margin:0 0 20px;font-size:20px;font-weight:700">${input.storeName}</p>
<p style="margin:0 0 12px">${t.greeting(input.customerName)}</p>
<p style="margin:0 0 8px">${intro}</p>
${input.products.map((product) => productBlock(input, product, align))}
${
  first
    ? html`<p style="margin:24px 0"><a class="button" href="${input.pageUrl(first.productId)}" style="display:inline-block;background:#0a58ca;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:700">${t.writeReview}</a></p>`
    : ""
}
<p class="muted" style="margin:24px 0 0;font-size:13px;color:#57606a">${t.whyThisEmail(input.storeName)} <a href="${input.unsubscribeUrl}">${t.unsubscribe}</a></p>
</td></tr></table></td></tr></table></body></html>`;

  const text = [
    t.greeting(input.customerName),
    "",
    intro,
    "",
    ...input.products.flatMap((product) => [
      `${product.name}`,
      `${t.writeReview}: ${input.pageUrl(product.productId)}`,
      "",
    ]),
    "--",
    t.whyThisEmail(input.storeName),
    `${t.unsubscribe}: ${input.unsubscribeUrl}`,
    "",
  ].join("\n");

  return {
    from: input.from,
    to: input.to,
    subject,
    text,
    html: body.value,
    messageId: input.messageId,
    unsubscribeUrl: input.unsubscribeUrl,
    language: input.locale,
  };
}
