import type { Review } from "@plaudit/core";
import { describe, expect, it } from "vitest";
import {
  apiError,
  CFG,
  callsTo,
  fakeLoyaltyApi,
  json,
  PROGRAM,
  settle,
  TOKEN,
  testStore,
} from "../testing/fake-loyalty-api.ts";
import { loyaltyActions, loyaltyEntry } from "./loyalty-slice.ts";

const review = (media = 0): Review => ({
  id: "r-new",
  productId: "tee",
  rating: 4,
  title: "Nice",
  body: "Soft cotton.",
  author: { name: "Dana" },
  verified: true,
  createdAt: "2026-03-06T10:00:00Z",
  helpful: { up: 0, down: 0 },
  reply: null,
  media: Array.from({ length: media }, (_, i) => ({
    id: `m${i}`,
    kind: "image" as const,
    url: "https://cdn.test/m.jpg",
    thumbnailUrl: "https://cdn.test/m-thumb.jpg",
    width: 800,
    height: 600,
  })),
});

function setup(options: Parameters<typeof fakeLoyaltyApi>[0] = {}) {
  const api = fakeLoyaltyApi(options);
  const store = testStore(api);
  const actions = loyaltyActions(store);
  const entry = () => loyaltyEntry(store, CFG)!;
  const heard: { name: string; detail: unknown }[] = [];
  store.events.on("loyalty:updated", (detail) => heard.push({ name: "loyalty:updated", detail }));
  store.events.on("loyalty:redeemed", (detail) => heard.push({ name: "loyalty:redeemed", detail }));
  return { api, store, actions, entry, heard };
}

describe("loyalty slice", () => {
  it("loads the program once however many widgets ask", async () => {
    const { api, actions, entry } = setup();
    await Promise.all([actions.loadProgram(CFG), actions.loadProgram(CFG)]);
    await actions.loadProgram(CFG);
    expect(entry().program).toEqual({ status: "ready", data: PROGRAM });
    expect(callsTo(api, "/loyalty/program")).toHaveLength(1);
  });

  it("loads the member with the customer token in its header and announces the balance", async () => {
    const { api, actions, entry, heard } = setup();
    await actions.loadMe(CFG, TOKEN);
    expect(entry().member.status).toBe("ready");
    expect(entry().member.data?.balance).toBe(650);
    expect(callsTo(api, "/loyalty/me")[0]?.headers.get("x-plaudit-customer")).toBe(TOKEN);
    expect(heard).toEqual([{ name: "loyalty:updated", detail: { store: "demo", balance: 650 } }]);
  });

  it("makes a guest without a token and asks the server nothing", async () => {
    const { api, actions, entry } = setup();
    await actions.loadMe(CFG, undefined);
    expect(entry().member).toMatchObject({ status: "guest", guestReason: "no_token" });
    expect(callsTo(api, "/loyalty/me")).toHaveLength(0);
  });

  it.each([
    ["expired_customer_token", "expired"],
    ["invalid_customer_token", "invalid"],
  ])("falls back to the guest view when the server says %s", async (code, reason) => {
    const { actions, entry } = setup({
      intercept: (call) => (call.url.pathname.endsWith("/me") ? apiError(401, code) : undefined),
    });
    await actions.loadMe(CFG, TOKEN);
    expect(entry().member).toMatchObject({ status: "guest", guestReason: reason });
    expect(entry().member.data).toBeUndefined();
  });

  it("keeps other failures as errors, not as a guest", async () => {
    const { actions, entry } = setup({
      intercept: (call) => (call.url.pathname.endsWith("/me") ? apiError(503, "unavailable") : undefined),
    });
    await actions.loadMe(CFG, TOKEN);
    expect(entry().member.status).toBe("error");
    expect(entry().member.error?.status).toBe(503);
  });

  it("redeems with an Idempotency-Key, updates the balance and tells the page", async () => {
    const { api, actions, entry, heard } = setup();
    await Promise.all([actions.loadProgram(CFG), actions.loadMe(CFG, TOKEN)]);
    heard.length = 0;
    const redemption = await actions.redeem(CFG, "five-off");
    expect(redemption).toMatchObject({ rewardId: "five-off", code: "PLAUDIT-1XYZ", balance: 150 });
    const post = callsTo(api, "/loyalty/redemptions", "POST")[0]!;
    expect(post.headers.get("idempotency-key")).toMatch(/^[0-9a-f-]{32,36}$/);
    // With the cost the shopper was shown: a reward repriced since is refused, not charged.
    expect(JSON.parse(post.body)).toEqual({ rewardId: "five-off", cost: 500 });
    expect(entry().attempt).toMatchObject({ status: "done", redemption });
    expect(entry().member.data?.balance).toBe(150);
    expect(heard).toEqual([
      { name: "loyalty:redeemed", detail: { store: "demo", redemption, rewardName: "$5 off" } },
      { name: "loyalty:updated", detail: { store: "demo", balance: 150 } },
    ]);
    await settle();
    // The history is fetched again and shows the redemption.
    expect(entry().member.data?.history[0]).toMatchObject({ delta: -500, action: "redemption" });
  });

  it("retries a failed attempt with the same Idempotency-Key and charges once", async () => {
    // The first POST reaches the server and is charged, but its answer is lost on the way back.
    let posts = 0;
    const { api, actions, entry } = setup({
      intercept: (call, _index, ledger) => {
        if (call.method !== "POST") return undefined;
        posts += 1;
        if (posts > 1) return undefined;
        ledger(call);
        throw new TypeError("Failed to fetch");
      },
    });
    await Promise.all([actions.loadProgram(CFG), actions.loadMe(CFG, TOKEN)]);
    expect(await actions.redeem(CFG, "five-off")).toBeUndefined();
    expect(entry().attempt).toMatchObject({ status: "error", error: { kind: "network" } });
    const retried = await actions.redeem(CFG, "five-off");
    const keys = callsTo(api, "/loyalty/redemptions", "POST").map((c) => c.headers.get("idempotency-key"));
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(retried).toMatchObject({ code: "PLAUDIT-1XYZ", balance: 150 });
    expect(api.balance).toBe(150);
  });

  it("uses a new key for a new attempt after the last one succeeded or was cleared", async () => {
    const { api, actions } = setup({ balance: 2000 });
    await Promise.all([actions.loadProgram(CFG), actions.loadMe(CFG, TOKEN)]);
    await actions.redeem(CFG, "five-off");
    actions.clearAttempt(CFG);
    await actions.redeem(CFG, "five-off");
    const keys = callsTo(api, "/loyalty/redemptions", "POST").map((c) => c.headers.get("idempotency-key"));
    expect(new Set(keys).size).toBe(2);
    expect(api.balance).toBe(1000);
  });

  it("starts a new attempt with a new key after a refusal the server did answer", async () => {
    const { api, actions, entry } = setup({ balance: 400 });
    await Promise.all([actions.loadProgram(CFG), actions.loadMe(CFG, TOKEN)]);
    expect(await actions.redeem(CFG, "five-off")).toBeUndefined();
    expect(entry().attempt?.error?.code).toBe("insufficient_points");
    await actions.redeem(CFG, "five-off");
    const keys = callsTo(api, "/loyalty/redemptions", "POST").map((c) => c.headers.get("idempotency-key"));
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it("sends one request when redeem is pressed twice while the first is on its way", async () => {
    const { api, actions } = setup();
    await Promise.all([actions.loadProgram(CFG), actions.loadMe(CFG, TOKEN)]);
    const [first, second] = await Promise.all([
      actions.redeem(CFG, "five-off"),
      actions.redeem(CFG, "five-off"),
    ]);
    expect(first).toBe(second);
    expect(callsTo(api, "/loyalty/redemptions", "POST")).toHaveLength(1);
  });

  it("becomes a guest when the token expires during a redemption", async () => {
    let expired = false;
    const { actions, entry } = setup({
      intercept: (call) =>
        expired && call.method === "POST" ? apiError(401, "expired_customer_token") : undefined,
    });
    await Promise.all([actions.loadProgram(CFG), actions.loadMe(CFG, TOKEN)]);
    expired = true;
    expect(await actions.redeem(CFG, "five-off")).toBeUndefined();
    expect(entry().member).toMatchObject({ status: "guest", guestReason: "expired" });
  });

  it("refreshes the balance when a review with a customer token is published on the page", async () => {
    const { api, store, actions, entry, heard } = setup({
      intercept: (call) => {
        if (call.method !== "POST" || !call.url.pathname.endsWith("/products/tee/reviews")) return undefined;
        // The server awards the review's points in the same transaction as the review.
        api.earn(50);
        return json({ review: review(), status: "published" }, 201);
      },
    });
    await Promise.all([actions.loadProgram(CFG), actions.loadMe(CFG, TOKEN)]);
    await store.submitReview(CFG, "tee", {
      rating: 4,
      body: "Soft cotton.",
      author: { name: "Dana", email: "dana@example.com" },
      customerToken: TOKEN,
    });
    await settle();
    expect(entry().member.data?.balance).toBe(700);
    expect(entry().member.pendingPoints).toBe(0);
    expect(heard.at(-1)).toEqual({ name: "loyalty:updated", detail: { store: "demo", balance: 700 } });
  });

  it("shows a held review's points as pending, media bonus included, until the server says", async () => {
    const { store, actions, entry, api } = setup();
    await Promise.all([actions.loadProgram(CFG), actions.loadMe(CFG, TOKEN)]);
    store.events.emit("review:submitted", {
      store: "demo",
      productId: "tee",
      review: review(1),
      status: "pending",
      customerToken: TOKEN,
    });
    expect(entry().member.pendingPoints).toBe(75);
    await settle();
    expect(entry().member.pendingPoints).toBe(75);
    expect(callsTo(api, "/loyalty/me")).toHaveLength(2);
    // A server that reports pending points itself is believed over the estimate.
    api.setPending(50);
    store.events.emit("review:submitted", {
      store: "demo",
      productId: "tee",
      review: review(),
      status: "pending",
      customerToken: TOKEN,
    });
    await settle();
    expect(entry().member.pendingPoints).toBe(50);
  });

  it("promises no points for a held review without a verified purchase", async () => {
    const { store, actions, entry } = setup();
    await Promise.all([actions.loadProgram(CFG), actions.loadMe(CFG, TOKEN)]);
    store.events.emit("review:submitted", {
      store: "demo",
      productId: "tee",
      review: { ...review(1), verified: false },
      status: "pending",
      customerToken: TOKEN,
    });
    expect(entry().member.pendingPoints).toBe(0);
  });

  it("ignores reviews without a customer token and reviews for other stores", async () => {
    const { store, actions, api } = setup();
    await actions.loadMe(CFG, TOKEN);
    store.events.emit("review:submitted", {
      store: "demo",
      productId: "tee",
      review: review(),
      status: "published",
    });
    store.events.emit("review:submitted", {
      store: "other",
      productId: "tee",
      review: review(),
      status: "published",
      customerToken: TOKEN,
    });
    await settle();
    expect(callsTo(api, "/loyalty/me")).toHaveLength(1);
  });
});
