import { afterEach, describe, expect, it, vi } from "vitest";
import { type Answer, apiError, json, recordingFetch, summary } from "../testing/test-fetch.ts";
import type { Review, ReviewInput } from "./api-types.ts";
import { createEvents } from "./events.ts";
import { createPlauditStore, ensureSlice, listKey, summaryKey } from "./store.ts";

const cfg = { apiBase: "https://reviews.example.com", store: "demo" };

const review = (id: string, up = 0, down = 0): Review => ({
  id,
  productId: "p1",
  rating: 5,
  title: "",
  body: "Lovely",
  author: { name: "Ana" },
  verified: false,
  createdAt: "2026-01-01T00:00:00Z",
  helpful: { up, down },
  reply: null,
  media: [],
});

function storeWith(answer: Answer) {
  const recorder = recordingFetch(answer);
  const events = createEvents();
  const memory = new Map<string, string>();
  const storage = () =>
    ({
      getItem: (k: string) => memory.get(k) ?? null,
      setItem: (k: string, v: string) => memory.set(k, v),
    }) as unknown as Storage;
  const store = createPlauditStore({ client: { fetch: recorder.fetch, retries: 0 }, events, storage });
  // A later page load: a new store over the same storage.
  const reload = () => createPlauditStore({ client: { fetch: recorder.fetch, retries: 0 }, events, storage });
  return { store, events, reload, ...recorder };
}

afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("plaudit.store")];
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("plaudit.events")];
  vi.restoreAllMocks();
});

describe("summaries", () => {
  it("loads summaries of many products through one batched request, once each", async () => {
    const { store, calls } = storeWith((request) =>
      json({
        items: request.url.searchParams
          .get("products")!
          .split(",")
          .map((id) => summary(id, 2)),
      }),
    );
    await Promise.all([
      store.loadSummary(cfg, "a"),
      store.loadSummary(cfg, "b"),
      store.loadSummary(cfg, "a"),
    ]);
    await store.loadSummary(cfg, "a");
    expect(calls).toHaveLength(1);
    expect(store.getState().summaries[summaryKey("demo", "b")]).toMatchObject({
      status: "ready",
      data: { count: 2 },
    });
  });

  it("keeps the error in state instead of rejecting", async () => {
    const { store } = storeWith(() => apiError(404, "store_not_found"));
    await expect(store.loadSummary(cfg, "a")).resolves.toBeUndefined();
    expect(store.getState().summaries[summaryKey("demo", "a")]).toMatchObject({
      status: "error",
      error: { code: "store_not_found" },
    });
  });
});

describe("review lists", () => {
  const pages: Record<string, unknown> = {
    "": { items: [review("r1"), review("r2")], nextCursor: "c2", total: 3 },
    c2: { items: [review("r2"), review("r3")], nextCursor: null, total: 3 },
  };

  it("appends the next page on load more, without repeating a review", async () => {
    const { store, calls } = storeWith((request) =>
      json(pages[request.url.searchParams.get("cursor") ?? ""]),
    );
    const key = await store.loadReviews(cfg, "p1", { sort: "newest" });
    expect(key).toBe(listKey("demo", "p1", { sort: "newest" }));
    await store.loadMoreReviews(cfg, key);
    const list = store.getState().reviewLists[key]!;
    expect(list.items.map((r) => r.id)).toEqual(["r1", "r2", "r3"]);
    expect(list).toMatchObject({ status: "ready", nextCursor: null, total: 3 });
    expect(calls[1]!.url.searchParams.get("cursor")).toBe("c2");
    await store.loadMoreReviews(cfg, key); // no further page: no request
    expect(calls).toHaveLength(2);
  });

  it("loads the next page when Load more comes while the list is being read again", async () => {
    const { store, calls } = storeWith((request) =>
      json(pages[request.url.searchParams.get("cursor") ?? ""]),
    );
    const key = await store.loadReviews(cfg, "p1", { sort: "newest" });
    // Read again (the widget's code checking what the server painted), and the shopper presses Load more.
    const reading = store.loadReviews(cfg, "p1", { sort: "newest" });
    await store.loadMoreReviews(cfg, key);
    await reading;
    expect(store.getState().reviewLists[key]?.items.map((r) => r.id)).toEqual(["r1", "r2", "r3"]);
    expect(calls.map((call) => call.url.searchParams.get("cursor"))).toEqual([null, null, "c2"]);
  });

  it("does not fetch an identical list twice while it is loading", async () => {
    const { store, calls } = storeWith(() => json(pages[""]));
    const [a, b] = await Promise.all([
      store.loadReviews(cfg, "p1", { rating: [5, 4], sort: "newest" }),
      store.loadReviews(cfg, "p1", { sort: "newest", rating: [4, 5] }),
    ]);
    expect(a).toBe(b);
    expect(calls).toHaveLength(1);
  });

  it("shows the error and keeps the items when a reload fails", async () => {
    const { store } = storeWith((_, index) => (index === 0 ? json(pages[""]) : apiError(503, "unavailable")));
    const key = await store.loadReviews(cfg, "p1");
    await store.loadReviews(cfg, "p1");
    expect(store.getState().reviewLists[key]).toMatchObject({ status: "error", error: { status: 503 } });
    expect(store.getState().reviewLists[key]!.items).toHaveLength(2);
  });
});

describe("votes", () => {
  it("counts the vote at once and takes the server's counts when it answers", async () => {
    let answer!: (response: Response) => void;
    const { store, calls, events } = storeWith((request) =>
      request.method === "POST"
        ? new Promise<Response>((resolve) => {
            answer = resolve;
          })
        : json({ items: [review("r1", 2, 1)], nextCursor: null, total: 1 }),
    );
    const voted = vi.fn();
    events.on("review:voted", voted);
    const key = await store.loadReviews(cfg, "p1");
    const voting = store.vote(cfg, review("r1", 2, 1), "up");
    expect(store.getState().reviewLists[key]!.items[0]!.helpful).toEqual({ up: 3, down: 1 });
    expect(store.getState().myVotes.r1).toBe("up");
    await vi.waitFor(() => expect(answer).toBeDefined());
    answer(json({ up: 7, down: 1 }));
    await voting;
    expect(store.getState().reviewLists[key]!.items[0]!.helpful).toEqual({ up: 7, down: 1 });
    expect(JSON.parse(calls[1]!.body)).toEqual({ value: "up", voter: store.voterId() });
    expect(voted).toHaveBeenCalledWith({ store: "demo", reviewId: "r1", value: "up" });
  });

  it("sends the page's shopper token with a vote, and none for an anonymous shopper", async () => {
    const { store, calls } = storeWith(() => json({ up: 1, down: 0 }));
    await store.vote(cfg, review("r1"), "up");
    expect(JSON.parse(calls[0]!.body)).toEqual({ value: "up", voter: store.voterId() });
    // The server counts a signed-in shopper once per customer (issue 19), not once per address.
    store.identifyShopper("c-ana.1767225600.abc123");
    await store.vote(cfg, review("r2"), "up");
    expect(JSON.parse(calls[1]!.body)).toEqual({
      value: "up",
      voter: store.voterId(),
      customerToken: "c-ana.1767225600.abc123",
    });
  });

  it("rolls the count and my vote back when the server refuses, and rejects", async () => {
    const { store } = storeWith((request) =>
      request.method === "POST"
        ? apiError(429, "rate_limited")
        : json({ items: [review("r1", 2, 1)], nextCursor: null, total: 1 }),
    );
    const key = await store.loadReviews(cfg, "p1");
    await expect(store.vote(cfg, review("r1", 2, 1), "down")).rejects.toMatchObject({ code: "rate_limited" });
    expect(store.getState().reviewLists[key]!.items[0]!.helpful).toEqual({ up: 2, down: 1 });
    expect(store.getState().myVotes.r1).toBeUndefined();
  });

  it("remembers my vote across page loads, and forgets one the server refused", async () => {
    const { store, reload } = storeWith((request) =>
      request.method === "POST"
        ? request.url.pathname.includes("/r2/")
          ? apiError(429, "rate_limited")
          : json({ up: 3, down: 1 })
        : json({ items: [review("r1", 2, 1), review("r2", 0, 0)], nextCursor: null, total: 2 }),
    );
    await store.loadReviews(cfg, "p1");
    await store.vote(cfg, review("r1", 2, 1), "up");
    await expect(store.vote(cfg, review("r2", 0, 0), "down")).rejects.toMatchObject({ code: "rate_limited" });
    expect(reload().getState().myVotes).toEqual({ r1: "up" });
  });

  it("keeps voting when storage throws", async () => {
    const { fetch } = recordingFetch(() => json({ up: 1, down: 0 }));
    const store = createPlauditStore({
      client: { fetch, retries: 0 },
      events: createEvents(),
      storage: () => {
        throw new Error("SecurityError");
      },
    });
    await store.vote(cfg, review("r1", 0, 0), "up");
    expect(store.getState().myVotes).toEqual({ r1: "up" });
  });

  it("moves a changed vote from up to down", async () => {
    const { store } = storeWith((request) =>
      request.method === "POST"
        ? new Promise<Response>(() => {})
        : json({ items: [review("r1", 2, 1)], nextCursor: null, total: 1 }),
    );
    const key = await store.loadReviews(cfg, "p1");
    void store.vote(cfg, review("r1", 2, 1), "up");
    void store.vote(cfg, review("r1", 2, 1), "down");
    expect(store.getState().reviewLists[key]!.items[0]!.helpful).toEqual({ up: 2, down: 2 });
  });
});

describe("submitting a review", () => {
  const input: ReviewInput = {
    rating: 4,
    body: "Fits well",
    author: { name: "Ana", email: "a@example.com" },
  };

  it("emits review:submitted with the customer token and refreshes the summary", async () => {
    const { store, events, calls } = storeWith((request) =>
      request.method === "POST"
        ? json({ review: review("new"), status: "published" }, { status: 201 })
        : json({ items: [summary("p1", 5)] }),
    );
    const submitted = vi.fn();
    events.on("review:submitted", submitted);
    const result = await store.submitReview(cfg, "p1", { ...input, customerToken: "c.1.sig" });
    expect(result.status).toBe("published");
    expect(submitted).toHaveBeenCalledWith({
      store: "demo",
      productId: "p1",
      review: expect.objectContaining({ id: "new" }),
      status: "published",
      customerToken: "c.1.sig",
    });
    expect(store.getState().submissions[summaryKey("demo", "p1")]).toMatchObject({ status: "sent" });
    await vi.waitFor(() =>
      expect(store.getState().summaries[summaryKey("demo", "p1")]).toMatchObject({
        status: "ready",
        data: { count: 5 },
      }),
    );
    expect(calls.map((c) => c.method)).toEqual(["POST", "GET"]);
  });

  it("leaves the token out of the event when none was sent", async () => {
    const { store, events } = storeWith(() =>
      json({ review: review("new"), status: "pending" }, { status: 201 }),
    );
    const submitted = vi.fn();
    events.on("review:submitted", submitted);
    await store.submitReview(cfg, "p1", input);
    expect(submitted.mock.calls[0]![0]).not.toHaveProperty("customerToken");
  });

  it("sends a review again after a failure with the same Idempotency-Key, another one with a new key", async () => {
    let fail = true;
    const { store, calls } = storeWith((request) =>
      request.method !== "POST"
        ? json({ items: [summary("p1", 1)] })
        : fail
          ? apiError(503, "unavailable")
          : json({ review: review("new"), status: "published" }, { status: 201 }),
    );
    const keys = () => calls.filter((c) => c.method === "POST").map((c) => c.headers.get("idempotency-key"));
    await expect(store.submitReview(cfg, "p1", input)).rejects.toBeDefined();
    fail = false;
    // "Try again": the same review, so the server can tell it from a second one.
    await store.submitReview(cfg, "p1", input);
    // Stored: a later review of the product (or an edited one after a failure) is a new request.
    await store.submitReview(cfg, "p1", input);
    fail = true;
    await expect(
      store.submitReview(cfg, "p1", { ...input, body: "Fits well, runs small" }),
    ).rejects.toBeDefined();
    await expect(store.submitReview(cfg, "p1", input)).rejects.toBeDefined();
    const [first, retry, later, edited, back] = keys();
    expect(first).toMatch(/^[\w-]{16,}$/);
    expect(retry).toBe(first);
    expect(new Set([first, later, edited, back]).size).toBe(4);
  });

  it("records the validation error and rejects", async () => {
    const { store } = storeWith(() => apiError(422, "validation_failed", { fields: { body: "too short" } }));
    await expect(store.submitReview(cfg, "p1", input)).rejects.toMatchObject({
      fields: { body: "too short" },
    });
    expect(store.getState().submissions[summaryKey("demo", "p1")]).toMatchObject({ status: "error" });
  });
});

describe("voter id", () => {
  it("stays the same and falls back to memory when storage throws", () => {
    const store = createPlauditStore({
      storage: () => {
        throw new DOMException("denied", "SecurityError");
      },
    });
    expect(store.voterId()).toMatch(/\S{8,}/);
    expect(store.voterId()).toBe(store.voterId());
  });

  it("is kept in localStorage across stores", () => {
    localStorage.clear();
    expect(createPlauditStore().voterId()).toBe(createPlauditStore().voterId());
  });
});

describe("one store per page", () => {
  it("shares one store between two copies of the module", async () => {
    const first = await import("./store.ts");
    vi.resetModules();
    const second = await import("./store.ts");
    expect(second.getStore).not.toBe(first.getStore);
    expect(second.getStore()).toBe(first.getStore());
    expect(second.getStore().events).toBe(first.getStore().events);
  });

  it("keeps a private store and warns once when another major registered first", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const other = { version: "9.0.0", value: { foreign: true } };
    (globalThis as Record<symbol, unknown>)[Symbol.for("plaudit.store")] = other;
    vi.resetModules();
    const { getStore } = await import("./store.ts");
    const mine = getStore();
    expect(mine).not.toBe(other.value);
    expect(getStore()).toBe(mine);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/^\[plaudit\] .*9\.0\.0/);
  });

  it("lets another package add its own slice once", () => {
    const store = createPlauditStore();
    expect(ensureSlice(store, "loyalty", { balance: 0 })).toEqual({ balance: 0 });
    store.setState({ loyalty: { balance: 40 } });
    expect(ensureSlice(store, "loyalty", { balance: 0 })).toEqual({ balance: 40 });
  });
});
