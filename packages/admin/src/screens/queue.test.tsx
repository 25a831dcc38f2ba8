import { act, cleanup, render } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { session } from "../session.ts";
import type { AdminReview } from "../types.ts";
import Queue from "./queue.tsx";

function review(n: number): AdminReview {
  return {
    id: `r${n}`,
    productId: "sock",
    rating: 4,
    title: `sock review ${n}`,
    body: `What a shopper thought of sock, number ${n}.`,
    author: { name: `Shopper ${n}`, email: `shopper${n}@example.com` },
    verified: false,
    createdAt: "2026-12-06T10:00:00.000Z",
    helpful: { up: 0, down: 0 },
    reply: null,
    media: [],
    status: "pending",
    etag: `"r${n}-1"`,
  } as AdminReview;
}

/** The admin API for the queue: one page of two pending reviews; every write recorded. */
function fakeApi() {
  const writes: string[] = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit = {}) => {
    if (init.method && init.method !== "GET") writes.push(`${init.method} ${url}`);
    const json = url.startsWith("/v1/admin/reviews?")
      ? { items: [review(2), review(1)], nextCursor: null }
      : {};
    return new Response(JSON.stringify(json), { headers: { "content-type": "application/json" } });
  });
  return writes;
}

/** A key pressed where the focus is, as its own task would: the renders it causes run after it. */
async function press(key: string) {
  (document.activeElement ?? document.body).dispatchEvent(
    new KeyboardEvent("keydown", { key, bubbles: true }),
  );
  // Preact renders in a microtask; the browser paints (and runs useEffect) only later.
  for (let turn = 0; turn < 5; turn++) await Promise.resolve();
}

beforeEach(() => {
  localStorage.setItem("plaudit-admin-grace-ms", "60000");
  session.value = {
    user: { id: "u1", email: "mo@demo.example", role: "moderator" },
    store: { id: "demo", name: "Demo" },
    scopes: ["reviews:read", "reviews:moderate"],
    csrfToken: "t",
    expiresAt: "2026-12-07T00:00:00.000Z",
  };
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  session.value = undefined;
});

describe("the moderation queue's keys", () => {
  it("approves once when a is pressed twice before the next paint", async () => {
    const writes = fakeApi();
    const view = render(<Queue />);
    await view.findByText("sock review 2");
    await press("j");
    expect(document.activeElement?.textContent).toContain("sock review 2");
    await press("a");
    await press("a");
    // One decision waits in its grace period (one Undo); the second a found it waiting.
    expect(view.getAllByRole("button", { name: "Undo" })).toHaveLength(1);
    expect(writes).toEqual([]);
    // Undone, so that nothing is left to send when the screen is taken down.
    await act(async () => view.getByRole("button", { name: "Undo" }).click());
    await view.findByText("Undone. Nothing was sent.");
  });
});
