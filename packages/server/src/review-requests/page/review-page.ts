import { LIMITS } from "@plaudit/contract";
import { html, httpUrlOrNull, type SafeHtml } from "../../html/safe-html.ts";
import type { RequestMessages } from "../messages.ts";
import type { RequestProduct } from "../request-view.ts";

export interface ProductFormState {
  product: RequestProduct;
  reviewed: boolean;
  mediaCount: number;
  /** Preselected rating (the star clicked in the email), or the one just submitted. */
  rating?: number;
  /** What the shopper typed, back after a refused submission. */
  values?: { title: string; body: string; name: string };
  errors?: Record<string, string>;
}

export interface ReviewPageInput {
  t: RequestMessages;
  storeName: string;
  token: string;
  /** Where the hosted pages' URLs start (page-shell.ts, hostedUrl): "" or PLAUDIT_PUBLIC_URL. */
  root: string;
  customerName: string | null;
  /** The clicked product first, then the order's others. */
  products: ProductFormState[];
  /** The request photo bonus, when the store runs loyalty and offers one (the same for every rating). */
  photoBonus?: { points: number; pointsName: string };
}

/**
 * A field's maxlength for a limit in characters. Browsers count maxlength in UTF-16 units, the API
 * in code points: an emoji is two units, and the limit itself cut a review of emoji (or of
 * 👍🏽-style text) short without a word. Twice the limit never cuts a text the API takes, and
 * still bounds a paste; the server says when a text is too long.
 */
const maxUnits = (characters: number) => characters * 2;

function fieldError(id: string, message: string | undefined): SafeHtml | "" {
  return message ? html`<p class="error" id="${id}">${message}</p>` : "";
}

function ratingField(t: RequestMessages, index: number, state: ProductFormState): SafeHtml {
  const error = state.errors?.rating;
  const options = [5, 4, 3, 2, 1].map((n) => {
    const id = `r${index}-${n}`;
    return html`<label for="${id}"><input type="radio" id="${id}" name="rating" value="${n}" required${
      state.rating === n ? html` checked` : ""
    }><span class="stars" aria-hidden="true">${"★".repeat(n)}${"☆".repeat(5 - n)}</span> ${t.stars(n)}</label>`;
  });
  return html`<fieldset${error ? html` aria-describedby="e${index}-rating"` : ""}><legend>${t.yourRating}</legend>
<div class="ratings">${options}</div>${fieldError(`e${index}-rating`, error)}</fieldset>`;
}

function productSection(input: ReviewPageInput, state: ProductFormState, index: number): SafeHtml {
  const { t, token, root } = input;
  const { product } = state;
  const imageUrl = httpUrlOrNull(product.imageUrl);
  const image = imageUrl ? html`<img src="${imageUrl}" alt="" width="64" height="64">` : "";
  const head = html`<div class="product-head">${image}<h2 id="h${index}">${product.name}</h2></div>`;
  if (state.reviewed) {
    return html`<section class="product" aria-labelledby="h${index}">${head}<p class="note">${t.alreadyReviewed}</p></section>`;
  }
  const productQuery = `product=${encodeURIComponent(product.productId)}${state.rating ? `&rating=${state.rating}` : ""}`;
  const errors = state.errors ?? {};
  const values = state.values ?? { title: "", body: "", name: input.customerName ?? "" };
  const invalid = (field: string) =>
    errors[field] ? html` aria-invalid="true" aria-describedby="e${index}-${field}"` : "";
  const fileHints = `fh${index}${input.photoBonus ? ` fb${index}` : ""}${errors.file ? ` e${index}-file` : ""}`;
  // One form: what was typed travels with the photo (its own upload answers with the page and the
  // text as typed), and a photo chosen before submitting goes with the review. The text fields come
  // before the file in the body, so they are read even when the file is refused. "Submit review" is
  // the first button: Enter in a field submits the review, not an upload.
  return html`<section class="product" aria-labelledby="h${index}">${head}
<form method="post" enctype="multipart/form-data" action="${root}/r/${token}/reviews">
<input type="hidden" name="product" value="${product.productId}">
${Object.keys(errors).length > 0 ? html`<p class="error" role="alert">${t.fixErrors}</p>` : ""}
${ratingField(t, index, state)}
<label for="t${index}">${t.reviewTitle}</label>
<input type="text" id="t${index}" name="title" maxlength="${maxUnits(LIMITS.titleMax)}" value="${values.title}"${invalid("title")}>
${fieldError(`e${index}-title`, errors.title)}
<label for="b${index}">${t.reviewBody}</label>
<textarea id="b${index}" name="body" required maxlength="${maxUnits(LIMITS.bodyMax)}" rows="6"${invalid("body")}>${values.body}</textarea>
${fieldError(`e${index}-body`, errors.body)}
<label for="n${index}">${t.yourName}</label>
<input type="text" id="n${index}" name="name" required maxlength="${maxUnits(LIMITS.authorNameMax)}" autocomplete="name" value="${values.name}"${invalid("name")}>
${fieldError(`e${index}-name`, errors.name)}
<div class="photo">
<label for="f${index}">${t.addPhoto}</label>
<p class="hint" id="fh${index}">${t.addPhotoHint}</p>
${input.photoBonus ? html`<p class="hint" id="fb${index}">${t.photoBonus(input.photoBonus.points, input.photoBonus.pointsName)}</p>` : ""}
<input type="file" id="f${index}" name="file" accept="image/jpeg,image/png,image/webp,image/avif,image/heic,video/mp4,video/webm,video/quicktime" aria-describedby="${fileHints}"${errors.file ? html` aria-invalid="true"` : ""}>
${fieldError(`e${index}-file`, errors.file)}
${state.mediaCount > 0 ? html`<p class="note" role="status">${t.photosAttached(state.mediaCount)}</p>` : ""}
</div>
<div class="actions"><button class="plaudit-button plaudit-button--primary" type="submit">${t.submit}</button>
<button class="plaudit-button" type="submit" formaction="${root}/r/${token}/media?${productQuery}" formnovalidate>${t.upload}</button></div>
</form></section>`;
}

/** The hosted review page: the clicked product first (its star preselected), then the others. */
export function reviewPageBody(input: ReviewPageInput): SafeHtml {
  const { t } = input;
  const [first, ...others] = input.products;
  return html`<header><p class="store">${input.storeName}</p><h1>${t.pageTitle(input.storeName)}</h1>
<p class="muted">${t.pageIntro}</p></header>
${first ? productSection(input, first, 0) : ""}
${others.length > 0 ? html`<h2 class="muted others">${t.otherProducts}</h2>` : ""}
${others.map((state, i) => productSection(input, state, i + 1))}`;
}

/** A page with a heading and a sentence (thanks, expired, invalid, unsubscribe…), and maybe a form. */
export function messageBody(args: {
  storeName?: string;
  title: string;
  lines: string[];
  extra?: SafeHtml;
}): SafeHtml {
  return html`${args.storeName ? html`<p class="store">${args.storeName}</p>` : ""}<h1>${args.title}</h1>
${args.lines.map((line) => html`<p>${line}</p>`)}${args.extra ?? ""}`;
}
