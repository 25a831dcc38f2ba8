// Where the keyboard goes when the page takes the launcher out for good with its panel open (a
// section removed, an SPA's route without it). The browser leaves it on <body>: a screen reader
// reads nothing, the next Tab starts at the page's top. The panel's own rule (return focus to what
// opened it, WAI-ARIA APG's dialog pattern) has no opener left, so the next best, in order:
//   1. another launcher on the page (a theme's section put one back with other settings): the
//      same control the shopper opened the panel with;
//   2. the nearest part of the page that held the launcher and is still there: Tab goes on from
//      where the launcher was, and a screen reader says where that is;
//   3. the page's main content (`<main>`), as an SPA's route change would.
// Focused without scrolling (the page stays where the shopper had it); a container gets
// `tabindex="-1"` (focusable by script, out of the Tab order) only when it has no tabindex of its own.
const LAUNCHERS = '[data-plaudit="loyalty"],plaudit-loyalty';

/** The launchers' shadow roots on the page. */
export const launcherRoots = (doc: Document): ShadowRoot[] =>
  [...doc.querySelectorAll(LAUNCHERS)].flatMap((host) => host.shadowRoot ?? []);

export function focusWhereItWas(doc: Document, around: Element[]): void {
  // The page put the focus somewhere itself.
  if (doc.activeElement && doc.activeElement !== doc.body) return;
  const launcher = launcherRoots(doc)
    .map((root) => root.querySelector<HTMLElement>(".plaudit-launcher"))
    .find(Boolean);
  const place =
    launcher ??
    around.find((el) => el.isConnected && el !== doc.body && el !== doc.documentElement) ??
    doc.querySelector("main,[role=main]");
  if (place instanceof HTMLElement || place instanceof SVGElement) {
    if (place.tabIndex < 0 && !place.hasAttribute("tabindex")) place.setAttribute("tabindex", "-1");
    place.focus({ preventScroll: true });
  }
}
