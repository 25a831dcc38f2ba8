// Keyboard focus helpers that work inside a shadow root. There `document.activeElement` is the
// shadow host, so "where is focus" is asked of the container's own root node instead.

const TABBABLE = [
  "a[href]",
  "area[href]",
  "button",
  "input",
  "select",
  "textarea",
  "iframe",
  "summary",
  // A video or audio with native controls is a tab stop too (a lone video in the lightbox).
  "[controls]",
  "[contenteditable]",
  "[tabindex]",
].join(",");

/** The element that has focus within `node`'s tree: its shadow root's, or the document's. */
export function activeElementOf(node: Node): Element | null {
  const root = node.getRootNode() as Document | ShadowRoot;
  return root.activeElement ?? null;
}

/** The focused element of the page, looking through open shadow roots down to the innermost one. */
export function deepActiveElement(doc: Document = document): Element | null {
  let active: Element | null = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

function isTabbable(el: HTMLElement): boolean {
  if (el.tabIndex < 0) return false;
  if (el.getAttribute("tabindex") === "-1") return false;
  if ((el as HTMLInputElement).disabled) return false;
  if (el instanceof HTMLInputElement && el.type === "hidden") return false;
  // Hidden or inert subtrees cannot take focus; layout is not consulted so this also holds in tests.
  if (el.closest("[hidden],[inert]")) return false;
  // A radio group is one tab stop: only its checked radio (or the first when none is checked).
  if (el instanceof HTMLInputElement && el.type === "radio" && el.name && !el.checked) {
    const form = el.form ?? el.getRootNode();
    const group = [...(form as ParentNode).querySelectorAll<HTMLInputElement>("input[type=radio]")].filter(
      (r) => r.name === el.name,
    );
    if (group.some((r) => r.checked) || group[0] !== el) return false;
  }
  return true;
}

/** Tab-reachable elements inside `container`, in document order (positive tabindex is not honoured). */
export function tabbablesWithin(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(TABBABLE)].filter(isTabbable);
}

/**
 * Keeps Tab and Shift+Tab inside `container`: from the last tab stop to the first and back.
 * Call it from the container's keydown handler; it answers whether it moved focus.
 */
export function wrapTabKey(container: HTMLElement, event: KeyboardEvent): boolean {
  if (event.key !== "Tab" || event.altKey || event.ctrlKey || event.metaKey) return false;
  const stops = tabbablesWithin(container);
  const first = stops[0];
  const last = stops[stops.length - 1];
  if (!first || !last) {
    // Nothing to tab to: keep focus where it is rather than letting it leave the dialog.
    event.preventDefault();
    return true;
  }
  const active = activeElementOf(container);
  const inside = active !== null && container.contains(active);
  if (event.shiftKey && (!inside || active === first || active === container)) {
    event.preventDefault();
    last.focus();
    return true;
  }
  if (!event.shiftKey && (!inside || active === last)) {
    event.preventDefault();
    first.focus();
    return true;
  }
  return false;
}
