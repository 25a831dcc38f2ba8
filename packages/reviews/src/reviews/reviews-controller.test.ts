import { createEvents, createPlauditStore } from "@plaudit/core";
import { describe, expect, it } from "vitest";
import { API_BASE, apiError, fakeApi, makeReview, STORE, settle } from "../../testing/fake-api.ts";
import { createReviewsController, toReviewQuery } from "./reviews-controller.ts";

const REVIEWS = Array.from({ length: 23 }, (_, i) => makeReview(i + 1));

function setup(vote?: () => Response | Promise<Response>) {
  const api = fakeApi({ products: { tee: REVIEWS }, vote });
  const store = createPlauditStore({
    client: { fetch: api.fetch, retries: 0 },
    events: createEvents(),
    storage: () => undefined,
  });
  const controller = createReviewsController({
    store,
    config: { apiBase: API_BASE, store: STORE },
    productId: "tee",
    searchDelayMs: 20,
  });
  const listCalls = () => api.calls.filter((call) => call.url.pathname.endsWith("/reviews"));
  return { api, store, controller, listCalls };
}

describe("reviews controller", () => {
  it("loads the summary and the first page when started", async () => {
    const { controller } = setup();
    controller.start();
    await settle();
    const state = controller.getState();
    expect(state.summary?.data?.count).toBe(23);
    expect(state.list?.items).toHaveLength(10);
    expect(state.list?.total).toBe(23);
  });

  it("loads the list again when a review of this product is published from the page", async () => {
    const { controller, store, listCalls } = setup();
    controller.start();
    await settle();
    expect(listCalls()).toHaveLength(1);
    const review = makeReview(99);
    store.events.emit("review:submitted", { store: STORE, productId: "other", review, status: "published" });
    store.events.emit("review:submitted", { store: STORE, productId: "tee", review, status: "pending" });
    await settle();
    expect(listCalls()).toHaveLength(1);
    store.events.emit("review:submitted", { store: STORE, productId: "tee", review, status: "published" });
    await settle();
    expect(listCalls()).toHaveLength(2);
    controller.destroy();
    store.events.emit("review:submitted", { store: STORE, productId: "tee", review, status: "published" });
    await settle();
    expect(listCalls()).toHaveLength(2);
  });

  it("appends the next cursor page on loadMore and stops at the end", async () => {
    const { controller } = setup();
    controller.start();
    await settle();
    await controller.actions.loadMore();
    await controller.actions.loadMore();
    const list = controller.getState().list;
    expect(list?.items).toHaveLength(23);
    expect(new Set(list?.items.map((review) => review.id)).size).toBe(23);
    expect(list?.nextCursor).toBeNull();
  });

  it("asks the API for the filtered list when a rating is toggled, and for all again when untoggled", async () => {
    const { controller, listCalls } = setup();
    controller.start();
    await settle();
    controller.actions.toggleRating(5);
    await settle();
    expect(listCalls().at(-1)?.url.searchParams.get("rating")).toBe("5");
    expect(controller.getState().list?.items.every((review) => review.rating === 5)).toBe(true);
    controller.actions.toggleRating(5);
    await settle();
    expect(controller.getState().filters.rating).toEqual([]);
    expect(controller.getState().list?.total).toBe(23);
  });

  it("keeps the cards shown, busy and without a next page, while another filter's list loads", async () => {
    const { controller } = setup();
    controller.start();
    await settle();
    const shown = controller.getState().list;
    controller.actions.toggleRating(5);
    // Not a skeleton in their place: that would move everything below the widget, twice.
    const loading = controller.getState();
    expect(loading.filters.rating).toEqual([5]);
    expect(loading.list?.items).toBe(shown?.items);
    expect(loading.list).toMatchObject({ status: "loading", nextCursor: null });
    expect(controller.getState()).toBe(loading);
    await settle();
    const ready = controller.getState().list;
    expect(ready?.status).toBe("ready");
    expect(ready?.items.length).toBeGreaterThan(0);
    expect(ready?.items.every((review) => review.rating === 5)).toBe(true);
  });

  it("sends sort, media, verified and search as API.md query parameters", async () => {
    const { controller, listCalls } = setup();
    controller.actions.setSort("helpful");
    controller.actions.setVerified(true);
    controller.actions.setMedia(true);
    controller.actions.search("  cotton ");
    await settle();
    const params = listCalls().at(-1)?.url.searchParams;
    expect(params?.get("sort")).toBe("helpful");
    expect(params?.get("verified")).toBe("1");
    expect(params?.get("media")).toBe("1");
    expect(params?.get("q")).toBe("cotton");
  });

  it("searches once typing pauses, not for every keystroke", async () => {
    const { controller, listCalls } = setup();
    for (const q of ["c", "co", "cot"]) controller.actions.searchSoon(q);
    expect(listCalls()).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 40));
    await settle();
    expect(listCalls().map((call) => call.url.searchParams.get("q"))).toEqual(["cot"]);
  });

  it("keeps default filters out of the query, so equal filters share one list", () => {
    expect(
      toReviewQuery({ sort: "newest", rating: [4, 2], media: false, verified: false, q: " " }, 10),
    ).toEqual({
      sort: "newest",
      rating: [2, 4],
      limit: 10,
    });
  });

  it("answers gone and takes the review out of the list when the merchant removed it since the page loaded (404)", async () => {
    const { controller } = setup(() => apiError(404, "review_not_found"));
    controller.start();
    await settle();
    const [first, second] = controller.getState().list!.items;
    expect(await controller.actions.vote(second!, "up")).toBe("gone");
    const list = controller.getState().list!;
    expect(list.items.map((review) => review.id)).not.toContain(second!.id);
    expect(list.items[0]).toEqual(first);
    expect(list.items).toHaveLength(9);
    expect(list.total).toBe(22);
    expect(controller.getState().myVotes[second!.id]).toBeUndefined();
  });

  it("answers failed and restores the counts when the server refuses a vote", async () => {
    const { controller } = setup(() => apiError(503, "unavailable"));
    controller.start();
    await settle();
    const review = controller.getState().list!.items[0]!;
    const saved = await controller.actions.vote(review, "up");
    expect(saved).toBe("failed");
    expect(controller.getState().list!.items[0]!.helpful).toEqual(review.helpful);
    expect(controller.getState().myVotes[review.id]).toBeUndefined();
  });

  it("notifies subscribers only when its own slice changes", async () => {
    const { controller, store } = setup();
    let notified = 0;
    controller.subscribe(() => notified++);
    store.setState({ summaries: { other: { status: "loading" } } });
    expect(notified).toBe(0);
    controller.actions.setSort("oldest");
    expect(notified).toBeGreaterThan(0);
    controller.destroy();
  });
});
