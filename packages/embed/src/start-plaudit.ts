import { getEvents, type PlauditEventMap } from "@plaudit/core/events";
import type { ChunkMap, EntryChunk } from "./entry-module.ts";
import { createErrorReporter } from "./report-error.ts";
import { readScriptConfig } from "./script-config.ts";
import { createWidgetHosts, type MountRequest, type WidgetHosts } from "./widget-hosts.ts";

type Listener<K extends keyof PlauditEventMap> = (detail: PlauditEventMap[K]) => void;

/** A call queued before plaudit.js arrived: `["on", "error", fn]`, or a function given the API. */
export type QueuedCall = [string, ...unknown[]] | ((api: PlauditApi) => void);

/** `window.Plaudit` once the loader runs. */
export interface PlauditApi {
  readonly version: string;
  mount(el: HTMLElement, request?: MountRequest): Promise<void>;
  unmount(el: HTMLElement): void;
  refresh(): void;
  on<K extends keyof PlauditEventMap>(name: K, fn: Listener<K>): () => void;
  off<K extends keyof PlauditEventMap>(name: K, fn: Listener<K>): void;
  /**
   * The page's shopper from now on: a new signed customer token (signed in), or null (signed out:
   * every widget shows its guest view). For single-page storefronts that sign in or out without a
   * page load. It writes the script tag's data-customer-token (empty: signed out), which the
   * widgets' store follows.
   */
  identify(customerToken: string | null): void;
  /** Runs calls at once; the queue stub's `push` keeps working after the loader arrives. */
  push(...calls: QueuedCall[]): void;
  /** Disconnects the observers and unmounts every widget (tests, teardown). */
  destroy(): void;
}

export interface StartOptions {
  window: Window;
  script: HTMLScriptElement | null;
  chunks: ChunkMap;
  /** Kind → its paint chunk (docs/widget-contract.md, "Painted first"); none: every kind mounts at once. */
  paints?: ChunkMap;
  version: string;
  importChunk?: (url: string) => Promise<EntryChunk>;
}

/** Boots Plaudit once per page; a second copy finds the first and leaves it alone. */
export function startPlaudit(options: StartOptions): PlauditApi | undefined {
  const { window: win, script, chunks, version } = options;
  const page = win as unknown as { Plaudit?: PlauditApi | QueuedCall[] };
  const queued = page.Plaudit;
  // A copy that came first has a version. Anything else under the name is not one: the queue, or
  // an element with id="Plaudit" (the browser names it window.Plaudit), or another script's object.
  if ((queued as PlauditApi | undefined)?.version) return;

  // Timings a merchant's monitoring can read (docs/operations.md): loader-start, then per kind
  // chunk-loaded (in widget-hosts) and content (in the widget).
  win.performance?.mark?.("plaudit:loader-start");
  const doc = win.document;
  const base = script?.src || doc.baseURI;
  const events = getEvents();
  const reportError = createErrorReporter();
  const hosts: WidgetHosts = createWidgetHosts({
    document: doc,
    chunks,
    paints: options.paints ?? {},
    base,
    inherited: readScriptConfig(script),
    importChunk: options.importChunk ?? ((url) => import(/* @vite-ignore */ url)),
    reportError,
    events,
  });
  const api: PlauditApi = {
    version,
    mount: hosts.mount,
    unmount: hosts.unmount,
    refresh: hosts.refresh,
    // The bus's methods close over it, so they work unbound.
    on: events.on,
    off: events.off,
    // The tag's attribute is the page's token: the store follows it (and a store made later reads
    // it); empty is "signed out".
    identify: (token) => script?.setAttribute("data-customer-token", token || ""),
    push(...calls) {
      for (const call of calls) {
        try {
          if (typeof call === "function") call(api);
          else
            (api as unknown as Record<string, (...args: unknown[]) => unknown>)[call[0]]!(...call.slice(1));
        } catch (error) {
          reportError(error);
        }
      }
    },
    destroy() {
      hosts.stop();
      if (page.Plaudit === api) delete page.Plaudit;
    },
  };
  page.Plaudit = api;
  // Replayed before the first scan, so queued `on("error")` listeners hear the first mounts.
  if (Array.isArray(queued)) api.push(...queued);
  hosts.scan(doc);
  hosts.watch();
  return api;
}
