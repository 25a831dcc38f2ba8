// Where the keyboard is in a widget, and how it gets back there when the page swaps the widget's
// host for an equal one (a section re-render, an SPA's swap): the control at the same place in the
// new widget, found by its path of child positions from the shadow root. Tag and text would find
// the first of two "Helpful" buttons in different cards; a path finds the one the shopper was on.
// Plain DOM, nothing else: the paint chunk and every widget's entry share it.

/** Child positions (elements only) from a shadow root down to a control. */
export type FocusPath = number[];

/** The path of `el` in `root`; undefined when it is not in `root`. */
export function pathIn(root: ShadowRoot, el: Element | null | undefined): FocusPath | undefined {
  if (!el || el.getRootNode() !== root) return undefined;
  const path: FocusPath = [];
  for (let node: Node = el; node !== root; node = node.parentNode!) {
    path.unshift([...(node.parentNode as ParentNode).children].indexOf(node as Element));
  }
  return path;
}

const CONTROL = "a[href],button:not([disabled]),input,select,textarea,[tabindex]";

/**
 * Puts the keyboard on the control at `path` in `root` when the page left it on <body> (the old
 * host took it along when it was taken out). Gone from the new widget (its card was removed, the
 * panel it was in is closed): on the widget's first control, else on the host itself — the widget,
 * never the page's top, where the next Tab would start over (WCAG 2.4.3).
 */
export function focusAt(root: ShadowRoot, path: FocusPath | undefined): void {
  const doc = root.ownerDocument;
  if (!path || (doc.activeElement && doc.activeElement !== doc.body)) return;
  let at: ParentNode | undefined = root;
  for (const index of path) at = at?.children[index];
  const host = root.host as HTMLElement;
  const found = at === root ? undefined : (at as Element | undefined);
  for (const control of [found, found?.closest(CONTROL), root.querySelector(CONTROL)]) {
    (control as HTMLElement | null | undefined)?.focus({ preventScroll: true });
    if (root.activeElement) return;
  }
  // No control at all (a balance, a badge without its link): the host, out of the Tab order.
  if (!host.hasAttribute("tabindex")) host.tabIndex = -1;
  host.focus({ preventScroll: true });
}

export interface FollowedFocus {
  /** The control the keyboard is on in the widget (kept when the host is taken out with it). */
  at?: Element;
  stop: AbortController;
}

/**
 * Where the keyboard is in a widget (painted or live: the same host), until it leaves for the page.
 * A page that takes the host out takes the focus with it (to <body>, no focusout while the page's
 * script runs): `at` stays, for the host put in its place.
 */
export function followFocus(host: HTMLElement): FollowedFocus {
  // Already there: a painted widget's code mounting because the keyboard came to it.
  const focus: FollowedFocus = {
    at: host.shadowRoot?.activeElement ?? undefined,
    stop: new AbortController(),
  };
  const { signal } = focus.stop;
  host.addEventListener(
    "focusin",
    (event) => {
      focus.at = event.composedPath()[0] as Element;
    },
    { signal },
  );
  // Left for the page (a click elsewhere, Tab past the widget): forgotten. Taken out with its host:
  // kept. Asked after the page's script, whose removal may have sent this.
  const left = () => {
    if (host.isConnected) focus.at = undefined;
  };
  host.addEventListener("focusout", () => queueMicrotask(left), { signal });
  return focus;
}
