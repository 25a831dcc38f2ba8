// A modal dialog after the WAI-ARIA APG pattern, built on the native <dialog> element. showModal()
// puts it in the top layer, so a host page's `overflow: hidden`, `transform` or z-index on an
// ancestor cannot clip or bury it, and the rest of the page becomes inert for assistive tech.
// What the platform does not do for us, done here: Tab wraps instead of escaping to the browser
// chrome, focus goes back to the opener (which may sit inside a shadow root), page scroll is
// locked and restored without a scrollbar jump.
import type { ComponentChildren } from "preact";
import { useId, useLayoutEffect, useRef } from "preact/hooks";
import { deepActiveElement, tabbablesWithin, wrapTabKey } from "./focus-trap.ts";
import { lockPageScroll } from "./scroll-lock.ts";

export interface DialogProps {
  /** Rendered while true; closing (false or unmounting) returns focus and page scroll. */
  open: boolean;
  /** The dialog's visible title; it names the dialog (`aria-labelledby`). */
  title: ComponentChildren;
  /** Escape, the close button and the browser's close request (e.g. Android back) call this. */
  onClose(): void;
  /** Accessible name of the × close button, e.g. "Close". */
  closeLabel: string;
  dir?: "ltr" | "rtl";
  lang?: string;
  /** Element to focus on open; defaults to the first tab stop after the close button. */
  initialFocus?: () => HTMLElement | null | undefined;
  /** Element to focus on close; defaults to whatever had focus when the dialog opened. */
  returnFocusTo?: HTMLElement | null;
  class?: string;
  children?: ComponentChildren;
}

export function Dialog(props: DialogProps) {
  return props.open ? <OpenDialog {...props} /> : null;
}

function OpenDialog(props: DialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // Handlers and targets are read at event time, so re-renders never re-run the open effect.
  const latest = useRef(props);
  latest.current = props;

  useLayoutEffect(() => {
    const dialog = dialogRef.current!;
    const doc = dialog.ownerDocument;
    const opener = deepActiveElement(doc);
    const releaseScroll = lockPageScroll(doc);
    try {
      if (!dialog.open) dialog.showModal();
    } catch {
      // No showModal (old browsers) or not connected: the fixed-overlay styles and our own
      // focus trap still give a usable modal.
      dialog.setAttribute("open", "");
    }
    const start =
      latest.current.initialFocus?.() ??
      tabbablesWithin(dialog).find((el) => !el.hasAttribute("data-plaudit-dialog-close")) ??
      tabbablesWithin(dialog)[0];
    start?.focus();

    return () => {
      releaseScroll();
      if (dialog.open && typeof dialog.close === "function") dialog.close();
      const back = latest.current.returnFocusTo ?? opener;
      if (back instanceof HTMLElement && back.isConnected) back.focus();
    };
  }, []);

  const requestClose = () => latest.current.onClose();

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape" && !event.isComposing) {
      // Cancelling the keydown also stops the native `cancel`, so onClose runs once.
      event.preventDefault();
      event.stopPropagation();
      requestClose();
      return;
    }
    wrapTabKey(dialogRef.current!, event);
  };

  const onCancel = (event: Event) => {
    // The platform would close the element itself; the owner decides instead (it unmounts us).
    event.preventDefault();
    requestClose();
  };

  const { title, closeLabel, dir, lang, children } = props;
  return (
    <dialog
      ref={dialogRef}
      class={`plaudit-dialog${props.class ? ` ${props.class}` : ""}`}
      aria-modal="true"
      aria-labelledby={titleId}
      dir={dir}
      lang={lang}
      onKeyDown={onKeyDown}
      onCancel={onCancel}
    >
      <div class="plaudit-dialog-header">
        <h2 id={titleId} class="plaudit-dialog-title">
          {title}
        </h2>
        <button
          type="button"
          class="plaudit-dialog-close"
          aria-label={closeLabel}
          title={closeLabel}
          data-plaudit-dialog-close=""
          onClick={requestClose}
        >
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
            <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" />
          </svg>
        </button>
      </div>
      <div class="plaudit-dialog-body">{children}</div>
    </dialog>
  );
}
