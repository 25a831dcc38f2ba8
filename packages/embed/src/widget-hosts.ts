import { HELD_MS, type Mounted, nextTask, type Painted } from "@plaudit/core";
import type { WidgetConfig } from "@plaudit/core/config";
import type { PlauditEvents } from "@plaudit/core/events";
import type { ChunkMap, EntryChunk, PaintChunk } from "./entry-module.ts";
import type { ReportError } from "./report-error.ts";

/** What `Plaudit.mount(el, opts)` may set on top of the element's own data attributes. */
export interface MountRequest extends Partial<WidgetConfig> {
  kind?: string;
}

export interface WidgetHosts {
  /** Finds `[data-plaudit]` hosts in and under `root`; each mounts when it nears the viewport. */
  scan(root: ParentNode): void;
  /** Mounts `host` now (no waiting for the viewport); never rejects. */
  mount(host: HTMLElement, request?: MountRequest): Promise<void>;
  unmount(host: HTMLElement): void;
  /** Remounts every host (widgets load their data again) and looks for new ones. */
  refresh(): void;
  /** Follows the document: added hosts mount, removed ones unmount, a new product id, locale or theme remounts. */
  watch(): void;
  stop(): void;
}

export interface WidgetHostsOptions {
  document: Document;
  chunks: ChunkMap;
  /**
   * Kind → the paint chunk that shows its server-rendered markup first (docs/widget-contract.md,
   * "Painted first"); the kind's own chunk then loads when the shopper reaches for a widget.
   */
  paints?: ChunkMap;
  /** URL the chunk paths are relative to (plaudit.js's own URL). */
  base: string;
  inherited: Partial<WidgetConfig>;
  importChunk(url: string): Promise<EntryChunk | PaintChunk>;
  reportError: ReportError;
  events: PlauditEvents;
}

interface HostState {
  kind: string;
  request: MountRequest | undefined;
  unmount?: Mounted;
  /** Showing its server-rendered markup, its code not loaded yet (or loading: `live`). */
  painted?: Painted;
  live?: boolean;
}

// A star badge the server rendered, as it stands (consider): nothing to hand over or take back.
// Its code mounts over the server's markup when the page comes alive (wake), as over painted markup.
const AS_RENDERED: Painted = {
  used: new Promise(() => undefined),
  handOver: () => () => undefined,
  release: () => undefined,
};

const HOST = "[data-plaudit]";

// Every byte here ships in plaudit.js (budget 2.72 KB gzipped): plain functions over one Map.
export function createWidgetHosts(options: WidgetHostsOptions): WidgetHosts {
  const { document: doc, chunks, paints = {}, base, inherited, importChunk, reportError, events } = options;
  const hosts = new Map<HTMLElement, HostState>();
  // One import() per chunk, however many hosts of its kind (a collection page has 24 badges); a
  // failed one is forgotten, so a later host or refresh() asks again.
  const imports = new Map<string, Promise<EntryChunk>>();
  const importOnce = (url: string) => {
    let pending = imports.get(url);
    if (!pending) {
      pending = importChunk(url) as Promise<EntryChunk>;
      pending.catch(() => imports.delete(url));
      imports.set(url, pending);
    }
    return pending;
  };
  // Load a little before the host scrolls into view, so the widget is there when the shopper is.
  const nearViewport =
    typeof IntersectionObserver === "function"
      ? new IntersectionObserver(
          (entries) => {
            for (const entry of entries) {
              if (entry.isIntersecting) {
                nearViewport!.unobserve(entry.target);
                load(entry.target as HTMLElement);
              } else unhide(entry.target as HTMLElement);
            }
          },
          { rootMargin: "300px" },
        )
      : undefined;
  // Widgets taken out of the page, by kind and product, for HELD_MS: a host put in place of one, in
  // the same task or after a round trip (a section re-render, an SPA's or a framework's swap, the
  // same element put back), is painted from it at once — a live one's copy as last drawn (core's
  // kept-widget.ts), else its first paint.
  const held = new Map<string, Painted>();
  const heldAs = (host: HTMLElement, kind: string) => `${kind} ${host.dataset.productId}`;
  const mutations = new MutationObserver((records) => {
    // Hosts taken out first, so one put in their place in this task finds them held. A host moved
    // elsewhere in the page is still connected and keeps its widget.
    for (const [host] of hosts) if (!host.isConnected) unmount(host, true);
    for (const record of records) {
      const target = record.target as HTMLElement;
      if (record.type === "childList") {
        // Not one put in and taken out again in this task (a swap to B and back to A): B's hosts
        // were never shown, and are not read for.
        for (const node of record.addedNodes)
          if (node.isConnected && node.nodeType === 1) scan(node as Element);
      } else if (target.getAttribute(record.attributeName!) !== record.oldValue) {
        if (hosts.has(target)) remount(target);
        else consider(target);
      }
    }
  });

  // Explicit mounts (with a request) load at once; found hosts wait until they near the viewport,
  // except kinds that show in a viewport corner wherever their host sits (the loyalty launcher).
  function consider(host: HTMLElement, request?: MountRequest, again?: boolean): Promise<void> | undefined {
    const kind = request?.kind ?? host.getAttribute("data-plaudit");
    if (!kind || hosts.has(host)) return;
    const state: HostState = { kind, request };
    hosts.set(host, state);
    // Server markup the page put in with innerHTML or DOMParser (a section re-render, Turbo, htmx, a
    // <template> clone) keeps its declarative shadow root as an inert <template shadowrootmode>:
    // attached here, as the parser would have, so it shows at once as the server rendered it.
    const inert =
      !host.shadowRoot && host.querySelector<HTMLTemplateElement>(":scope>template[shadowrootmode]");
    if (inert) {
      host.attachShadow({ mode: "open" }).append(inert.content);
      inert.remove();
    }
    const root = host.shadowRoot;
    // A star badge the server painted (docs/ssr.md) is a link: it needs no code, so a page of them
    // (a collection page) loads no chunk at all. Not when its style was refused (the paint chunk
    // adopts it) or its product changed since (`again`: its code renders the new one). Found once
    // the page came alive, it gets its code at once, as a painted host does.
    let painted =
      kind === "stars" &&
      !request &&
      !again &&
      root?.querySelector(".plaudit-root") &&
      root.querySelector("style")?.sheet !== null
        ? AS_RENDERED
        : undefined;
    // In place of a host taken out (held): painted now, before the next frame, from the markup the
    // old one got (Painted's `again`, which answers only when this host's config asks for that
    // markup: a variant's id may differ), so nothing flashes or moves; its code mounts as for any
    // painted host.
    if (!request) painted ??= held.get(heldAs(host, kind))?.again?.(host, inherited);
    if (painted) shown(host, state, painted);
    else if (nearViewport && !request && kind !== "loyalty") nearViewport.observe(host);
    else {
      unhide(host);
      return load(host);
    }
  }

  // A theme that hides empty elements (Dawn's `div:empty{display:none}`) hides an empty host for
  // good: its widget is in a shadow root, which :empty does not see, and a hidden host never
  // nears the viewport. A space is content to :empty and draws nothing. Asked when the observer
  // reports a host out of view (the page's style is computed by then; asking as each host is found
  // made the browser compute it inside the loader: +1 ms CPU on a collection page, bench:cpu).
  function unhide(host: HTMLElement): void {
    if (!host.firstChild && getComputedStyle(host).display === "none") host.append(" ");
  }

  // The config a host's chunk reads (its own validation: the loader carries none).
  const configOf = (
    host: HTMLElement,
    state: HostState,
    chunk: { readConfig: EntryChunk["readConfig"] },
  ) => ({
    ...chunk.readConfig(host, inherited),
    ...state.request,
  });

  async function load(host: HTMLElement): Promise<void> {
    const state = hosts.get(host);
    if (!state) return;
    const { kind } = state;
    try {
      if (!chunks[kind]) throw new Error(`[plaudit] unknown data-plaudit="${kind}"`);
      const painter = paints[kind];
      // A paint chunk that cannot load or throws: the kind's code mounts as it would without one.
      if (painter && (await paint(host, state, painter).catch(() => false))) return;
      await mount(host, state);
    } catch (error) {
      reportError(error, kind, host);
    }
  }

  // Shows the server's markup; answers whether it did (else the kind's code mounts as usual).
  async function paint(host: HTMLElement, state: HostState, painter: string): Promise<boolean> {
    const chunk = (await importOnce(new URL(painter, base).href)) as unknown as PaintChunk;
    if (hosts.get(host) !== state) return true;
    // No shadow root yet: the painter attaches one when it has markup, so the host's own content
    // shows until then (and stays as the fallback when nothing can be painted).
    const painted = await chunk.paint({
      kind: state.kind,
      host,
      root: host.shadowRoot,
      config: configOf(host, state, chunk),
    });
    // Unmounted or remounted meanwhile: nothing to mount for this state either. Remounted, its
    // markup shows until the new paint's is in (the older product's answer came first).
    if (hosts.get(host) !== state) {
      painted?.release(hosts.has(host));
      return true;
    }
    if (!painted) return false;
    shown(host, state, painted);
    return true;
  }

  function shown(host: HTMLElement, state: HostState, painted: Painted): void {
    state.painted = painted;
    events.emit("widget:mounted", { kind: state.kind, element: host });
    // A live widget's copy: its code comes now, as it was there before. Painted after the page came
    // alive (a badge an infinite scroll added): its code comes now too.
    if (painted.live) live(host, state);
    else if (awake) wake();
    else void painted.used.then(wake);
  }

  // The shopper reached for a painted widget: every painted widget on the page gets its code, so
  // they share one live store from here on (the badge follows the reviews it links to).
  let awake = false;
  function wake(): void {
    awake = true;
    for (const [host, state] of hosts) if (state.painted && !state.live) live(host, state);
  }

  function live(host: HTMLElement, state: HostState): void {
    state.live = true;
    void mount(host, state).catch((error: unknown) => {
      reportError(error, state.kind, host);
      // A network blip must not leave the widget dead (its clicks held for good): the
      // shopper's next press, focus or key asks again.
      state.live = false;
      for (const type of ["pointerdown", "focusin", "keydown"]) {
        host.addEventListener(type, wake, { once: true });
      }
    });
  }

  async function mount(host: HTMLElement, state: HostState): Promise<void> {
    const { kind } = state;
    const entry = await importOnce(new URL(chunks[kind]!, base).href);
    doc.defaultView?.performance?.mark?.(`plaudit:${kind}:chunk-loaded`);
    // A German or Hebrew page's catalog (its own chunk): painted markup is handed over only when
    // the code can render it in that language at once, with the held clicks done on live markup.
    await entry.ready?.({ host, config: configOf(host, state, entry) });
    // Each widget mounts in a task of its own: no two mounts make one long task.
    await nextTask();
    // Unmounted or remounted while the chunk was on its way.
    if (hosts.get(host) !== state) return;
    const config: WidgetConfig = configOf(host, state, entry);
    // Attached only now, so whatever the page put inside the host shows while loading and
    // stays as the fallback when the chunk cannot load.
    const root = host.shadowRoot ?? host.attachShadow({ mode: "open" });
    // Over painted markup: the widget hydrates it in place, then what the shopper did meanwhile
    // is done again.
    const replay = state.painted?.handOver();
    state.unmount = entry.mount({ host, root, config });
    replay?.();
    if (!state.painted) events.emit("widget:mounted", { kind, element: host });
  }

  // `leave`: a remount — a painted widget keeps showing until its new markup is in — or taken out
  // of the page (held: it may come back, or another host in its place).
  function unmount(host: HTMLElement, leave = false): void {
    const state = hosts.get(host);
    if (!state) return;
    hosts.delete(host);
    nearViewport?.unobserve(host);
    const { painted } = state;
    // Live: a copy as the shopper last saw it, newer than the first paint (a review written, a vote).
    const kept = host.isConnected ? undefined : (state.unmount?.keep?.() ?? painted);
    if (kept) {
      const as = heldAs(host, state.kind);
      held.set(as, kept);
      setTimeout(() => held.get(as) === kept && held.delete(as), HELD_MS);
    }
    if (!state.unmount && !painted) return;
    try {
      state.unmount?.();
      state.painted?.release(leave);
      events.emit("widget:unmounted", { kind: state.kind, element: host });
    } catch (error) {
      reportError(error, state.kind, host);
    }
  }

  function remount(host: HTMLElement): void {
    const request = hosts.get(host)?.request;
    unmount(host, true);
    consider(host, request, true);
  }

  function scan(root: ParentNode): void {
    if ((root as Element).matches?.(HOST)) consider(root as HTMLElement);
    for (const host of root.querySelectorAll<HTMLElement>(HOST)) consider(host);
  }

  return {
    scan,
    async mount(host, request = {}) {
      unmount(host, true);
      await (consider(host, request) ?? reportError(new Error("[plaudit] mount(el) needs data-plaudit")));
    },
    unmount: (host) => unmount(host),
    refresh() {
      for (const host of [...hosts.keys()]) remount(host);
      scan(doc);
    },
    watch() {
      mutations.observe(doc, {
        childList: true,
        subtree: true,
        attributes: true,
        attributeOldValue: true,
        // The host's own config (readConfig): a theme's dark-mode switch or language picker that
        // sets data-theme or data-locale on the host gets a widget in that theme or language.
        attributeFilter: ["data-plaudit", "data-product-id", "data-locale", "data-theme"],
      });
    },
    stop() {
      mutations.disconnect();
      nearViewport?.disconnect();
      for (const host of [...hosts.keys()]) unmount(host);
    },
  };
}
