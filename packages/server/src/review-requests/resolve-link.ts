import type { AppContext } from "../context.ts";
import { linkSecretFor } from "../keys/link-secret.ts";
import { findStore, type StoreRecord } from "../stores/store-repo.ts";
import { checkLink, NOTICES_BINDING, parseLink } from "./link-token.ts";
import type { RequestLocale } from "./messages.ts";
import { loadRequestView, type RequestView } from "./request-view.ts";
import { loadSettings } from "./settings.ts";

export type ResolvedLink =
  | { ok: true; kind: "q"; view: RequestView }
  | { ok: true; kind: "v"; store: StoreRecord; reviewId: string; email: string }
  /** A moderation notice's stop link: the store's notify address, in the merchant's language. */
  | { ok: true; kind: "n"; store: StoreRecord; email: string; locale: RequestLocale }
  | { ok: false; reason: "invalid" }
  /** Genuine but out of date: the shopper's language is known, so the page can speak it. */
  | { ok: false; reason: "expired"; locale?: string | null };

/**
 * What a hosted-page token stands for. Malformed, forged, another store's or another address's
 * tokens (and those of an erased address) are all "invalid": the page does not say which.
 * `unsubscribe`: a genuine token past its expiry still resolves. Leaving the list only takes mail
 * away, and the signature still proves the address received the message; a shopper who opens a
 * months-old email (or whose mail client sends its one-click unsubscribe, RFC 8058) is not told
 * to keep receiving requests.
 */
export async function resolveLink(
  ctx: AppContext,
  token: string,
  purpose: "page" | "unsubscribe" = "page",
): Promise<ResolvedLink> {
  const parsed = parseLink(token);
  if (!parsed) return { ok: false, reason: "invalid" };
  const now = ctx.clock();
  const judge = (verdict: ReturnType<typeof checkLink>) =>
    verdict === "expired" && purpose === "unsubscribe" ? "ok" : verdict;
  if (parsed.kind === "q") {
    const view = await loadRequestView(ctx.db, parsed.id);
    if (!view?.request.email) return { ok: false, reason: "invalid" };
    const verdict = judge(
      checkLink(
        await linkSecretFor(ctx, view.store.id),
        parsed,
        {
          kind: "q",
          id: parsed.id,
          storeId: view.store.id,
          bindsTo: view.request.order_id,
          email: view.request.email,
        },
        now,
      ),
    );
    if (verdict === "expired") return { ok: false, reason: "expired", locale: view.locale };
    return verdict === "ok" ? { ok: true, kind: "q", view } : { ok: false, reason: "invalid" };
  }
  const review = await ctx.db.kysely
    .selectFrom("reviews")
    .select(["store_id", "product_id", "author_email"])
    .where("id", "=", parsed.id)
    .executeTakeFirst();
  if (!review) return { ok: false, reason: "invalid" };
  const store = await findStore(ctx.db, review.store_id);
  if (!store) return { ok: false, reason: "invalid" };
  if (parsed.kind === "n") {
    // Signed for the notify address of its day: once the merchant changed or cleared it, the link
    // no longer works (it cannot stop notices to an address it was not sent to).
    const settings = await loadSettings(ctx.db.kysely, store.id);
    if (!settings?.notifyEmail) return { ok: false, reason: "invalid" };
    const verdict = judge(
      checkLink(
        await linkSecretFor(ctx, store.id),
        parsed,
        {
          kind: "n",
          id: parsed.id,
          storeId: store.id,
          bindsTo: NOTICES_BINDING,
          email: settings.notifyEmail,
        },
        now,
      ),
    );
    if (verdict !== "ok") return { ok: false, reason: verdict === "expired" ? "expired" : "invalid" };
    return { ok: true, kind: "n", store, email: settings.notifyEmail, locale: settings.notifyLocale };
  }
  if (!review.author_email) return { ok: false, reason: "invalid" };
  const verdict = judge(
    checkLink(
      await linkSecretFor(ctx, store.id),
      parsed,
      { kind: "v", id: parsed.id, storeId: store.id, bindsTo: review.product_id, email: review.author_email },
      now,
    ),
  );
  if (verdict !== "ok") return { ok: false, reason: verdict === "expired" ? "expired" : "invalid" };
  return { ok: true, kind: "v", store, reviewId: parsed.id, email: review.author_email };
}
