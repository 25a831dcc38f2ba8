import { html, httpUrlOrNull, type SafeHtml, trusted } from "../html/safe-html.ts";
import { type OutgoingMail, oneLine } from "../mail/mailer.ts";
import { messagesFor, type RequestLocale } from "./messages.ts";

export interface EmailProduct {
  productId: string;
  name: string;
  imageUrl: string | null;
}

export interface RequestEmailInput {
  to: string;
  from: { name: string; address: string };
  replyTo?: string | null;
  storeName: string;
  customerName: string | null;
  locale: RequestLocale;
  products: EmailProduct[];
  /** The hosted page for one product, with a rating preselected when given. */
  pageUrl: (productId: string, rating?: number) => string;
  unsubscribeUrl: string;
  messageId: string;
  /** The reminder's: the first message's Message-ID, which it follows up (one thread). */
  inReplyTo?: string;
  reminder: boolean;
}

/**
 * At most this many products of an order get a block of their own (picture, stars, link); the
 * rest are one link away, on the hosted page, which lists the whole order. A long email is clipped
 * by Gmail at 102 KB — the unsubscribe link at its end with it — and read by nobody to the end.
 */
export const EMAIL_PRODUCTS_MAX = 10;
// And at most this many bytes of product blocks: the catalog takes 300-character names, 500-
// character picture URLs and 200-character ids (6 links a block), so ten blocks could pass the
// clip on their own. With the frame, the message as sent (encoded) stays under 102 KB.
const PRODUCT_BLOCKS_BYTES = 32 * 1024;

// Colors chosen to read in light mode and, where a client honours prefers-color-scheme, in dark
// mode; clients that invert colors themselves get a page with no background images or text in
// pictures, so inversion cannot hide anything. Stars are text (★), so they show with images off.
// What the email needs to read is inline (Gmail drops <style> in some views, Outlook's Word engine
// reads inline styles and attributes); the style element only adds dark mode and phone sizes.
const STYLE = trusted(`
body{margin:0;padding:0;background:#f6f8fa}
@media (prefers-color-scheme:dark){
body,.page{background:#0d1117 !important}
.card{background:#161b22 !important;color:#e6edf3 !important}
.muted{color:#9198a1 !important}
a{color:#4493f8 !important}
.star{color:#e3b341 !important}
.button-cell{background:#4493f8 !important}
.button{background:#4493f8 !important;color:#0d1117 !important}
}
@media (max-width:480px){.card-cell{padding:16px !important}.star{font-size:32px !important;padding:0 4px !important}}
`);

const FONT = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const LINK = "color:#0a58ca";
const STAR = "color:#b45309;text-decoration:none;font-size:28px;line-height:1;padding:0 2px";
const MUTED = "color:#57606a";

function productBlock(input: RequestEmailInput, product: EmailProduct, align: "left" | "right"): SafeHtml {
  const t = messagesFor(input.locale);
  const imageUrl = httpUrlOrNull(product.imageUrl);
  const image = imageUrl
    ? html`<td width="72" valign="top" style="padding-${align === "left" ? "right" : "left"}:12px"><img src="${imageUrl}" width="72" height="72" alt="${product.name}" style="display:block;border-radius:6px;object-fit:cover;border:0"></td>`
    : "";
  const stars = [1, 2, 3, 4, 5].map(
    (n) =>
      html`<a class="star" href="${input.pageUrl(product.productId, n)}" title="${t.stars(n)}" aria-label="${t.stars(n)}" style="${STAR}">&#9733;</a>`,
  );
  return html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="margin:16px 0;border-top:1px solid #d0d7de"><tr>${image}<td valign="top" style="padding-top:12px;text-align:${align}">
<p dir="auto" style="margin:0 0 6px;font-weight:700">${product.name}</p>
<p style="margin:0 0 8px"><span class="muted" style="${MUTED}">${t.rateIt}</span> <span style="white-space:nowrap">${stars}</span></p>
<p style="margin:0"><a href="${input.pageUrl(product.productId)}" style="${LINK}">${t.writeReview}</a></p>
</td></tr></table>`;
}

/** The products that get a block: the first always, then while under both limits. */
function productBlocks(input: RequestEmailInput, align: "left" | "right") {
  const blocks: SafeHtml[] = [];
  let bytes = 0;
  for (const product of input.products.slice(0, EMAIL_PRODUCTS_MAX)) {
    const block = productBlock(input, product, align);
    bytes += Buffer.byteLength(block.value);
    if (blocks.length > 0 && bytes > PRODUCT_BLOCKS_BYTES) break;
    blocks.push(block);
  }
  return { blocks, shown: input.products.slice(0, blocks.length), rest: input.products.slice(blocks.length) };
}

/** The review request (or its reminder): one clear action per product, HTML plus a text part. */
export function requestEmail(given: RequestEmailInput): OutgoingMail {
  // Names are shown on one line, in the subject and the text part as in the HTML.
  const input: RequestEmailInput = {
    ...given,
    storeName: oneLine(given.storeName),
    customerName: given.customerName === null ? null : oneLine(given.customerName) || null,
    products: given.products.map((product) => ({ ...product, name: oneLine(product.name) })),
  };
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
  const { blocks, shown, rest } = productBlocks(input, align);
  const restUrl = rest[0] ? input.pageUrl(rest[0].productId) : undefined;

  const body = html`<!doctype html>
<html lang="${input.locale}" dir="${t.dir}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark">
<title>${subject}</title><style>${STYLE}</style></head>
<body style="margin:0;padding:0;background:#f6f8fa">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;font-size:1px;line-height:1px;opacity:0">${intro}</div>
<table role="presentation" class="page" width="100%" cellpadding="0" cellspacing="0" style="background:#f6f8fa"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" class="card" width="560" cellpadding="0" cellspacing="0" style="width:100%;max-width:560px;background:#ffffff;color:#1f2328;border-radius:8px">
<tr><td class="card-cell" dir="${t.dir}" style="padding:28px;${FONT};font-size:16px;line-height:1.5;text-align:${align}">
<p style="margin:0 0 20px;font-size:20px;font-weight:700">${input.storeName}</p>
<p style="margin:0 0 12px">${t.greeting(input.customerName)}</p>
<p style="margin:0 0 8px">${intro}</p>
${blocks}
${restUrl ? html`<p style="margin:16px 0 0"><a href="${restUrl}" style="${LINK}">${t.moreProducts(rest.length)}</a></p>` : ""}
${
  first
    ? html`<table role="presentation" cellpadding="0" cellspacing="0" style="margin:24px 0"><tr><td class="button-cell" bgcolor="#0a58ca" style="background:#0a58ca;border-radius:6px"><a class="button" href="${input.pageUrl(first.productId)}" style="display:inline-block;background:#0a58ca;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:700">${t.writeReview}</a></td></tr></table>`
    : ""
}
<p class="muted" style="margin:24px 0 0;font-size:13px;${MUTED}">${t.whyThisEmail(input.storeName)} <a href="${input.unsubscribeUrl}" style="${LINK}">${t.unsubscribe}</a></p>
</td></tr></table></td></tr></table></body></html>`;

  // The same words and links as the HTML, every star included, for clients that show text only.
  const text = [
    t.greeting(input.customerName),
    "",
    intro,
    "",
    ...shown.flatMap((product) => [
      product.name,
      t.rateIt,
      ...[1, 2, 3, 4, 5].map((n) => `  ${t.stars(n)}: ${input.pageUrl(product.productId, n)}`),
      `${t.writeReview}: ${input.pageUrl(product.productId)}`,
      "",
    ]),
    ...(restUrl ? [`${t.moreProducts(rest.length)}: ${restUrl}`, ""] : []),
    "--",
    t.whyThisEmail(input.storeName),
    `${t.unsubscribe}: ${input.unsubscribeUrl}`,
    "",
  ].join("\n");

  return {
    from: input.from,
    replyTo: input.replyTo ?? null,
    to: input.to,
    subject,
    text,
    html: body.value,
    messageId: input.messageId,
    ...(input.inReplyTo ? { inReplyTo: input.inReplyTo } : {}),
    unsubscribeUrl: input.unsubscribeUrl,
    language: input.locale,
  };
}
