// The server-rendered reviews both sides of the hand-over are tested with (the loader's paint and
// the entry chunks' hydration): fourteen reviews, their first page of ten, and what the widget asks
// and how Preact hydrates, recorded afresh for each test and cleaned after it.
import { getStore } from "@plaudit/core";
import { options } from "preact";
import { afterEach, beforeEach, vi } from "vitest";
import { makeReview, summarize } from "./fake-api.ts";

export const API = "https://reviews.test";
export const reviews = Array.from({ length: 14 }, (_, i) => makeReview(i + 1));
/** What the server renders: the summary and the first page (its cursor after the tenth). */
export const data = {
  summary: summarize("tee", reviews),
  reviews: { items: reviews.slice(0, 10), nextCursor: "10", total: 14 },
};

/**
 * A host of the server's markup (renderReviews' html) as a browser with declarative shadow DOM
 * parses it (happy-dom does not), put in the page.
 */
export function serverHost(html: string): { host: HTMLElement; root: ShadowRoot } {
  const parser = document.createElement("template");
  parser.innerHTML = html;
  const host = parser.content.firstElementChild as HTMLElement;
  const declarative = host.querySelector(":scope > template") as HTMLTemplateElement;
  const root = host.attachShadow({ mode: "open" });
  root.append(declarative.content.cloneNode(true));
  declarative.remove();
  document.body.append(host);
  return { host, root };
}

export interface HandOverRecord {
  /** Path and query of each request, in order. */
  requests: string[];
  /** The cache mode each request asked for. */
  cacheModes: (RequestCache | undefined)[];
  /** The vnode types Preact could not match to the markup it hydrated. */
  mismatches: unknown[];
}

/**
 * Installs the file's per-test hooks: `fetch` answered by `answer`, hydration mismatches recorded
 * (Preact's __m hook), the page, head and the shared store emptied after each test. The arrays
 * are the same ones throughout, emptied before each test.
 */
export function recordHandOver(answer: (url: URL) => Response | Promise<Response>): HandOverRecord {
  const record: HandOverRecord = { requests: [], cacheModes: [], mismatches: [] };
  const hooks = options as unknown as { __m?: (vnode: { type: unknown }) => void };
  beforeEach(() => {
    for (const list of Object.values(record)) list.length = 0;
    hooks.__m = (vnode) => record.mismatches.push(vnode.type);
    vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      record.requests.push(`${url.pathname}${url.search}`);
      record.cacheModes.push(init?.cache);
      return answer(url);
    });
  });
  afterEach(() => {
    hooks.__m = undefined;
    vi.unstubAllGlobals();
    document.body.replaceChildren();
    document.head.replaceChildren();
    getStore().setState({ summaries: {}, reviewLists: {} });
  });
  return record;
}
