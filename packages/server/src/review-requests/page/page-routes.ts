import { LIMITS, MediaUpload, ReviewPageForm, ReviewPageQuery, ReviewSubmission } from "@plaudit/contract";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import * as v from "valibot";
import type { AppContext, RouteModule } from "../../context.ts";
import { ApiError } from "../../errors.ts";
import { acceptedLocale, localizeMessage } from "../../field-messages.ts";
import { html } from "../../html/safe-html.ts";
import { clientKey } from "../../http/client-ip.ts";
import { lingerAfterEarlyAnswer } from "../../http/lingering-close.ts";
import { publicOriginOf } from "../../http/public-origin.ts";
import { readBodyBytes } from "../../http/read-body.ts";
import { UPLOAD_RATE_RULE } from "../../media/media-limits.ts";
import { deleteUnattached } from "../../media/orphan-sweep.ts";
import { type ReceivedUpload, receiveUploadForm, uploadDigest } from "../../media/receive-upload.ts";
import { storeUpload } from "../../media/store-upload.ts";
import { describeRoute, type RouteSpec } from "../../openapi/describe-route.ts";
import { submitReview } from "../../reviews/review-submit.ts";
import { messagesFor, type RequestLocale, requestLocale } from "../messages.ts";
import { reviewerLocaleOf } from "../notify.ts";
import { photoBonusOffer } from "../photo-bonus.ts";
import type { RequestView } from "../request-view.ts";
import { type ResolvedLink, resolveLink } from "../resolve-link.ts";
import { loadSettings, stopNotices } from "../settings.ts";
import {
  type PageState,
  pageState,
  recordReviewThroughRequest,
  reviewedThrough,
  unsubscribe,
} from "./page-data.ts";
import { hostedUrl, renderPage } from "./page-shell.ts";
import { messageBody, type ProductFormState, reviewPageBody } from "./review-page.ts";
import { thanksBody } from "./thanks.ts";

const HEADERS = {
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
};
const FORM_BYTES = 64 * 1024;
const MEDIA_PER_REVIEW = LIMITS.mediaPerReview;
const MEDIA_CAP_TEXT = `at most ${MEDIA_PER_REVIEW} photos or videos per review`;
const CLOSE = { Connection: "close" };

/** A refused photo's message in the page's language. */
const fileMessage = (error: ApiError, locale: RequestLocale) =>
  localizeMessage(error.fields?.file ?? error.message, locale);

function send(c: Context, status: ContentfulStatusCode, page: Parameters<typeof renderPage>[0]) {
  const { html: body, csp } = renderPage(page);
  return c.html(body, status, { ...HEADERS, "Content-Security-Policy": csp });
}

/** A refusal as a page, in the shopper's language (or the browser's, when the token said nothing). */
function refusal(c: Context, reason: "invalid" | "expired" | "not-in-order", locale?: RequestLocale) {
  const lang = locale ?? acceptedLocale(c.req.header("accept-language"));
  const t = messagesFor(lang);
  const [title, line, status] =
    reason === "expired"
      ? [t.expiredTitle, t.expiredBody, 410 as const]
      : reason === "not-in-order"
        ? [t.notInOrderTitle, t.notInOrderBody, 404 as const]
        : [t.invalidTitle, t.invalidBody, 404 as const];
  return send(c, status, { title, lang, t, body: messageBody({ title, lines: [line] }) });
}

/** The refusal for a link that did not resolve: an expired one still speaks its request's language. */
function linkRefusal(c: Context, link: { reason: "invalid" | "expired"; locale?: string | null }) {
  return refusal(
    c,
    link.reason,
    link.reason === "expired" && link.locale ? requestLocale(link.locale) : undefined,
  );
}

const localeOf = (view: RequestView) => requestLocale(view.locale);

function ratingParam(text: string | undefined): number | undefined {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : undefined;
}

async function renderReviewPage(
  c: Context,
  ctx: AppContext,
  view: RequestView,
  token: string,
  focus: {
    productId?: string;
    rating?: number;
    values?: ProductFormState["values"];
    errors?: Record<string, string>;
  },
  status: ContentfulStatusCode = 200,
) {
  const locale = localeOf(view);
  const t = messagesFor(locale);
  const settings = await loadSettings(ctx.db.kysely, view.store.id);
  const state = await pageState(ctx.db, view.request.id);
  const photoBonus = await photoBonusOffer(ctx, view.store.id, settings, locale);
  const focusId = focus.productId ?? view.products[0]?.productId;
  const ordered = [
    ...view.products.filter((p) => p.productId === focusId),
    ...view.products.filter((p) => p.productId !== focusId),
  ];
  const products: ProductFormState[] = ordered.map((product) => {
    const isFocus = product.productId === focusId;
    return {
      product,
      reviewed: state.reviewed.has(product.productId),
      mediaCount: Math.min(state.media.get(product.productId) ?? 0, MEDIA_PER_REVIEW),
      ...(isFocus && focus.rating ? { rating: focus.rating } : {}),
      ...(isFocus && focus.values ? { values: focus.values } : {}),
      ...(isFocus && focus.errors ? { errors: focus.errors } : {}),
    };
  });
  return send(c, status, {
    title: t.pageTitle(view.store.name),
    lang: locale,
    t,
    ...(settings?.theme ? { theme: settings.theme } : {}),
    body: reviewPageBody({
      t,
      storeName: view.store.name,
      token,
      root: hostedUrl(ctx, ""),
      customerName: view.customerName,
      products,
      ...(photoBonus ? { photoBonus } : {}),
    }),
  });
}

type PageForm = v.InferOutput<typeof ReviewPageForm>;
/** The page form's text fields (its file, when multipart, is the part named file). */
const FORM_FIELDS = ["product", "rating", "title", "body", "name"] as const;

/**
 * A browser sends a textarea's line breaks as CRLF; the widget and the API send LF, and count
 * characters alike: each line break is one (it was two here, so a review within the limit as
 * typed could be refused as too long).
 */
function pageForm(fields: Iterable<[string, string]>): PageForm {
  const values = [...fields].map(([name, value]) => [name, value.replace(/\r\n?/g, "\n")]);
  // Every value of a form is a string: parsing cannot fail, it fills in the absent ones.
  return v.parse(ReviewPageForm, Object.fromEntries(values));
}

/** What the shopper typed, to show again. */
const typedOf = (form: PageForm) => ({ title: form.title, body: form.body, name: form.name });

const isMultipart = (c: Context) => /^multipart\/form-data/i.test(c.req.header("content-type") ?? "");

/** The urlencoded review form (text only). */
async function readForm(c: Context): Promise<PageForm> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/x-www-form-urlencoded/i.test(type))
    throw new ApiError(
      400,
      "bad_request",
      "send the form as application/x-www-form-urlencoded or multipart/form-data",
    );
  const bytes = await readBodyBytes(
    c,
    FORM_BYTES,
    // The rest is left unread: the connection cannot carry another request.
    () => new ApiError(413, "payload_too_large", "the form is too large", undefined, { Connection: "close" }),
  );
  return pageForm(new URLSearchParams(bytes.toString("utf8")));
}

/**
 * The page's one form as multipart: what was typed, and the photo or video when one was chosen.
 * The text fields come first (they precede the file field in the page), so they are kept even when
 * the file is refused: `refusal` is that refusal (too large, not a photo, too many), to be shown
 * beside the form, with what was typed, in place of losing it.
 */
async function readUploadForm(
  c: Context,
  refuseFile?: ApiError,
): Promise<{ form: PageForm; typed: boolean; upload: ReceivedUpload | null; refusal?: ApiError }> {
  const values: Record<string, string> = {};
  let upload: ReceivedUpload | null = null;
  let refusal: ApiError | undefined;
  try {
    upload = await receiveUploadForm(c.req.raw, {
      names: FORM_FIELDS,
      maxBytes: FORM_BYTES,
      values,
      refuseFile,
    });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    refusal = error;
    // Refused with the body unread: the answer must reach the browser before the socket closes.
    if (error.headers?.Connection === "close") {
      lingerAfterEarlyAnswer(c);
      c.header("Connection", "close");
    }
  }
  const typed = FORM_FIELDS.some((name) => name !== "product" && Object.hasOwn(values, name));
  return { form: pageForm(Object.entries(values)), typed, upload, ...(refusal ? { refusal } : {}) };
}

type RequestLink = Extract<ResolvedLink, { kind: "q" }>;

const page = (description: string) => ({ description, contentType: "text/html" });
const token = { token: { description: "The signed link from the review-request email" } };
const NO_EXAMPLE =
  "needs a signed link from a sent request: review-requests/review-page.test.ts follows them";
/** The hosted pages answer people, not programs: refusals are pages too (404 invalid, 410 expired). */
const described = (spec: Omit<RouteSpec, "params" | "noExample">) =>
  describeRoute({ params: token, noExample: NO_EXAMPLE, ...spec });

/** The hosted review page, its forms, the thank-you page and the unsubscribe page (no login, no JS). */
export const reviewPageRoutes: RouteModule = {
  name: "review-page",
  register(app, ctx) {
    const requestLink = async (c: Context): Promise<RequestLink | Response> => {
      const link = await resolveLink(ctx, c.req.param("token") ?? "");
      if (!link.ok) return linkRefusal(c, link);
      if (link.kind !== "q") return refusal(c, "invalid");
      return link;
    };

    /** The product is one of the order's: the only ones the page takes a review of. */
    const inOrder = (view: RequestView, productId: string) =>
      view.products.some((p) => p.productId === productId);

    /**
     * A form's product on a request's page: the request, its token and the page's state; refused
     * when not in the order; the page again (409) once it is reviewed.
     */
    const openProduct = async (
      c: Context,
      { view }: RequestLink,
      productId: string,
    ): Promise<{ view: RequestView; token: string; state: PageState; locale: RequestLocale } | Response> => {
      const token = c.req.param("token") ?? "";
      if (!inOrder(view, productId)) return refusal(c, "not-in-order", localeOf(view));
      const state = await pageState(ctx.db, view.request.id);
      if (state.reviewed.has(productId)) return renderReviewPage(c, ctx, view, token, { productId }, 409);
      return { view, token, state, locale: localeOf(view) };
    };

    /**
     * The form of the review already recorded through the request for the product, sent again: a
     * double press, or a browser resending a POST whose connection broke before the answer (two
     * photos from one press, the same review twice at once: seen under load). Answered as the first
     * one was, with its thanks, not "already reviewed"; another text for the product is refused.
     */
    const resent = async (view: RequestView, productId: string, form: PageForm): Promise<boolean> => {
      // Asked before the product is opened: a product not in the order (any text a form can carry,
      // a NUL byte PostgreSQL refuses among them) is never looked up.
      if (!inOrder(view, productId)) return false;
      const first = await reviewedThrough(ctx.db, view.request.id, productId);
      if (!first) return false;
      const values = typedOf(form);
      const again = v.safeParse(ReviewSubmission, {
        rating: ratingParam(form.rating) ?? 0,
        title: values.title,
        body: values.body,
        author: { name: values.name, email: view.request.email },
        mediaIds: [],
      });
      return (
        again.success &&
        again.output.rating === first.rating &&
        (again.output.title ?? null) === first.title &&
        again.output.body === first.body
      );
    };
    const thanks = (c: Context, token: string, productId: string) =>
      c.redirect(hostedUrl(ctx, `/r/${token}/thanks?product=${encodeURIComponent(productId)}`), 303);

    /** Why no photo may be added to the product's review now: too many uploads, or enough of them. */
    const fileRefusal = async (
      c: Context,
      view: RequestView,
      state: PageState,
      productId: string,
    ): Promise<ApiError | undefined> => {
      const decision = await ctx.rateLimiter.take(
        `upload:${view.store.id}:${clientKey(c, ctx.trustProxy)}`,
        UPLOAD_RATE_RULE,
        ctx.clock(),
      );
      if (!decision.allowed)
        return new ApiError(429, "rate_limited", "too many uploads; try again later", undefined, CLOSE);
      if ((state.media.get(productId) ?? 0) >= MEDIA_PER_REVIEW)
        return new ApiError(422, "validation_failed", MEDIA_CAP_TEXT, { file: MEDIA_CAP_TEXT }, CLOSE);
      return undefined;
    };

    /** An upload this request stored that no review will take: its waiting row, its media, its files. */
    const dropUpload = async (view: RequestView, productId: string, mediaId: string) => {
      await ctx.db.kysely
        .deleteFrom("review_request_media")
        .where("request_id", "=", view.request.id)
        .where("product_id", "=", productId)
        .where("media_id", "=", mediaId)
        .execute();
      const row = await ctx.db.kysely
        .selectFrom("media")
        .select(["id", "files"])
        .where("id", "=", mediaId)
        .executeTakeFirst();
      if (row) await deleteUnattached(ctx.db, ctx.mediaStorage, row, ctx.logger);
    };

    /**
     * Stores a photo or video for the product's coming review: its media id (`stored`: by this
     * request), or why not. The same file for the same product is kept once: the form sent twice
     * (a double press, a browser's retry, two tabs), at once or not, gets the first copy's id.
     * Requests that bring it at the same instant each store it; the unique (request, product,
     * hash) keeps one, the others delete theirs and take its id.
     */
    const keepUpload = async (
      c: Context,
      view: RequestView,
      productId: string,
      upload: ReceivedUpload,
    ): Promise<{ id: string; stored: boolean } | ApiError> => {
      const hash = await uploadDigest(upload);
      const keptBefore = () =>
        ctx.db.kysely
          .selectFrom("review_request_media")
          .select("media_id")
          .where("request_id", "=", view.request.id)
          .where("product_id", "=", productId)
          .where("content_hash", "=", hash)
          .executeTakeFirst();
      const before = await keptBefore();
      if (before) return { id: before.media_id, stored: false };
      try {
        const media = await storeUpload(ctx.db, ctx.mediaStorage, {
          storeId: view.store.id,
          upload,
          now: ctx.clock(),
          baseUrl: ctx.mediaBaseUrl || ctx.publicUrl || publicOriginOf(c, ctx),
        });
        const claimed = await ctx.db.kysely
          .insertInto("review_request_media")
          .values({
            request_id: view.request.id,
            product_id: productId,
            media_id: media.id,
            created_at: ctx.clock().toISOString(),
            content_hash: hash,
          })
          .onConflict((oc) => oc.columns(["request_id", "product_id", "content_hash"]).doNothing())
          .returning("media_id")
          .executeTakeFirst();
        const other = claimed ? undefined : await keptBefore();
        if (!other) return { id: media.id, stored: true };
        await dropUpload(view, productId, media.id);
        return { id: other.media_id, stored: false };
      } catch (error) {
        if (error instanceof ApiError) return error;
        throw error;
      }
    };

    /**
     * An unsubscribe link (a request's, a reply notice's, or a moderation notice's stop link): its
     * store, its language (the message's it came in) and its words, or a refusal page.
     */
    const unsubscribeLink = async (c: Context) => {
      const link = await resolveLink(ctx, c.req.param("token") ?? "", "unsubscribe");
      if (!link.ok) return linkRefusal(c, link);
      const store = link.kind === "q" ? link.view.store : link.store;
      const locale: RequestLocale =
        link.kind === "q"
          ? localeOf(link.view)
          : link.kind === "n"
            ? link.locale
            : await reviewerLocaleOf(ctx, link.reviewId);
      const t = messagesFor(locale);
      const words =
        link.kind === "n"
          ? { ask: t.stopNoticesBody(store.name), done: t.stoppedNoticesBody(store.name) }
          : { ask: t.unsubscribeBody(store.name), done: t.unsubscribedBody(store.name) };
      return { link, store, locale, t, words };
    };
    /** The answers of a route on an unsubscribe link: `done`, or a refusal (it never expires). */
    const unsubscribeResponses = (done: string) => ({
      200: page(done),
      404: page("Not a valid link"),
    });

    app.get(
      "/r/unsubscribe/:token",
      described({
        summary: "The unsubscribe page: asks before it acts",
        responses: unsubscribeResponses("The page"),
      }),
      async (c) => {
        const opened = await unsubscribeLink(c);
        if (opened instanceof Response) return opened;
        const { store, locale, t, words } = opened;
        return send(c, 200, {
          title: t.unsubscribeTitle,
          lang: locale,
          t,
          body: messageBody({
            storeName: store.name,
            title: t.unsubscribeTitle,
            lines: [words.ask],
            extra: html`<form method="post" action="${hostedUrl(ctx, `/r/unsubscribe/${c.req.param("token")}`)}"><div class="actions"><button class="plaudit-button plaudit-button--primary" type="submit">${t.unsubscribeButton}</button></div></form>`,
          }),
        });
      },
    );

    // RFC 8058 one-click (the mail client POSTs List-Unsubscribe=One-Click) and the page's button.
    app.post(
      "/r/unsubscribe/:token",
      described({
        summary:
          "Unsubscribe (RFC 8058 one-click): the address joins the store's suppression list (a moderation notice's link clears the store's notify address)",
        responses: unsubscribeResponses("Unsubscribed"),
      }),
      async (c) => {
        const opened = await unsubscribeLink(c);
        if (opened instanceof Response) return opened;
        const { link, store, locale, t, words } = opened;
        if (link.kind === "n") {
          await stopNotices(ctx.db, store.id, link.email, ctx.clock().toISOString());
        } else {
          const email = link.kind === "q" ? (link.view.request.email as string) : link.email;
          await unsubscribe(ctx, {
            storeId: store.id,
            email,
            ...(link.kind === "q" ? { requestId: link.view.request.id } : {}),
          });
        }
        return send(c, 200, {
          title: t.unsubscribedTitle,
          lang: locale,
          t,
          body: messageBody({
            storeName: store.name,
            title: t.unsubscribedTitle,
            lines: [words.done],
          }),
        });
      },
    );

    app.get(
      "/r/:token",
      described({
        summary: "The hosted review page: the clicked product first, its rating preselected (no JavaScript)",
        query: ReviewPageQuery,
        responses: {
          200: page("The page"),
          404: page("Not a valid link, or not a product of the order"),
          410: page("Expired"),
        },
      }),
      async (c) => {
        const link = await requestLink(c);
        if (link instanceof Response) return link;
        const { view } = link;
        const productId = c.req.query("product");
        if (productId !== undefined && !view.products.some((p) => p.productId === productId))
          return refusal(c, "not-in-order", localeOf(view));
        await ctx.db.kysely
          .updateTable("review_requests")
          .set({ clicked_at: ctx.clock().toISOString() })
          .where("id", "=", view.request.id)
          .where("clicked_at", "is", null)
          .execute();
        const rating = ratingParam(c.req.query("rating"));
        return renderReviewPage(c, ctx, view, c.req.param("token"), {
          ...(productId !== undefined ? { productId } : {}),
          ...(rating ? { rating } : {}),
        });
      },
    );

    app.post(
      "/r/:token/reviews",
      described({
        summary:
          "The page's review form (product, rating, title, body, name; urlencoded, or multipart with an optional file part, the photo chosen with the review): a verified review",
        body: ReviewPageForm,
        bodyType: "application/x-www-form-urlencoded",
        responses: {
          303: { description: "Stored: see the thank-you page" },
          409: page("Already reviewed"),
          422: page("The form again, with what to fix"),
        },
      }),
      async (c) => {
        const link = await requestLink(c);
        if (link instanceof Response) return link;
        // The page sends its one form as multipart (what was typed and the photo, if one was chosen);
        // urlencoded (text only) is taken as well.
        const received = isMultipart(c)
          ? await readUploadForm(c)
          : { form: await readForm(c), upload: null, refusal: undefined };
        const { form, upload } = received;
        try {
          const productId = form.product;
          if (await resent(link.view, productId, form))
            return thanks(c, c.req.param("token") ?? "", productId);
          const opened = await openProduct(c, link, productId);
          if (opened instanceof Response) return opened;
          const { view, token, state, locale } = opened;
          const values = typedOf(form);
          const rating = ratingParam(form.rating);
          // The photo chosen with the review is kept for it first: refused, it is said beside what
          // was typed; kept, it stays with the product even when the text needs fixing.
          let fileError = received.refusal;
          // The first ones kept, at most the cap: uploads sent at once each checked the count before
          // their bodies arrived, and may together have passed it.
          const mediaIds = (state.mediaIds.get(productId) ?? []).slice(0, MEDIA_PER_REVIEW);
          let storedHere: string | undefined;
          if (upload && !fileError) {
            fileError = await fileRefusal(c, view, state, productId);
            if (!fileError) {
              const kept = await keepUpload(c, view, productId, upload);
              if (kept instanceof ApiError) fileError = kept;
              else {
                if (kept.stored) storedHere = kept.id;
                // Already among them when the same form sent at the same instant kept it first.
                if (!mediaIds.includes(kept.id)) mediaIds.push(kept.id);
              }
            }
          }
          const parsed = v.safeParse(ReviewSubmission, {
            rating: rating ?? 0,
            title: values.title,
            body: values.body,
            author: { name: values.name, email: view.request.email },
            mediaIds,
          });
          const errors: Record<string, string> = {};
          if (!parsed.success) {
            for (const issue of parsed.issues) {
              const path = v.getDotPath(issue) ?? "body";
              const field = path === "author.name" ? "name" : path;
              errors[field] ??= localizeMessage(issue.message, locale);
            }
            if (errors.rating) errors.rating = `${messagesFor(locale).yourRating}: 1–5`;
          }
          if (fileError) errors.file = fileMessage(fileError, locale);
          if (!parsed.success || fileError)
            return renderReviewPage(
              c,
              ctx,
              view,
              token,
              { productId, ...(rating ? { rating } : {}), values, errors },
              parsed.success && fileError ? fileError.status : 422,
            );
          const recorded = await recordReviewThroughRequest(ctx, view, productId, (alsoInTransaction) =>
            submitReview(ctx, view.store, productId, parsed.output, ctx.publicUrl ?? publicOriginOf(c, ctx), {
              customerId: view.customerId,
              alsoInTransaction,
              senderAddress: clientKey(c, ctx.trustProxy),
            }),
          );
          if (recorded) return thanks(c, token, productId);
          // The product was reviewed meanwhile (the same form sent at the same instant, its review
          // recorded after this one stored its photo): nothing will take that copy.
          if (storedHere) await dropUpload(view, productId, storedHere);
          if (await resent(view, productId, form)) return thanks(c, token, productId);
          return renderReviewPage(c, ctx, view, token, { productId }, 409);
        } finally {
          await upload?.cleanup();
        }
      },
    );

    app.get(
      "/r/:token/thanks",
      described({
        summary: "Thank-you page (with the points earned when the store runs loyalty)",
        query: ReviewPageQuery,
        responses: { 200: page("The page"), 404: page("Not a valid link") },
      }),
      async (c) => {
        const link = await requestLink(c);
        if (link instanceof Response) return link;
        const { view } = link;
        const locale = localeOf(view);
        const t = messagesFor(locale);
        const productId = c.req.query("product") ?? "";
        if (!view.products.some((p) => p.productId === productId)) return refusal(c, "not-in-order", locale);
        const settings = await loadSettings(ctx.db.kysely, view.store.id);
        return send(c, 200, {
          title: t.thanksTitle,
          lang: locale,
          t,
          ...(settings?.theme ? { theme: settings.theme } : {}),
          body: await thanksBody(ctx, { t, view, productId, token: c.req.param("token") }),
        });
      },
    );

    app.post(
      "/r/:token/media",
      described({
        summary:
          "The page's Upload button (multipart: the form's text fields, then one file part): the file is kept for the product's coming review, and the page comes back with what was typed (a body without text fields: 303 back to the page)",
        query: ReviewPageQuery,
        body: MediaUpload,
        bodyType: "multipart/form-data",
        responses: {
          200: page("The page again, with what was typed"),
          303: { description: "Back to the page" },
          413: page("Too large"),
          415: page("Not a photo or video"),
        },
      }),
      async (c) => {
        const link = await requestLink(c);
        if (link instanceof Response) return link;
        const productId = c.req.query("product") ?? "";
        const opened = await openProduct(c, link, productId);
        if (opened instanceof Response) return opened;
        const { view, token, state, locale } = opened;
        // Refused or not, the form's text is read: the page comes back with what was typed.
        const received = await readUploadForm(c, await fileRefusal(c, view, state, productId));
        const { form, typed, upload } = received;
        const rating = ratingParam(form.rating) ?? ratingParam(c.req.query("rating"));
        const focus = {
          productId,
          ...(rating ? { rating } : {}),
          ...(typed ? { values: typedOf(form) } : {}),
        };
        try {
          const error =
            received.refusal ?? (upload ? await keepUpload(c, view, productId, upload) : undefined);
          if (error instanceof ApiError)
            return renderReviewPage(
              c,
              ctx,
              view,
              token,
              { ...focus, errors: { file: fileMessage(error, locale) } },
              error.status,
            );
          if (!upload)
            return renderReviewPage(
              c,
              ctx,
              view,
              token,
              { ...focus, errors: { file: messagesFor(locale).choosePhoto } },
              422,
            );
        } finally {
          await upload?.cleanup();
        }
        // The page's form: the page again with what was typed (a redirect would lose it).
        if (typed) return renderReviewPage(c, ctx, view, token, focus, 200);
        return c.redirect(
          hostedUrl(
            ctx,
            `/r/${token}?${new URLSearchParams({ product: productId, ...(rating ? { rating: String(rating) } : {}) })}`,
          ),
          303,
        );
      },
    );
  },
};
