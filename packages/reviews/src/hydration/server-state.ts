// The state a server-rendered widget carries in its host (`<script type="application/json"
// data-plaudit-state>`), shared by the server renderer that writes it and the entry chunks that
// read it back: the browser seeds the page's store with it and hydrates instead of fetching.
// The star badge's chunk imports only this file: no list code; the loader's first paint too, so it
// imports of core at run time only toJson, which is in the host chunk the paint already loads
// (seeding the store is in seed-summary.ts).
import { type ReviewPage, type StoreConfig, type Summary, toJson } from "@plaudit/core";

export const STATE_ATTRIBUTE = "data-plaudit-state";
export const DEFAULT_PAGE_SIZE = 10;

export interface ServerState {
  /** Format version: a loader that does not know it renders fresh. */
  v: 1;
  store: string;
  productId: string;
  summary: Summary;
  /** The first page of the default list (newest first); absent for the star badge. */
  reviews?: ReviewPage;
  pageSize?: number;
}

/** JSON that is safe as the text of a `<script>`: no `<`, `>` or `&`, so nothing can end it early. */
export const scriptJson = (value: unknown): string =>
  toJson(value).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** The state script among the host's own children, parsed; undefined when absent or not ours. */
export function readServerState(
  host: Element,
  config: StoreConfig,
  productId: string,
  pageSize = DEFAULT_PAGE_SIZE,
): ServerState | undefined {
  const script = [...host.children].find((child) => child.hasAttribute(STATE_ATTRIBUTE));
  if (!script) return undefined;
  try {
    const state = JSON.parse(script.textContent ?? "") as ServerState;
    const fits =
      state?.v === 1 &&
      state.store === config.store &&
      state.productId === productId &&
      (state.pageSize ?? DEFAULT_PAGE_SIZE) === pageSize;
    return fits && typeof state.summary?.count === "number" ? state : undefined;
  } catch {
    return undefined; // a mangled state only costs a fetch
  }
}

/** The shadow root holds markup the server rendered (declarative shadow DOM), not an empty root. */
export const hasServerMarkup = (root: ShadowRoot): boolean => root.querySelector(".plaudit-root") !== null;
