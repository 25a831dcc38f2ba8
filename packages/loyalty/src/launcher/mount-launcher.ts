// The launcher: a small fixed button (or an in-flow one with data-launcher="inline") that opens the
// panel. Plain DOM on purpose: with Preact and ui's chunk a page with only the launcher would load
// twice as much; the panel brings both when it first opens.
import {
  type Catalogs,
  catalogsFor,
  createI18n,
  followTokenAttribute,
  getStore,
  type I18n,
  isPending,
  keptDialog,
  type LoadableCatalogs,
  mountSpeaking,
  type PlauditStore,
  resolveLocale,
  shopperToken,
  type WidgetConfig,
} from "@plaudit/core";
import { createLoyaltyController } from "../loyalty-controller.ts";
import { inlineLoadable } from "../messages/loadable.ts";
import type { OpenPanelOptions } from "../panel/open-panel.tsx";
import { pointsNameOf, pointsText } from "../points-text.ts";
import { launcherCss } from "./launcher-styles.ts";

export interface PanelModule {
  openPanel(options: OpenPanelOptions): () => void;
  /** The panel's catalogs: its English in the panel's chunk, the other languages their own. */
  loyaltyLoadable: LoadableCatalogs;
}

export interface MountLauncherOptions {
  host: HTMLElement;
  root: ShadowRoot;
  config: WidgetConfig;
  /** Default: the page's shared store. */
  store?: PlauditStore;
  /** Default: the panel's own chunk. */
  loadPanel?: () => Promise<PanelModule>;
}

const loadPanelChunk = () => import("../panel/open-panel.tsx");
// The panel chunk once it came: a launcher put in place of one whose panel was open opens its own
// in the task it mounts in, before the copy's goes (nothing flashes, the focus stays in the panel).
const atHand = new WeakMap<() => Promise<PanelModule>, PanelModule>();

const SVG = "http://www.w3.org/2000/svg";
// A gift box, decorative: the button's text names it.
const GIFT =
  "M20 7h-2.18A3 3 0 0 0 12 3.76 3 3 0 0 0 6.18 7H4a1 1 0 0 0-1 1v3a1 1 0 0 0 1 1v8a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-8a1 1 0 0 0 1-1V8a1 1 0 0 0-1-1zm-9 13H6v-8h5zm0-10H5V9h6zm0-3H9a1 1 0 1 1 1-1zm2-1a1 1 0 1 1 1 1h-2zm5 14h-5v-8h5zm1-10h-6V9h6z";

function giftIcon(doc: Document): SVGSVGElement {
  const svg = doc.createElementNS(SVG, "svg");
  for (const [name, value] of Object.entries({
    width: "20",
    height: "20",
    viewBox: "0 0 24 24",
    fill: "currentColor",
  }))
    svg.setAttribute(name, value);
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const path = doc.createElementNS(SVG, "path");
  path.setAttribute("d", GIFT);
  svg.append(path);
  return svg;
}

function adoptSheet(root: ShadowRoot, css: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } catch {
    // Browsers without constructable sheets predate the CSP levels that would block this.
    const style = root.ownerDocument.createElement("style");
    style.textContent = css;
    root.prepend(style);
  }
}

export function mountLauncher(options: MountLauncherOptions): () => void {
  const locale = options.config.locale ?? resolveLocale(options.host);
  // In the page's language from the first render: a German page's launcher waits for its catalog.
  return mountSpeaking(locale, inlineLoadable, "loyalty", (i18n) => showLauncher(options, locale, i18n));
}

function showLauncher(
  { host, root, config, store = getStore(), loadPanel = loadPanelChunk }: MountLauncherOptions,
  locale: string,
  i18n: I18n,
): () => void {
  const doc = host.ownerDocument;
  const token = shopperToken(store, config);
  // The page's shopper as it changes: signed out (store.identifyShopper(null), Plaudit.identify(null),
  // the host's data-customer-token removed) shows the guest view; another token, that shopper.
  const controller = createLoyaltyController({ store, config, customerToken: () => store.customerToken() });
  const unfollow = followTokenAttribute(store, host);
  const options = config.options;

  adoptSheet(root, launcherCss);
  const wrapper = doc.createElement("div");
  wrapper.className = "plaudit-launcher-root";
  wrapper.dir = i18n.dir;
  wrapper.lang = i18n.locale;
  wrapper.dataset.theme = config.theme;
  wrapper.dataset.position = options.position === "start" ? "start" : "end";
  wrapper.dataset.launcher = options.launcher === "inline" ? "inline" : "fixed";
  const button = doc.createElement("button");
  button.type = "button";
  button.className = "plaudit-launcher";
  button.setAttribute("aria-haspopup", "dialog");
  const label = doc.createElement("span");
  label.textContent = i18n.t("launcher.label");
  const balance = doc.createElement("span");
  balance.className = "plaudit-launcher-balance";
  button.append(giftIcon(doc), label, " ", balance);
  wrapper.append(button);
  // The panel renders here, beside the button: the Dialog goes to the top layer anyway.
  const panelSlot = doc.createElement("div");
  panelSlot.className = "plaudit-launcher-slot"; // until the panel makes it its .plaudit-root
  root.append(wrapper, panelSlot);

  // The name comes from the visible text ("Rewards 650 points"), so speech input users can say
  // what they see (WCAG 2.5.3).
  const showBalance = () => {
    const { member: me, program } = controller.getState();
    const points = me.status === "ready" ? me.data?.balance : undefined;
    balance.hidden = points === undefined;
    balance.textContent =
      points === undefined ? "" : pointsText(i18n, points, pointsNameOf(i18n.locale, me.data, program.data));
    // A member's button shows once its balance is known (or known missing): appearing at its
    // final width moves nothing, where growing by the balance would shift it (CLS).
    wrapper.toggleAttribute(
      "data-waiting",
      Boolean(token) && (me.status === "idle" || me.status === "loading"),
    );
  };
  const unsubscribe = controller.subscribe(showBalance);
  showBalance();
  // Members see their balance on the button; guests cost no request until they open the panel.
  if (token) controller.loadMember();

  let closePanel: (() => void) | undefined;
  let opening = false;
  const links = {
    joinUrl: options.joinUrl,
    signInUrl: options.signinUrl ?? options.signInUrl,
  };
  const open = (panel: PanelModule, catalogs: Catalogs, was?: HTMLDialogElement) => {
    atHand.set(loadPanel, panel);
    closePanel = panel.openPanel({
      host,
      root,
      container: panelSlot,
      controller,
      i18n: createI18n(locale, catalogs),
      theme: config.theme,
      links,
      opener: button,
      was,
      onClose() {
        closePanel?.();
        closePanel = undefined;
      },
    });
  };
  const failed = (error: unknown) => store.events.emit("error", { error, kind: "loyalty", element: host });
  const onClick = async () => {
    if (closePanel || opening) return;
    opening = true;
    try {
      const panel = await loadPanel();
      open(panel, await catalogsFor(locale, panel.loyaltyLoadable));
    } catch (error) {
      failed(error);
    } finally {
      opening = false;
    }
  };
  button.addEventListener("click", onClick);
  // Mounted over the copy of a launcher whose panel was open (the page swapped its host for an
  // equal one: core's kept-widget.ts): the panel stays open, now this launcher's.
  const was = keptDialog(root);
  const panel = was && atHand.get(loadPanel);
  const catalogs = panel && catalogsFor(locale, panel.loyaltyLoadable);
  try {
    if (catalogs && !isPending(catalogs)) open(panel, catalogs, was);
  } catch (error) {
    failed(error);
  }

  return () => {
    closePanel?.();
    closePanel = undefined;
    button.removeEventListener("click", onClick);
    unsubscribe();
    unfollow();
    controller.destroy();
    wrapper.remove();
    panelSlot.remove();
  };
}
