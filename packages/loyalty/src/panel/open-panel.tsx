// The panel's chunk entry: loaded by the launcher on first open (dynamic import), so a page with
// only the launcher never downloads the panel, Preact's views or the ui primitives.
import { HELD_MS, type I18n, keptDialog, type LoadableCatalogs, type Theme } from "@plaudit/core";
import { adoptStyles, baseCss, dialogCss, ErrorBoundary, lockPageScroll, themeCss } from "@plaudit/ui";
import { render } from "preact";
import type { LoyaltyController } from "../loyalty-controller.ts";
import { en } from "../messages/en.ts";
import { otherLanguages } from "../messages/loadable.ts";
import { asItWas } from "./as-it-was.ts";
import { focusWhereItWas, launcherRoots } from "./focus-after.ts";
import { LoyaltyPanel, type PanelLinks } from "./loyalty-panel.tsx";
import { panelCss } from "./panel-styles.ts";
import { safeLinkUrl } from "./safe-url.ts";

/** The panel's catalogs: its English here, German and Hebrew in their own chunks (the launcher's too). */
export const loyaltyLoadable: LoadableCatalogs = { en, ...otherLanguages };

export interface OpenPanelOptions {
  host: HTMLElement;
  root: ShadowRoot;
  /** Where the panel renders, inside `root` (the launcher's own button stays untouched). */
  container: HTMLElement;
  controller: LoyaltyController;
  i18n: I18n;
  theme: Theme;
  /** As written in data-join-url / data-signin-url: only http(s) URLs become links. */
  links: PanelLinks;
  /** Gets focus back when the panel closes. */
  opener: HTMLElement;
  /** The shopper closed the panel (Escape, ×, back gesture). */
  onClose(): void;
  /**
   * The open panel of the launcher this one replaces, as copied into `root` (core's keptDialog: the
   * page swapped the launcher's host for an equal one): this panel opens with the keyboard on the
   * same control and its boxes scrolled as there.
   */
  was?: HTMLDialogElement;
}

// The page's scroll, still locked for the copy of a panel the page took out with its host (core's
// kept-widget.ts shows it, modal, in an equal host put in its place) until this chunk's panel opens
// again there, a task later: the page behind never scrolls, nor its scrollbar comes and goes.
let handing: (() => void) | undefined;

/** Renders the open panel; answers the function that closes it (focus goes back to the opener). */
export function openPanel(options: OpenPanelOptions): () => void {
  const { root, container, host, was } = options;
  const old = was && asItWas(was, root.activeElement);
  const dialog = () => container.querySelector("dialog")!;
  adoptStyles(root, [themeCss, baseCss, dialogCss, panelCss]);
  // ui's Dialog takes its theme tokens, direction and language from the widget root around it.
  container.className = "plaudit-root";
  container.dataset.theme = options.theme;
  container.dir = options.i18n.dir;
  container.lang = options.i18n.locale;
  render(
    <ErrorBoundary kind="loyalty" element={host}>
      <LoyaltyPanel
        controller={options.controller}
        i18n={options.i18n}
        links={{
          joinUrl: safeLinkUrl(options.links.joinUrl, host.ownerDocument.baseURI),
          signInUrl: safeLinkUrl(options.links.signInUrl, host.ownerDocument.baseURI),
        }}
        onClose={options.onClose}
        returnFocusTo={options.opener}
        initialFocus={old && (() => old.focus(dialog()))}
      />
    </ErrorBoundary>,
    container,
  );
  // Rendered and focused by now (Preact's layout effects run in render): scrolled where it was.
  old?.scroll(dialog());
  handing?.();
  handing = undefined;
  // Where the launcher sits in the page, for the keyboard if the page takes it out for good.
  const around: Element[] = [];
  for (let el = host.parentElement; el; el = el.parentElement) around.push(el);
  return () => {
    if (host.isConnected) return render(null, container);
    // Closed because the page took the launcher out: once the page's swap is done, either an equal
    // launcher put in its place shows the panel (the keyboard in it) and opens it again, or it is
    // gone for good and the keyboard goes where the launcher was, not left on <body>.
    const hold = lockPageScroll(host.ownerDocument);
    render(null, container);
    queueMicrotask(() => {
      const doc = host.ownerDocument;
      if (!launcherRoots(doc).some(keptDialog)) {
        hold();
        return focusWhereItWas(doc, around);
      }
      handing?.();
      handing = hold;
      // Its code never came (it threw): the page scrolls again.
      setTimeout(hold, HELD_MS);
    });
  };
}
