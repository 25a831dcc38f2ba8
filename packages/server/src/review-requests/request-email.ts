import { html, httpUrlOrNull, type SafeHtml } from "../html/safe-html.ts";
import { type OutgoingMail, oneLine } from "../mail/mailer.ts";
import { type EmailColors, emailColors } from "./email-colors.ts";
import { EMAIL_FONT, emailButton, emailDocument, linkStyle, mutedStyle, startSide } from "./email-frame.ts";
import { messagesFor, type RequestLocale } from "./messages.ts";
import type { RequestSettings } from "./settings.ts";

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
  /** The store's colors (settings.theme): its accent colors the button and links where it reads. */
  theme?: RequestSettings["theme"];
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

const STAR = "text-decoration:none;font-size:28px;line-height:1;padding:0 2px";

function productBlock(
  input: RequestEmailInput,
  product: EmailProduct,
  align: "left" | "right",
  colors: EmailColors,
): SafeHtml {
  const t = messagesFor(input.locale);
  const imageUrl = httpUrlOrNull(product.imageUrl);
  // With pictures blocked, the alt text (the product's name) shows in the picture's place.
  const image = imageUrl
    ? html`<td width="72" valign="top" style="padding-${align === "left" ? "right" : "left"}:12px;padding-top:12px"><img src="${imageUrl}" width="72" height="72" alt="${product.name}" style="display:block;width:72px;height:72px;border-radius:6px;object-fit:cover;border:0;${EMAIL_FONT};font-size:12px;${mutedStyle(colors)}"></td>`
    : "";
  const stars = [1, 2, 3, 4, 5].map(
    (n) =>
      html`<a class="star" href="${input.pageUrl(product.productId, n)}" title="${t.stars(n)}" aria-label="${t.stars(n)}" style="color:${colors.light.star};${STAR}">&#9733;</a>`,
  );
  // Word does not pass the card's font into a nested table: the cell names its own.
  return html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" class="rule" style="margin:16px 0;border-top:1px solid ${colors.light.border}"><tr>${image}<td class="text" valign="top" style="padding-top:12px;${EMAIL_FONT};font-size:16px;line-height:1.5;color:${colors.light.text};text-align:${align}">
<p dir="auto" style="margin:0 0 6px;font-weight:700">${product.name}</p>
<p style="margin:0 0 8px"><span class="muted" style="${mutedStyle(colors)}">${t.rateIt}</span> <span style="white-space:nowrap">${stars}</span></p>
<p style="margin:0"><a href="${input.pageUrl(product.productId)}" style="${linkStyle(colors)}">${t.writeReview}</a></p>
</td></tr></table>`;
}

/** The products that get a block: the first always, then while under both limits. */
function productBlocks(input: RequestEmailInput, align: "left" | "right", colors: EmailColors) {
  const blocks: SafeHtml[] = [];
  let bytes = 0;
  for (const product of input.products.slice(0, EMAIL_PRODUCTS_MAX)) {
    const block = productBlock(input, product, align, colors);
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
  const colors = emailColors(input.theme);
  const one = input.products.length === 1 ? input.products[0] : undefined;
  const subject = input.reminder
    ? one
      ? t.reminderSubjectOne(one.name)
      : t.reminderSubjectMany(input.storeName)
    : one
      ? t.subjectOne(one.name)
      : t.subjectMany(input.storeName);
  const intro = input.reminder ? t.reminderIntro(input.storeName) : t.intro(input.storeName);
  const align = startSide(t.dir);
  const first = input.products[0];
  const { blocks, shown, rest } = productBlocks(input, align, colors);
  const restUrl = rest[0] ? input.pageUrl(rest[0].productId) : undefined;

  const body = emailDocument({
    locale: input.locale,
    dir: t.dir,
    title: subject,
    preheader: intro,
    heading: input.storeName,
    colors,
    body: html`<p style="margin:0 0 12px">${t.greeting(input.customerName)}</p>
<p style="margin:0 0 8px">${intro}</p>
${blocks}
${restUrl ? html`<p style="margin:16px 0 0"><a href="${restUrl}" style="${linkStyle(colors)}">${t.moreProducts(rest.length)}</a></p>` : ""}
${first ? emailButton(input.pageUrl(first.productId), t.writeReview, colors) : ""}`,
    footer: html`${t.whyThisEmail(input.storeName)} <a href="${input.unsubscribeUrl}" style="${linkStyle(colors)}">${t.unsubscribe}</a>`,
  });

  // The same words and links as the HTML, every star included, for clients that show text only.
  const text = [
    input.storeName,
    "",
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
    html: body,
    messageId: input.messageId,
    ...(input.inReplyTo ? { inReplyTo: input.inReplyTo } : {}),
    unsubscribeUrl: input.unsubscribeUrl,
    unsubscribeMailto: input.replyTo || input.from.address,
    language: input.locale,
  };
}
