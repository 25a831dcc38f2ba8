// The panel's chunk entry: loaded by the launcher on first open (dynamic import), so a page with
// only the launcher never downloads the panel, Preact's views or the ui primitives.
import type { I18n, LoadableCatalogs, Theme } from "@plaudit/core";
import { adoptStyles, baseCss, dialogCss, ErrorBoundary, themeCss } from "@plaudit/ui";
import { render } from "preact";
import type { LoyaltyController } from "../loyalty-controller.ts";
import { en } from "../messages/en.ts";
import { otherLanguages } from "../messages/loadable.ts";
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
}

/** Renders the open panel; answers the function that closes it (focus goes back to the opener). */
export function openPanel(options: OpenPanelOptions): () => void {
  const { root, container, host } = options;
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
      />
    </ErrorBoundary>,
    container,
  );
  return () => render(null, container);
}
