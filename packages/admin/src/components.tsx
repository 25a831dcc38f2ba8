import type { ComponentChildren, TargetedEvent } from "preact";
import { useEffect, useId, useLayoutEffect, useRef, useState } from "preact/hooks";
import { problemOf } from "./api.ts";
import { t } from "./i18n.ts";

/** A labelled input with its hint and its error right beside it (aria-describedby, aria-invalid). */
export function Field(props: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (attrs: {
    id: string;
    "aria-invalid": boolean;
    "aria-describedby": string | undefined;
  }) => ComponentChildren;
}) {
  const id = useId();
  const described = [props.hint ? `${id}-hint` : "", props.error ? `${id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.children({
        id,
        "aria-invalid": Boolean(props.error),
        "aria-describedby": described || undefined,
      })}
      {props.error && (
        <p class="error" id={`${id}-error`}>
          {props.error}
        </p>
      )}
    </div>
  );
}

/**
 * What the server refused in a form (its 422 `fields`), each message by the form's field its path
 * belongs to (`fieldOf`: undefined for a path the form has no field for); those are said together
 * above the form (`form`).
 */
export function refusedFields(
  fields: Record<string, string>,
  fieldOf: (path: string) => string | undefined,
): Record<string, string> {
  const byField: Record<string, string> = {};
  const others: string[] = [];
  for (const [path, message] of Object.entries(fields)) {
    const name = fieldOf(path);
    if (name) byField[name] ??= message;
    else others.push(`${path}: ${message}`);
  }
  if (others.length > 0) byField.form = t("errorGeneric", { message: others.join("; ") });
  return byField;
}

/** The focus to the first field marked invalid in `form` (a selector), once it is drawn. */
export function focusFirstInvalid(form: string): void {
  requestAnimationFrame(() => {
    const invalid = [...document.querySelectorAll<HTMLElement>(`${form} [aria-invalid=true]`)];
    // A refused field under a closed disclosure (the program's translations) is shown first:
    // every disclosure holding one opens, so none of the errors stays hidden.
    for (const field of invalid) {
      const details = field.closest("details");
      if (details) details.open = true;
    }
    invalid[0]?.focus();
  });
}

/** A modal dialog on the native <dialog>: the browser traps focus and closes it on Escape. */
export function Dialog(props: {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement as HTMLElement | null;
    dialog.showModal();
    return () => {
      dialog.close();
      opener?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      class={props.wide ? "dialog wide" : "dialog"}
      aria-labelledby={titleId}
      onCancel={(e: TargetedEvent<HTMLDialogElement>) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      <div class="dialog-head">
        <h2 id={titleId}>{props.title}</h2>
        <button type="button" class="quiet" onClick={props.onClose}>
          {t("close")}
        </button>
      </div>
      {props.children}
    </dialog>
  );
}

/**
 * What went wrong with a request, in the merchant's words: an answer that never came (offline, the
 * server down) is "cannot be reached", never the app's own code word for it. The server's failures
 * (5xx, or a proxy's page in place of the API's answer — whose status text is empty over HTTP/2),
 * a rate limit and a stale CSRF token are said in the app's language, not as the server's English
 * words or "Something went wrong: ." with nothing after it.
 */
export function problemText(error: unknown): string {
  const problem = problemOf(error);
  if (problem.status === 0) return t("errorNetwork");
  if (problem.status >= 500 || problem.code === "http_error")
    return t("errorServer", { status: String(problem.status) });
  if (problem.code === "rate_limited") return t("errorBusy");
  if (problem.code === "csrf_failed") return t("errorStalePage");
  return t("errorGeneric", { message: problem.message });
}

/**
 * A form that sends one request at a time: `send(work)` does nothing while one is on its way (a
 * double click, Enter pressed twice), and `busy` marks the submit button aria-disabled — not
 * disabled, which drops the focus to the page: the error that follows, or a dialog opened from the
 * button (and closed back to it), would leave a keyboard user at the top.
 */
export function useSending() {
  const sending = useRef(false);
  const [busy, setBusy] = useState(false);
  async function send(work: () => Promise<void>): Promise<void> {
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    try {
      await work();
    } finally {
      sending.current = false;
      setBusy(false);
    }
  }
  return { busy, send };
}

/**
 * The focus to the screen's heading, where a keyboard user carries on when what had the focus is
 * gone (a retried list, a removed row): not the page, where the next Tab starts over at the top.
 */
export function focusHeading(): void {
  const heading = document.querySelector<HTMLElement>("main h1");
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus();
}

/** What went wrong with a request, in words, and a way to try again. */
export function Problem(props: { error: unknown; onRetry?: () => void }) {
  const text = problemOf(props.error).status === 403 ? t("notAllowed") : problemText(props.error);
  return (
    <div class="notice error-notice" role="alert">
      <p>{text}</p>
      {props.onRetry && (
        <button
          type="button"
          onClick={() => {
            focusHeading();
            props.onRetry?.();
          }}
        >
          {t("retry")}
        </button>
      )}
    </div>
  );
}

/**
 * A list's body in every state: what went wrong (with "Try again"), loading, `empty`, or the
 * items (`children`) followed by "Load more" while there is a next page. The next page's first
 * item (`item`, a selector) takes the focus once shown: "Load more" goes away after the last page,
 * and the focus with it. A next page that fails keeps what is shown, its problem (and Try again
 * for that page) below it — the pages read so far are not thrown away.
 */
export function ListBody<T>(props: {
  items: T[] | null;
  failed: unknown;
  load: (cursor?: string) => unknown;
  cursor?: string | null;
  empty: string;
  item?: string;
  children: (items: T[]) => ComponentChildren;
}) {
  const box = useRef<HTMLDivElement>(null);
  const firstNew = useRef<number | null>(null);
  const count = props.items?.length ?? 0;
  useLayoutEffect(() => {
    const at = firstNew.current;
    if (at === null || count <= at) return;
    firstNew.current = null;
    const item = box.current?.querySelectorAll<HTMLElement>(props.item ?? "[data-item]")[at];
    if (!item) return;
    if (!item.hasAttribute("tabindex")) item.tabIndex = -1;
    item.focus();
  });
  const next = props.cursor;
  const more = () => {
    if (!next) return;
    firstNew.current = count;
    void props.load(next);
  };
  if (props.failed && count === 0) return <Problem error={props.failed} onRetry={() => void props.load()} />;
  if (props.items === null) return <Loading />;
  if (props.items.length === 0) return <p class="empty">{props.empty}</p>;
  return (
    <div class="list-body" ref={box}>
      {props.children(props.items)}
      {props.failed ? (
        <Problem error={props.failed} onRetry={more} />
      ) : (
        next && (
          <button type="button" onClick={more}>
            {t("loadMore")}
          </button>
        )
      )}
    </div>
  );
}

/**
 * A screen's live region for what just happened: `children` first (e.g. the queue's undo toasts),
 * then `announce` (a quiet toast) when there is one. Screen readers hear both (role="status").
 */
export function Toasts(props: { announce: string; children?: ComponentChildren }) {
  return (
    <div class="toasts" role="status" aria-live="polite">
      {props.children}
      {props.announce && <p class="toast quiet-toast">{props.announce}</p>}
    </div>
  );
}

export function Loading() {
  return (
    <p class="loading" role="status">
      {t("loading")}
    </p>
  );
}
