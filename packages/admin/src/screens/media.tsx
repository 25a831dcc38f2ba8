import { useLayoutEffect, useRef, useState } from "preact/hooks";
import { api, problemOf } from "../api.ts";
import { Dialog, focusHeading, ListBody, problemText, Toasts } from "../components.tsx";
import { formatDate, isolate, type MessageKey, t } from "../i18n.ts";
import { moderatorFile } from "../moderator-file.ts";
import { usePagedList } from "../paged-list.ts";
import { ProductName, productText } from "../product-name.tsx";
import { href, route } from "../router.ts";
import { can, session } from "../session.ts";
import { useSignal } from "../signal.ts";
import { useStoreZone } from "../store-zone.tsx";
import type { AdminMediaItem } from "../types.ts";

// The media queue (GET /v1/admin/media): photos and videos held for a moderator (a reviewer
// without a verified purchase, in a store that holds those) wait here until a moderator approves
// (PATCH status "ready") or rejects each; shown and rejected ones have their own tabs. Files come
// from the moderator's own URLs, so held photos show at full size before anyone else sees them.

type Status = AdminMediaItem["status"];
const TABS: [Status, MessageKey][] = [
  ["held", "mediaWaiting"],
  ["ready", "mediaApproved"],
  ["rejected", "mediaRejected"],
];

export default function MediaQueue() {
  const where = useSignal(route);
  const current = useSignal(session);
  const mayModerate = can(current, "reviews:moderate");
  const timeZone = useStoreZone();
  const chosen = where.params.get("status");
  const status: Status = chosen === "ready" || chosen === "rejected" ? chosen : "held";
  const { items, setItems, cursor, failed, load } = usePagedList<AdminMediaItem>("/v1/admin/media", {
    status,
    limit: "48",
  });
  const [viewing, setViewing] = useState<AdminMediaItem | null>(null);
  const [announce, setAnnounce] = useState("");
  const [busy, setBusy] = useState<string | null>(null);
  // Where the focus goes once a decided photo has left the grid (with its buttons, and the dialog
  // that would give the focus back to its thumbnail): the one now in its place, else the heading.
  const refocus = useRef<number | null>(null);
  useLayoutEffect(() => {
    const index = refocus.current;
    if (index === null) return;
    refocus.current = null;
    const thumbs = document.querySelectorAll<HTMLElement>(".media-grid button.thumb");
    const next = thumbs[Math.min(index, thumbs.length - 1)];
    if (next) next.focus();
    else focusHeading();
  });

  async function decide(item: AdminMediaItem, next: "ready" | "rejected") {
    if (busy === item.id) return;
    setBusy(item.id);
    try {
      await api(`/v1/admin/media/${encodeURIComponent(item.id)}`, {
        method: "PATCH",
        body: { status: next },
        // The version shown: another moderator's decision since is a conflict, not overruled.
        headers: { "if-match": item.etag },
      });
      leave(item);
      setAnnounce(
        t(
          next === "rejected"
            ? "mediaRejectedDone"
            : status === "rejected"
              ? "mediaRestoredDone"
              : "mediaApprovedDone",
        ),
      );
    } catch (error) {
      const conflict = problemOf(error).code === "conflict";
      // Decided elsewhere: no longer in this tab's status, so not in its list.
      if (conflict) leave(item);
      setAnnounce(conflict ? t("mediaChangedElsewhere") : problemText(error));
    } finally {
      setBusy(null);
    }
  }

  /** Takes an item off the list; the focus goes to the one now in its place. */
  function leave(item: AdminMediaItem) {
    refocus.current = (items ?? []).findIndex((m) => m.id === item.id);
    setItems((old) => (old ?? []).filter((m) => m.id !== item.id));
    setViewing(null);
  }

  const label = (item: AdminMediaItem) =>
    t(item.kind === "video" ? "videoBy" : "photoBy", { product: isolate(productText(item.product)) });

  const actions = (item: AdminMediaItem) =>
    mayModerate && (
      <div class="actions">
        {status !== "ready" && (
          <button type="button" aria-disabled={busy === item.id} onClick={() => void decide(item, "ready")}>
            {t(status === "rejected" ? "restore" : "approve")}
          </button>
        )}
        {status !== "rejected" && (
          <button
            type="button"
            aria-disabled={busy === item.id}
            onClick={() => void decide(item, "rejected")}
          >
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
          {TABS.map(([name, key]) => (
            <li key={name}>
              <a href={href("media", { status: name })} aria-current={status === name ? "page" : undefined}>
                {t(key)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <Toasts announce={announce} />
      <ListBody
        items={items}
        failed={failed}
        load={load}
        cursor={cursor}
        empty={t("mediaEmpty")}
        item="li.media-item"
      >
        {(items) => (
          <>
            <p class="count">{t("mediaShown", { n: items.length })}</p>
            <ul class="media-grid">
              {items.map((item) => (
                <li key={item.id} class="card media-item" data-media-id={item.id}>
                  <button type="button" class="thumb" onClick={() => setViewing(item)}>
                    <img
                      src={moderatorFile(item.thumbnailUrl)}
                      alt={label(item)}
                      width={160}
                      height={160}
                      loading="lazy"
                    />
                    <span class="visually-hidden">{t("viewFullSize")}</span>
                  </button>
                  <p class="meta">
                    <ProductName product={item.product} /> ·{" "}
                    <a href={href("queue", { status: "any", product: item.productId })}>
                      {t("productReviews")}
                    </a>
                  </p>
                  <p class="meta">
                    {t(item.verified ? "verifiedBuyer" : "unverifiedBuyer")} ·{" "}
                    <time dateTime={item.createdAt}>{formatDate(item.createdAt, timeZone)}</time>
                  </p>
                  {actions(item)}
                </li>
              ))}
            </ul>
          </>
        )}
      </ListBody>
      {viewing && (
        <Dialog title={label(viewing)} onClose={() => setViewing(null)} wide>
          {viewing.kind === "video" ? (
            // biome-ignore lint/a11y/useMediaCaption: shoppers' own videos come without captions
            <video
              class="full"
              src={moderatorFile(viewing.url)}
              controls
              width={viewing.width}
              height={viewing.height}
            />
          ) : (
            <img
              class="full"
              src={moderatorFile(viewing.url)}
              alt={label(viewing)}
              width={viewing.width}
              height={viewing.height}
            />
          )}
          {actions(viewing)}
        </Dialog>
      )}
    </section>
  );
}
