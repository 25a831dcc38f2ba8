import { useState } from "preact/hooks";
import { api, problemOf } from "../api.ts";
import { Dialog, Loading, Problem } from "../components.tsx";
import { formatDate, type MessageKey, t } from "../i18n.ts";
import { usePagedList } from "../paged-list.ts";
import { href, route } from "../router.ts";
import { can, session } from "../session.ts";
import { useSignal } from "../signal.ts";
import type { AdminMediaItem } from "../types.ts";

// The media queue (GET /v1/admin/media): shoppers' photos and videos wait here until a moderator
// approves or rejects each (PATCH /v1/admin/media/{id}). Files come from the admin API's own file
// route, so a pending review's photos show at full size before anyone else can see them.

type State = "waiting" | "approved" | "rejected";
const STATES: [State, MessageKey][] = [
  ["waiting", "mediaWaiting"],
  ["approved", "mediaApproved"],
  ["rejected", "mediaRejected"],
];
const REVIEW_STATUS: Record<AdminMediaItem["review"]["status"], MessageKey> = {
  pending: "statusPending",
  published: "statusPublished",
  rejected: "statusRejected",
};

export default function MediaQueue() {
  const where = useSignal(route);
  const current = useSignal(session);
  const mayModerate = can(current, "reviews:moderate");
  const chosen = where.params.get("state");
  const state: State = chosen === "approved" || chosen === "rejected" ? chosen : "waiting";
  const { items, setItems, cursor, failed, load } = usePagedList<AdminMediaItem>("/v1/admin/media", {
    state,
    limit: "48",
  });
  const [viewing, setViewing] = useState<AdminMediaItem | null>(null);
  const [announce, setAnnounce] = useState("");
  const [busy, setBusy] = useState<string | null>(null);

  async function decide(item: AdminMediaItem, status: "ready" | "rejected") {
    setBusy(item.id);
    try {
      await api(`/v1/admin/media/${encodeURIComponent(item.id)}`, { method: "PATCH", body: { status } });
      setItems((old) => (old ?? []).filter((m) => m.id !== item.id));
      setViewing(null);
      setAnnounce(
        t(
          status === "rejected"
            ? "mediaRejectedDone"
            : state === "rejected"
              ? "mediaRestoredDone"
              : "mediaApprovedDone",
        ),
      );
    } catch (error) {
      setAnnounce(t("errorGeneric", { message: problemOf(error).message }));
    } finally {
      setBusy(null);
    }
  }

  const label = (item: AdminMediaItem) =>
    t(item.kind === "video" ? "videoBy" : "photoBy", {
      name: item.review.author.name,
      product: item.review.productId,
    });

  const actions = (item: AdminMediaItem) =>
    mayModerate && (
      <div class="actions">
        {state !== "approved" && (
          <button type="button" disabled={busy === item.id} onClick={() => void decide(item, "ready")}>
            {t(state === "rejected" ? "restore" : "approve")}
          </button>
        )}
        {state !== "rejected" && (
          <button type="button" disabled={busy === item.id} onClick={() => void decide(item, "rejected")}>
            {t("reject")}
          </button>
        )}
      </div>
    );

  return (
    <section aria-labelledby="media-title" class="media-queue">
      <h1 id="media-title">{t("mediaTitle")}</h1>
      <nav aria-label={t("mediaStates")} class="tabs">
        <ul>
          {STATES.map(([name, key]) => (
            <li key={name}>
              <a href={href("media", { state: name })} aria-current={state === name ? "page" : undefined}>
                {t(key)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="toasts" role="status" aria-live="polite">
        {announce && <p class="toast quiet-toast">{announce}</p>}
      </div>
      {failed ? (
        <Problem error={failed} onRetry={() => void load()} />
      ) : items === null ? (
        <Loading />
      ) : items.length === 0 ? (
        <p class="empty">{t("mediaEmpty")}</p>
      ) : (
        <>
          <p class="count">{t("mediaShown", { n: items.length })}</p>
          <ul class="media-grid">
            {items.map((item) => (
              <li key={item.id} class="card media-item" data-media-id={item.id}>
                <button type="button" class="thumb" onClick={() => setViewing(item)}>
                  <img src={item.thumbnailUrl} alt={label(item)} width={160} height={160} loading="lazy" />
                  <span class="visually-hidden">{t("viewFullSize")}</span>
                </button>
                <p class="stars">
                  <span class="visually-hidden">{t("stars", { n: item.review.rating })}</span>
                  <span aria-hidden="true">
                    {"★".repeat(item.review.rating)}
                    {"☆".repeat(5 - item.review.rating)}
                  </span>
                </p>
                <p class="media-review-title">{item.review.title || "—"}</p>
                <p class="meta">
                  {t("by", { name: item.review.author.name })} · {t("on", { product: item.review.productId })}
                </p>
                <p class="meta">
                  {t("reviewStatus", { status: t(REVIEW_STATUS[item.review.status]) })}
                  {item.moderatedAt && (
                    <>
                      {" · "}
                      <time dateTime={item.moderatedAt}>{formatDate(item.moderatedAt)}</time>
                    </>
                  )}
                </p>
                {actions(item)}
              </li>
            ))}
          </ul>
          {cursor && (
            <button type="button" onClick={() => void load(cursor)}>
              {t("loadMore")}
            </button>
          )}
        </>
      )}
      {viewing && (
        <Dialog title={label(viewing)} onClose={() => setViewing(null)} wide>
          {viewing.kind === "video" ? (
            // biome-ignore lint/a11y/useMediaCaption: shoppers' own videos come without captions
            <video class="full" src={viewing.url} controls width={viewing.width} height={viewing.height} />
          ) : (
            <img
              class="full"
              src={viewing.url}
              alt={label(viewing)}
              width={viewing.width}
              height={viewing.height}
            />
          )}
          <p class="body">{viewing.review.body}</p>
          {actions(viewing)}
        </Dialog>
      )}
    </section>
  );
}
