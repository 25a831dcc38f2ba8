import { LIMITS } from "@plaudit/contract";
import type { TargetedEvent } from "preact";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import { api, problemOf } from "../api.ts";
import { Dialog, Field, ListBody, problemText, Toasts } from "../components.tsx";
import { createGraceQueue, GRACE_MS, whileOpen } from "../grace.ts";
import { formatDate, isolate, type MessageKey, t } from "../i18n.ts";
import { moderatorFile } from "../moderator-file.ts";
import { formValues, useAppliedForm, usePagedList } from "../paged-list.ts";
import { ProductIn } from "../product-name.tsx";
import { go, route } from "../router.ts";
import { can, endedSession, session } from "../session.ts";
import { useSignal } from "../signal.ts";
import { useStoreZone } from "../store-zone.tsx";
import type { AdminReview } from "../types.ts";

type Status = AdminReview["status"];
type Decision = { kind: "status"; status: Status } | { kind: "reply"; reply: string };
interface Waiting {
  id: string;
  reviewIds: string[];
  label: string;
  /** Its grace period is over and the request is on its way: no Undo, and no second decision. */
  sending?: boolean;
}
interface Conflict {
  fresh: AdminReview;
}

const FILTER_KEYS = ["status", "rating", "product", "media", "verified", "q"] as const;
const STATUS_LABEL: Record<Status, MessageKey> = {
  pending: "statusPending",
  published: "statusPublished",
  rejected: "statusRejected",
};

/** The undo window: GRACE_MS, or what this browser chose (plaudit-admin-grace-ms, 0.1–60 s). */
function graceMs(): number {
  const chosen = Number(localStorage.getItem("plaudit-admin-grace-ms"));
  return chosen >= 100 && chosen <= 60_000 ? chosen : GRACE_MS;
}

/**
 * Decisions the API refused because the session ended under them (401: expired, or signed out
 * elsewhere). The queue is taken down for sign-in; when the same user is back, it offers each
 * again with a new grace period (and Undo), sent with the versions they saw, so nothing decided
 * is lost and a review changed meanwhile is still a conflict.
 */
const afterSignIn: { userId: string; reviews: AdminReview[]; decision: Decision }[] = [];

/**
 * A reply being written (not sent yet) when the session ended under it (a 401 on any request:
 * the queue is taken down for sign-in): the same user signed in again finds its editor open
 * with what they had typed. Another user's sign-in drops it.
 */
let keptReply: { userId: string; reviewId: string; text: string } | null = null;

function queryOf(params: URLSearchParams): Record<string, string> {
  const query: Record<string, string> = { status: params.get("status") ?? "pending" };
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value && key !== "status") query[key] = value;
  }
  if (query.status === "any") delete query.status;
  return query;
}

export default function Queue() {
  const where = useSignal(route);
  const current = useSignal(session);
  const mayModerate = can(current, "reviews:moderate");
  const query = useMemo(() => queryOf(where.params), [where.params.toString()]);
  const listQuery = useMemo(() => ({ ...query, limit: "50" }), [query]);
  const { items, setItems, total, setTotal, cursor, failed, load } = usePagedList<AdminReview>(
    "/v1/admin/reviews",
    listQuery,
  );
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [waiting, setWaiting] = useState<Waiting[]>([]);
  const [announce, setAnnounce] = useState("");
  const [conflicts, setConflicts] = useState<Record<string, Conflict>>({});
  const [replying, setReplying] = useState<string | null>(() => {
    if (keptReply && keptReply.userId !== session.value?.user.id) keptReply = null;
    return keptReply?.reviewId ?? null;
  });
  const [viewing, setViewing] = useState<{ review: AdminReview; index: number } | null>(null);
  const [help, setHelp] = useState(false);
  const [focusIndex, setFocusIndex] = useState(0);
  const listRef = useRef<HTMLOListElement>(null);
  const itemsRef = useRef<AdminReview[]>([]);
  itemsRef.current = items ?? [];

  // A new list (filters changed) starts with nothing selected.
  useEffect(() => setSelected(new Set()), [listQuery]);

  const graceRef = useRef<ReturnType<typeof createGraceQueue> | undefined>(undefined);
  graceRef.current ??= createGraceQueue({ delayMs: graceMs() });
  const grace = graceRef.current;
  // Leaving the page sends what is waiting (keepalive), so no decision is lost.
  useEffect(() => {
    const flush = () => {
      if (document.visibilityState === "hidden") void grace.flush(true);
    };
    const onHide = () => void grace.flush(true);
    document.addEventListener("visibilitychange", flush);
    addEventListener("pagehide", onHide);
    const close = whileOpen(grace);
    return () => {
      close();
      document.removeEventListener("visibilitychange", flush);
      removeEventListener("pagehide", onHide);
      void grace.flush(true);
    };
  }, [grace]);

  /** Puts the answered reviews in place (or out of a list filtered by another status). */
  function replace(fresh: AdminReview[]) {
    const byId = new Map(fresh.map((r) => [r.id, r]));
    // The ones that left a list of one status leave its count too.
    const left = fresh.filter((r) => query.status && r.status !== query.status).length;
    setTotal((old) => (old === null ? null : Math.max(0, old - left)));
    setItems((old) =>
      (old ?? []).flatMap((r) => {
        const data = byId.get(r.id);
        return !data ? [r] : query.status && data.status !== query.status ? [] : [data];
      }),
    );
  }

  /** Reads the named reviews again and shows each one's fresh version on its card. */
  async function showConflicts(reviews: AdminReview[]) {
    const fresh = await Promise.all(
      reviews.map((r) =>
        api<AdminReview>(`/v1/admin/reviews/${encodeURIComponent(r.id)}`).then((a) => a.data),
      ),
    );
    setItems((old) => (old ?? []).map((r) => fresh.find((f) => f.id === r.id) ?? r));
    setConflicts((old) => ({ ...old, ...Object.fromEntries(fresh.map((f) => [f.id, { fresh: f }])) }));
  }

  /**
   * Sends a change with the versions we saw: one review by PATCH + If-Match, several in one bulk
   * request that saves all or none. A conflict shows the fresh versions of the reviews it names.
   */
  async function write(reviews: AdminReview[], decision: Decision, keepalive: boolean) {
    const change = decision.kind === "status" ? { status: decision.status } : { reply: decision.reply };
    try {
      if (reviews.length === 1) {
        const review = reviews[0] as AdminReview;
        const { data } = await api<AdminReview>(`/v1/admin/reviews/${encodeURIComponent(review.id)}`, {
          method: "PATCH",
          body: change,
          headers: { "if-match": review.etag },
          keepalive,
        });
        replace([data]);
      } else {
        const { data } = await api<{ items: AdminReview[] }>("/v1/admin/reviews/bulk", {
          method: "POST",
          body: { items: reviews.map((r) => ({ id: r.id, etag: r.etag })), ...change },
          keepalive,
        });
        replace(data.items);
      }
    } catch (error) {
      const problem = problemOf(error);
      if (problem.code === "conflict") {
        // The bulk answer names the changed ones as items.<index>; a single PATCH is its review.
        const named =
          reviews.length === 1
            ? reviews
            : Object.keys(problem.fields ?? {}).flatMap((key) => {
                const review = reviews[Number(key.split(".")[1])];
                return review ? [review] : [];
              });
        await showConflicts(named);
      }
      throw error;
    }
  }

  function decide(reviews: AdminReview[], decision: Decision) {
    if (!mayModerate || !current || reviews.length === 0) return;
    const userId = current.user.id;
    keepFocus(reviews);
    const id = `${Date.now()}-${Math.random()}`;
    const label =
      decision.kind === "reply"
        ? t("pendingReply")
        : decision.status === "published"
          ? t("pendingApprove", { n: reviews.length })
          : t("pendingReject", { n: reviews.length });
    setWaiting((old) => [...old, { id, reviewIds: reviews.map((r) => r.id), label }]);
    setConflicts((old) => {
      const next = { ...old };
      for (const r of reviews) delete next[r.id];
      return next;
    });
    setSelected(new Set());
    grace.schedule({
      id,
      send: async (keepalive) => {
        setWaiting((old) => old.map((w) => (w.id === id ? { ...w, sending: true } : w)));
        try {
          await write(reviews, decision, keepalive);
          setAnnounce(t("saved"));
        } catch (error) {
          const problem = problemOf(error);
          if (problem.status === 401 && endedSession.value?.id === userId) {
            afterSignIn.push({ userId, reviews, decision });
            return;
          }
          const changed = Object.keys(problem.fields ?? {}).length;
          // A single conflict speaks for itself on its card ("this review changed"); a batch is
          // all or none, so say that nothing of it was saved, and why.
          setAnnounce(
            problem.code === "conflict" && reviews.length === 1
              ? ""
              : problem.code === "conflict"
                ? t("bulkConflict", { n: changed, total: reviews.length })
                : t("savedNone", { n: reviews.length, message: problemText(error) }),
          );
        } finally {
          setWaiting((old) => old.filter((w) => w.id !== id));
        }
      },
    });
  }

  // Back after signing in again: what the ended session could not send waits again, with Undo.
  useEffect(() => {
    const mine = afterSignIn.splice(0).filter((a) => a.userId === current?.user.id);
    for (const again of mine) decide(again.reviews, again.decision);
  }, []);

  /**
   * A decision made with a button disables that button, and the focus would fall to the page
   * (the next Tab starting over from the top): it goes to the review's card instead, or for a
   * batch to "select all".
   */
  function keepFocus(reviews: AdminReview[]) {
    const focus = document.activeElement;
    if (!(focus instanceof HTMLElement) || focus === document.body) return;
    const card = focus.closest<HTMLElement>("article.review");
    const bulk = focus.closest("fieldset.bulk");
    if (card && reviews.length === 1) card.focus();
    else bulk?.querySelector<HTMLElement>("input[type=checkbox]")?.focus();
  }

  function undo(id: string) {
    if (grace.undo(id)) {
      setWaiting((old) => old.filter((w) => w.id !== id));
      setAnnounce(t("undone"));
    }
  }

  const isWaiting = (reviewId: string) => waiting.some((w) => w.reviewIds.includes(reviewId));

  // The card the focus was last on. A list read again (the route changed: a filter, back or
  // forward) is drawn as new cards: the focus, left on one that is gone, falls to the page, and
  // the next j would start over from the top. It goes back to that review's new card instead;
  // when the review left the list (approved out of "pending"), to the card now in its place, and
  // when the list is empty, to the heading.
  const focusedCard = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const onFocus = (e: FocusEvent) => {
      focusedCard.current = (e.target as HTMLElement).closest<HTMLElement>("article.review");
    };
    addEventListener("focusin", onFocus);
    return () => removeEventListener("focusin", onFocus);
  }, []);
  useLayoutEffect(() => {
    const gone = focusedCard.current;
    const focus = document.activeElement;
    if (!gone || gone.isConnected || !items || (focus && focus !== document.body)) return;
    focusedCard.current = null;
    const cards = [...(listRef.current?.querySelectorAll<HTMLElement>("article.review") ?? [])];
    const again =
      cards.find((card) => card.dataset.reviewId === gone.dataset.reviewId) ??
      cards[Math.min(Number(gone.dataset.index), cards.length - 1)];
    (again ?? document.getElementById("queue-title"))?.focus();
  });

  // Keyboard: j/k move, a approve, r reject, e reply, x select, ? help. Not while typing. Listened
  // to from the render's commit (a layout effect), not after the next paint: a key pressed in
  // between would meet the last render's handler, and a second "a" would not see the first waiting.
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.ctrlKey || e.metaKey || e.altKey || target.closest("input, textarea, select, dialog")) return;
      const list = itemsRef.current;
      const focusAt = (index: number) => {
        const bounded = Math.max(0, Math.min(list.length - 1, index));
        setFocusIndex(bounded);
        listRef.current?.querySelectorAll<HTMLElement>("article.review")[bounded]?.focus();
      };
      const focusedArticle = target.closest<HTMLElement>("article.review");
      const index = focusedArticle ? Number(focusedArticle.dataset.index) : focusIndex;
      const review = list[index];
      if (e.key === "j") focusAt(focusedArticle ? index + 1 : index);
      else if (e.key === "k") focusAt(index - 1);
      else if (e.key === "?") setHelp(true);
      else if (!review || isWaiting(review.id)) return;
      else if (e.key === "a") decide([review], { kind: "status", status: "published" });
      else if (e.key === "r") decide([review], { kind: "status", status: "rejected" });
      else if (e.key === "e") setReplying(review.id);
      else if (e.key === "x")
        setSelected((old) => {
          const next = new Set(old);
          if (next.has(review.id)) next.delete(review.id);
          else next.add(review.id);
          return next;
        });
      else return;
      e.preventDefault();
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  });

  const chosen = (items ?? []).filter((r) => selected.has(r.id) && !isWaiting(r.id));
  // One bulk request is all or none, and takes at most this many reviews.
  const tooMany = chosen.length > LIMITS.adminListLimitMax;

  return (
    <section aria-labelledby="queue-title" class="queue">
      <div class="title-row">
        <h1 id="queue-title" tabIndex={-1}>
          {t("queueTitle")}
        </h1>
        <button type="button" class="quiet" aria-keyshortcuts="?" onClick={() => setHelp(true)}>
          {t("keyboardHelp")}
        </button>
      </div>
      <Filters query={query} />
      <Toasts announce={waiting.length === 0 ? announce : ""}>
        {waiting.map((w) =>
          w.sending ? (
            <p key={w.id} class="toast">
              <span>{w.label}…</span>
            </p>
          ) : (
            <p key={w.id} class="toast">
              <span>{t("pendingAction", { what: w.label, seconds: Math.round(graceMs() / 1000) })}</span>
              <button type="button" onClick={() => undo(w.id)}>
                {t("undo")}
              </button>
            </p>
          ),
        )}
      </Toasts>
      <ListBody
        items={items}
        failed={failed}
        load={load}
        cursor={cursor}
        empty={t("queueEmpty")}
        item="article.review"
      >
        {(items) => (
          <>
            <fieldset class="bulk">
              <legend class="visually-hidden">{t("selectedCount", { n: chosen.length })}</legend>
              <label class="check">
                <input
                  type="checkbox"
                  checked={
                    chosen.length > 0 && chosen.length === items.filter((r) => !isWaiting(r.id)).length
                  }
                  onChange={(e) =>
                    setSelected(
                      e.currentTarget.checked
                        ? new Set(items.filter((r) => !isWaiting(r.id)).map((r) => r.id))
                        : new Set(),
                    )
                  }
                />
                {t("selectAll")}
              </label>
              <span class="count">{t("selectedCount", { n: chosen.length })}</span>
              {tooMany && <span class="error">{t("bulkTooMany", { max: LIMITS.adminListLimitMax })}</span>}
              {mayModerate && (
                <>
                  <button
                    type="button"
                    disabled={chosen.length === 0 || tooMany}
                    onClick={() => decide(chosen, { kind: "status", status: "published" })}
                  >
                    {t("approveSelected")}
                  </button>
                  <button
                    type="button"
                    disabled={chosen.length === 0 || tooMany}
                    onClick={() => decide(chosen, { kind: "status", status: "rejected" })}
                  >
                    {t("rejectSelected")}
                  </button>
                </>
              )}
            </fieldset>
            <p class="count">
              {total === null
                ? t("reviewsShown", { n: items.length })
                : t("reviewsShownOf", { n: items.length, total })}
            </p>
            <ol class="reviews" ref={listRef}>
              {items.map((review, index) => (
                <li key={review.id}>
                  <ReviewCard
                    review={review}
                    index={index}
                    selected={selected.has(review.id)}
                    waiting={isWaiting(review.id)}
                    mayModerate={mayModerate}
                    conflict={conflicts[review.id]}
                    replying={replying === review.id}
                    onSelect={(on) =>
                      setSelected((old) => {
                        const next = new Set(old);
                        if (on) next.add(review.id);
                        else next.delete(review.id);
                        return next;
                      })
                    }
                    onDecide={(decision) => {
                      if (decision.kind === "reply") setReplying(null);
                      decide([review], decision);
                    }}
                    onReply={(open) => setReplying(open ? review.id : null)}
                    onView={(i) => setViewing({ review, index: i })}
                  />
                </li>
              ))}
            </ol>
          </>
        )}
      </ListBody>
      {viewing && <MediaViewer {...viewing} onClose={() => setViewing(null)} />}
      {help && <KeyboardHelp onClose={() => setHelp(false)} />}
    </section>
  );
}

const STATUS_LABELS = {
  pending: "statusPending",
  published: "statusPublished",
  rejected: "statusRejected",
  any: "statusAny",
} as const;

function Filters(props: { query: Record<string, string> }) {
  const q = props.query;
  const form = useAppliedForm(JSON.stringify(q));
  function submit(e: TargetedEvent<HTMLFormElement>) {
    e.preventDefault();
    go("queue", formValues(e.currentTarget, FILTER_KEYS));
  }
  return (
    // Uncontrolled (paged-list.ts's useAppliedForm says why); set to the filters applied in place.
    <form ref={form} class="filters card" onSubmit={submit} aria-label={t("filters")}>
      <label>
        <span>{t("status")}</span>
        <select name="status" data-applied={q.status ?? "any"}>
          {(["pending", "published", "rejected", "any"] as const).map((status) => (
            <option key={status} value={status} selected={(q.status ?? "any") === status}>
              {t(STATUS_LABELS[status])}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t("rating")}</span>
        <select name="rating" data-applied={q.rating ?? ""}>
          <option value="" selected={!q.rating}>
            {t("anyRating")}
          </option>
          {[5, 4, 3, 2, 1].map((n) => (
            <option key={n} value={String(n)} selected={q.rating === String(n)}>
              {t("stars", { n })}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t("product")}</span>
        <input name="product" defaultValue={q.product ?? ""} maxLength={LIMITS.productIdMax} />
      </label>
      <label>
        <span>{t("search")}</span>
        <input name="q" type="search" defaultValue={q.q ?? ""} maxLength={LIMITS.searchMax} />
      </label>
      <label class="check">
        <input type="checkbox" name="media" value="1" defaultChecked={q.media === "1"} />
        {t("hasMedia")}
      </label>
      <label class="check">
        <input type="checkbox" name="verified" value="1" defaultChecked={q.verified === "1"} />
        {t("verifiedOnly")}
      </label>
      <button type="submit">{t("applyFilters")}</button>
    </form>
  );
}

function ReviewCard(props: {
  review: AdminReview;
  index: number;
  selected: boolean;
  waiting: boolean;
  mayModerate: boolean;
  conflict: Conflict | undefined;
  replying: boolean;
  onSelect(on: boolean): void;
  onDecide(decision: Decision): void;
  onReply(open: boolean): void;
  onView(index: number): void;
}) {
  const r = props.review;
  const titleId = `review-${r.id}-title`;
  const timeZone = useStoreZone();
  return (
    <article
      class={`review card${props.waiting ? " waiting" : ""}`}
      tabIndex={-1}
      data-index={props.index}
      data-review-id={r.id}
      aria-labelledby={titleId}
    >
      <div class="review-head">
        {props.mayModerate && (
          <input
            type="checkbox"
            aria-label={t("select", { name: isolate(r.author.name) })}
            checked={props.selected}
            disabled={props.waiting}
            onChange={(e) => props.onSelect(e.currentTarget.checked)}
          />
        )}
        <p class="stars">
          <span class="visually-hidden">{t("stars", { n: r.rating })}</span>
          <span aria-hidden="true">
            {"★".repeat(r.rating)}
            {"☆".repeat(5 - r.rating)}
          </span>
        </p>
        <h2 id={titleId} dir="auto">
          {r.title || "—"}
        </h2>
        <span class={`status status-${r.status}`}>{t(STATUS_LABEL[r.status])}</span>
      </div>
      <p class="meta">
        {t("by", { name: isolate(r.author.name) })} ·{" "}
        {/* An erased reviewer has no address left: no empty slot between two dots. */}
        {r.author.email && (
          <>
            <bdi>{r.author.email}</bdi> ·{" "}
          </>
        )}
        <ProductIn message="on" product={r.product} /> ·{" "}
        <time dateTime={r.createdAt}>{formatDate(r.createdAt, timeZone)}</time>
        {r.verified && <span class="badge"> · {t("verifiedBuyer")}</span>}
      </p>
      <p class="body" dir="auto">
        {r.body}
      </p>
      {r.media.length > 0 && (
        <ul class="media">
          {r.media.map((m, i) => (
            <li key={m.id}>
              <button type="button" class="thumb" onClick={() => props.onView(i)}>
                <img
                  src={moderatorFile(m.thumbnailUrl)}
                  alt={t(m.kind === "video" ? "videoOf" : "mediaOf", {
                    n: i + 1,
                    name: isolate(r.author.name),
                  })}
                  width={96}
                  height={96}
                  loading="lazy"
                />
                <span class="visually-hidden">{t("viewFullSize")}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {r.reply && (
        <div class="reply">
          <p class="label">{t("yourReply")}</p>
          <p dir="auto">{r.reply.body}</p>
        </div>
      )}
      {props.conflict && (
        <div class="notice conflict" role="alert">
          <p>
            <strong>{t("conflictTitle")}</strong>
          </p>
          <p>{t("conflictText")}</p>
          <p>{t("conflictCurrent", { status: t(STATUS_LABEL[props.conflict.fresh.status]) })}</p>
        </div>
      )}
      {props.mayModerate && !props.replying && (
        <div class="actions">
          <button
            type="button"
            aria-keyshortcuts="a"
            disabled={props.waiting}
            onClick={() => props.onDecide({ kind: "status", status: "published" })}
          >
            {t("approve")}
          </button>
          <button
            type="button"
            aria-keyshortcuts="r"
            disabled={props.waiting}
            onClick={() => props.onDecide({ kind: "status", status: "rejected" })}
          >
            {t("reject")}
          </button>
          <button
            type="button"
            aria-keyshortcuts="e"
            disabled={props.waiting}
            onClick={() => props.onReply(true)}
          >
            {t("reply")}
          </button>
        </div>
      )}
      {props.replying && (
        <ReplyEditor
          reviewId={r.id}
          initial={r.reply?.body ?? ""}
          onCancel={() => props.onReply(false)}
          onSend={(reply) => props.onDecide({ kind: "reply", reply })}
        />
      )}
    </article>
  );
}

/** Characters as the server counts them (code points), without copying a 10 MB paste into an array. */
function codePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xdc00 || unit > 0xdfff) count += 1;
  }
  return count;
}

/** A reply: checked here first (empty, too long), so nothing half-valid is ever sent. */
function ReplyEditor(props: {
  reviewId: string;
  initial: string;
  onCancel(): void;
  onSend(reply: string): void;
}) {
  const [text, setText] = useState(() => {
    const kept = keptReply?.reviewId === props.reviewId ? keptReply.text : undefined;
    keptReply = null;
    return kept ?? props.initial;
  });
  const [error, setError] = useState<string>();
  const ref = useRef<HTMLTextAreaElement>(null);
  const typed = useRef(text);
  typed.current = text;
  useEffect(() => {
    ref.current?.focus();
    // Closed, sent or left: gone. Taken down by a session that ended (nobody signed in): kept.
    return () => {
      const user = endedSession.value;
      if (!session.value && user && typed.current.trim())
        keptReply = { userId: user.id, reviewId: props.reviewId, text: typed.current };
    };
  }, []);
  function submit(e: TargetedEvent<HTMLFormElement>) {
    e.preventDefault();
    const trimmed = text.trim();
    const length = codePoints(trimmed);
    if (length === 0) setError(t("replyEmpty"));
    else if (length > LIMITS.bodyMax) setError(t("replyTooLong", { max: LIMITS.bodyMax, n: length }));
    else return props.onSend(trimmed);
    ref.current?.focus();
  }
  return (
    <form class="reply-editor" onSubmit={submit} noValidate>
      <Field label={t("replyLabel")} error={error}>
        {(a) => (
          <textarea
            {...a}
            ref={ref}
            name="reply"
            rows={4}
            value={text}
            onInput={(e) => {
              setText(e.currentTarget.value);
              setError(undefined);
            }}
            onKeyDown={(e) => e.key === "Escape" && props.onCancel()}
          />
        )}
      </Field>
      <div class="actions">
        <button type="submit" class="primary">
          {t("sendReply")}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}

function MediaViewer(props: { review: AdminReview; index: number; onClose(): void }) {
  const m = props.review.media[props.index];
  if (!m) return null;
  const label = t(m.kind === "video" ? "videoOf" : "mediaOf", {
    n: props.index + 1,
    name: isolate(props.review.author.name),
  });
  return (
    <Dialog title={label} onClose={props.onClose} wide>
      {m.kind === "video" ? (
        // biome-ignore lint/a11y/useMediaCaption: shoppers' own videos come without captions
        <video class="full" src={moderatorFile(m.url)} controls width={m.width} height={m.height} />
      ) : (
        <img class="full" src={moderatorFile(m.url)} alt={label} width={m.width} height={m.height} />
      )}
    </Dialog>
  );
}

function KeyboardHelp(props: { onClose(): void }) {
  const keys: [string, MessageKey][] = [
    ["j", "keyNext"],
    ["k", "keyPrevious"],
    ["a", "keyApprove"],
    ["r", "keyReject"],
    ["e", "keyReply"],
    ["x", "keySelect"],
    ["?", "keyHelp"],
  ];
  return (
    <Dialog title={t("keyboardHelp")} onClose={props.onClose}>
      <dl class="keys">
        {keys.map(([key, what]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{t(what)}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
