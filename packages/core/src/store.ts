// The shared store: plain zustand/vanilla state plus actions, one per page (page-singleton.ts).

import { createStore } from "zustand/vanilla";
import { type ClientOptions, createClient, type PlauditClient } from "./client.ts";
import type { PlauditError } from "./errors.ts";
import { getEvents, type PlauditEvents } from "./events.ts";
import { newIdempotencyKey } from "./idempotency-key.ts";
import { loadMyVotes } from "./my-votes.ts";
import { pageSingleton } from "./page-singleton.ts";
import { reviewListsSlice } from "./review-lists-slice.ts";
import { followTokenAttribute, plauditScriptTag, scriptTagToken } from "./shopper.ts";
import type { PlauditState, PlauditStore, SliceContext, StoreConfig } from "./store-types.ts";
import { toJson } from "./to-json.ts";
import { createVoterId } from "./voter-id.ts";
import { votesSlice } from "./votes-slice.ts";

export { listKey } from "./review-lists-slice.ts";

export const summaryKey = (store: string, productId: string): string => JSON.stringify([store, productId]);

export interface StoreOptions {
  /** Passed to every client the store makes (tests, server-side rendering). */
  client?: Omit<ClientOptions, "apiBase" | "store">;
  /** Default: the page's bus (getEvents()). */
  events?: PlauditEvents;
  /** Where the voter id and this shopper's votes are kept; default localStorage. */
  storage?: () => Storage | undefined;
}

/**
 * A new store, registered nowhere. For server-side rendering (one per request: a page-wide store
 * in a server would share state between shoppers) and tests; widgets use getStore().
 */
export function createPlauditStore(options: StoreOptions = {}): PlauditStore {
  const storage = options.storage ?? (() => globalThis.localStorage);
  const api = createStore<PlauditState>()(() => ({
    summaries: {},
    reviewLists: {},
    myVotes: loadMyVotes(storage),
    submissions: {},
    shopper: {},
  }));
  const events = options.events ?? getEvents();
  const clients = new Map<string, PlauditClient>();
  const summaryRequests = new Map<string, Promise<void>>();
  /** Per product: the last review sent that has no answer yet, and its Idempotency-Key. */
  const sentKeys = new Map<string, { body: string; idempotencyKey: string }>();

  const client = (config: StoreConfig) => {
    const id = `${config.apiBase}\n${config.store}`;
    let found = clients.get(id);
    if (!found) {
      found = createClient({ ...options.client, ...config });
      clients.set(id, found);
    }
    return found;
  };

  const setSummary = (key: string, value: PlauditState["summaries"][string]) =>
    api.setState((state) => ({ summaries: { ...state.summaries, [key]: value } }));

  const loadSummary = (config: StoreConfig, productId: string, force = false): Promise<void> => {
    const key = summaryKey(config.store, productId);
    const current = api.getState().summaries[key];
    const running = summaryRequests.get(key);
    if (running && !force) return running;
    if (current?.status === "ready" && !force) return Promise.resolve();
    setSummary(key, { ...current, status: "loading" });
    const request = client(config)
      .getSummary(productId)
      .then(
        (data) => setSummary(key, { status: "ready", data }),
        (error: PlauditError) =>
          setSummary(key, { ...api.getState().summaries[key], status: "error", error }),
      )
      .finally(() => {
        if (summaryRequests.get(key) === request) summaryRequests.delete(key);
      });
    summaryRequests.set(key, request);
    return request;
  };

  const ctx: SliceContext = {
    api,
    client,
    events,
    storage,
    voterId: createVoterId(storage),
    customerToken: () => customerToken(),
    loadSummary,
  };

  const setSubmission = (key: string, value: PlauditState["submissions"][string]) =>
    api.setState((state) => ({ submissions: { ...state.submissions, [key]: value } }));

  let scriptTagRead = false;
  const identifyShopper = (token: string | null | undefined) => {
    if (token === null) {
      // Signed out: no shopper, and the script tag's token (the page's first) is not read again.
      scriptTagRead = true;
      if (api.getState().shopper.customerToken !== undefined) api.setState({ shopper: {} });
      return;
    }
    const customerToken = token?.trim();
    if (customerToken && customerToken !== api.getState().shopper.customerToken)
      api.setState({ shopper: { customerToken } });
  };
  const customerToken = () => {
    if (!api.getState().shopper.customerToken && !scriptTagRead) {
      scriptTagRead = true;
      identifyShopper(scriptTagToken(globalThis.document));
    }
    return api.getState().shopper.customerToken;
  };
  // The tag's token set, changed or removed later (a single-page storefront signing the shopper in
  // or out without a page load) is the page's shopper changing.
  followTokenAttribute({ identifyShopper }, plauditScriptTag(globalThis.document));

  return {
    ...api,
    client,
    identifyShopper,
    customerToken,
    loadSummary: (config, productId) => loadSummary(config, productId),
    ...reviewListsSlice(ctx),
    ...votesSlice(ctx),
    async submitReview(config, productId, given) {
      const token = given.customerToken ?? customerToken();
      const input = token ? { ...given, customerToken: token } : given;
      const key = summaryKey(config.store, productId);
      // The same review sent again after a failure (its answer lost to a dropped connection, "Try
      // again") goes with the same Idempotency-Key: the server stores it once. Another text, or a
      // review after one that was stored, gets a fresh key.
      const body = toJson(input);
      const last = sentKeys.get(key);
      const idempotencyKey = last?.body === body ? last.idempotencyKey : newIdempotencyKey();
      sentKeys.set(key, { body, idempotencyKey });
      setSubmission(key, { status: "sending" });
      let result: Awaited<ReturnType<PlauditClient["submitReview"]>>;
      try {
        result = await client(config).submitReview(productId, input, idempotencyKey);
        sentKeys.delete(key);
      } catch (error) {
        setSubmission(key, { status: "error", error: error as PlauditError });
        throw error;
      }
      setSubmission(key, { status: "sent", result });
      events.emit("review:submitted", {
        store: config.store,
        productId,
        review: result.review,
        status: result.status,
        ...(input.customerToken ? { customerToken: input.customerToken } : {}),
      });
      // A published review changes the stars everywhere on the page.
      if (result.status === "published") void loadSummary(config, productId, true);
      return result;
    },
    voterId: ctx.voterId,
    events,
  };
}

/** The page's one store, shared with every other copy of @plaudit/core of the same major. */
export const getStore = (): PlauditStore => pageSingleton("store", () => createPlauditStore());

/**
 * Adds a top-level slice owned by another package (loyalty, media…) unless a copy of that package
 * already did, and answers its current value. Its owner types it and updates it with setState.
 */
export function ensureSlice<T>(store: PlauditStore, key: string, initial: T): T {
  if (!(key in store.getState())) store.setState({ [key]: initial });
  return store.getState()[key] as T;
}
