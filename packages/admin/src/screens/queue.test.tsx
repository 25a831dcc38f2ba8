import { act, cleanup, fireEvent, render, waitFor } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sessionAs } from "../../testing/admin-test-kit.ts";
import { endedSession, session } from "../session.ts";
import type { AdminReview } from "../types.ts";
import Queue from "./queue.tsx";

function review(n: number): AdminReview {
  return {
    id: `r${n}`,
    productId: "sock",
    product: { id: "sock", name: null, url: null },
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
  session.value = sessionAs("moderator");
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  session.value = undefined;
  endedSession.value = null;
});

/**
 * The queue's API where each write is answered by `answer` (its call number, from 1): two pending
 * reviews, r2 then r1; every write recorded.
 */
function writesAnswered(answer: (n: number) => Promise<Response> | Response) {
  const writes: string[] = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit = {}) => {
    if (init.method && init.method !== "GET") {
      writes.push(`${init.method} ${url}`);
      return answer(writes.length);
    }
    return Response.json({ items: [review(2), review(1)], nextCursor: null });
  });
  return writes;
}

const published = (n: number) => Response.json({ ...review(n), status: "published", etag: `"r${n}-2"` });
const approveButton = (view: ReturnType<typeof render>, n: number) =>
  view.getByText(`sock review ${n}`).closest("article")?.querySelector("button") as HTMLButtonElement;

describe("the moderation queue when things go wrong", () => {
  beforeEach(() => localStorage.setItem("plaudit-admin-grace-ms", "100"));

  it("says in words that the server could not be reached, and that nothing was saved", async () => {
    writesAnswered(() => Promise.reject(new TypeError("Failed to fetch")));
    const view = render(<Queue />);
    await view.findByText("sock review 2");
    await act(async () => approveButton(view, 2).click());
    await view.findByText(
      "Nothing saved (1 review). The server cannot be reached. Check your connection and try again.",
    );
    // Still there to decide again.
    expect(approveButton(view, 2).disabled).toBe(false);
  });

  it("keeps a review waiting while its request is on its way: no second decision on a slow server", async () => {
    let answer: (response: Response) => void = () => {};
    const writes = writesAnswered(() => new Promise((resolve) => (answer = resolve)));
    const view = render(<Queue />);
    await view.findByText("sock review 2");
    await act(async () => approveButton(view, 2).click());
    await waitFor(() => expect(writes).toHaveLength(1));
    await view.findByText("Approving 1…");
    expect(approveButton(view, 2).disabled).toBe(true);
    await act(async () => answer(published(2)));
    await view.findByText("Saved.");
    expect(writes).toHaveLength(1);
  });

  it("keeps the focus on the review's card after Approve, then on the next one when it leaves", async () => {
    writesAnswered(() => published(2));
    const view = render(<Queue />);
    await view.findByText("sock review 2");
    approveButton(view, 2).focus();
    await act(async () => approveButton(view, 2).click());
    expect(document.activeElement?.textContent).toContain("sock review 2");
    await view.findByText("Saved.");
    expect(view.queryByText("sock review 2")).toBeNull();
    expect(document.activeElement?.textContent).toContain("sock review 1");
  });

  it("offers a decision refused by an ended session (401) again once the same user is back", async () => {
    const writes = writesAnswered((n) =>
      n === 1
        ? Response.json(
            { error: { code: "unauthorized", message: "your session has ended" } },
            { status: 401 },
          )
        : published(2),
    );
    const moderator = session.value;
    const first = render(<Queue />);
    await first.findByText("sock review 2");
    await act(async () => approveButton(first, 2).click());
    // The app takes the queue down for sign-in.
    await waitFor(() => expect(session.value).toBeNull());
    expect(endedSession.value?.id).toBe("u1");
    first.unmount();

    session.value = moderator;
    const again = render(<Queue />);
    await again.findByText("Approving 1 in 0 s");
    await again.findByText("Saved.");
    expect(writes).toEqual(["PATCH /v1/admin/reviews/r2", "PATCH /v1/admin/reviews/r2"]);
  });
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

describe("a review in another direction than the app", () => {
  it("sets its own words in their own direction, apart from the line around them", async () => {
    vi.stubGlobal("fetch", async () =>
      Response.json({
        items: [
          {
            ...review(1),
            title: "מעולה!",
            body: "נוח מאוד, the size runs small.",
            author: { name: "דנה 🌸", email: "dana@example.com" },
            reply: { body: "תודה רבה!", createdAt: "2026-12-06T11:00:00.000Z" },
          },
        ],
        nextCursor: null,
      }),
    );
    const view = render(<Queue />);
    const title = await view.findByText("מעולה!");
    const card = title.closest("article") as HTMLElement;
    expect(title.getAttribute("dir")).toBe("auto");
    expect(view.getByText("נוח מאוד, the size runs small.").getAttribute("dir")).toBe("auto");
    expect(view.getByText("תודה רבה!").getAttribute("dir")).toBe("auto");
    // The name and the product, isolated inside the English line (as <bdi> would).
    expect(card.querySelector(".meta")?.textContent).toContain("by \u2068דנה 🌸\u2069 · dana@example.com");
    expect(card.querySelector(".meta")?.textContent).toContain("on sock");
    expect(card.querySelector(".meta bdi.product-id")?.textContent).toBe("sock");
    expect(card.querySelector("input[type=checkbox]")?.getAttribute("aria-label")).toBe(
      "Select review by \u2068דנה 🌸\u2069",
    );
  });
});

describe("a long queue", () => {
  it("says how many wait in all, and counts a decided one out", async () => {
    localStorage.setItem("plaudit-admin-grace-ms", "100");
    vi.stubGlobal("fetch", async (_url: string, init: RequestInit = {}) =>
      init.method === "PATCH"
        ? published(2)
        : Response.json({ items: [review(2), review(1)], nextCursor: "next", total: 10_000 }),
    );
    const view = render(<Queue />);
    await view.findByText("2 of 10,000 reviews shown");
    await act(async () => approveButton(view, 2).click());
    await view.findByText("1 of 9,999 reviews shown");
  });

  it("keeps the first page's total after Load more: the next pages do not count the queue again", async () => {
    vi.stubGlobal("fetch", async (url: string) =>
      new URL(url, "http://admin.test").searchParams.get("cursor") === "next"
        ? Response.json({ items: [review(2), review(1)], nextCursor: null })
        : Response.json({ items: [review(4), review(3)], nextCursor: "next", total: 10_000 }),
    );
    const view = render(<Queue />);
    await view.findByText("2 of 10,000 reviews shown");
    await act(async () => view.getByRole("button", { name: "Load more" }).click());
    await view.findByText("sock review 1");
    expect(view.getByText("4 of 10,000 reviews shown")).toBeTruthy();
  });
});

describe("a review's day", () => {
  it("is the store's day: 03:30 UTC on 7 December is the 6th in Los Angeles", async () => {
    vi.stubGlobal("fetch", async () =>
      Response.json({ items: [{ ...review(1), createdAt: "2026-12-07T03:30:00.000Z" }], nextCursor: null }),
    );
    if (session.value)
      session.value = {
        ...session.value,
        store: { ...session.value.store, timeZone: "America/Los_Angeles" },
      };
    const view = render(<Queue />);
    await view.findByText("sock review 1");
    expect(view.container.querySelector("article.review time")?.textContent).toBe("Dec 6, 2026");
  });
});

describe("a reply being written when the session ends", () => {
  it("is open again with what was typed once the same user has signed in again", async () => {
    fakeApi();
    const user = session.value?.user;
    const first = render(<Queue />);
    await first.findByText("sock review 1");
    const card = (await first.findByText("sock review 1")).closest("article") as HTMLElement;
    await act(async () => (card.querySelector("button[aria-keyshortcuts=e]") as HTMLButtonElement).click());
    const box = await first.findByLabelText("Your public reply");
    fireEvent.input(box, { target: { value: "Thank you — we are sending a new pair." } });
    // The session ends under it (a 401 elsewhere): sign-in takes the queue's place.
    await act(async () => {
      endedSession.value = user ?? null;
      session.value = null;
      first.unmount();
    });
    await act(async () => {
      session.value = { ...sessionAs("moderator"), csrfToken: "t2", expiresAt: "2026-12-07T12:00:00.000Z" };
    });
    const again = render(<Queue />);
    const kept = (await again.findByLabelText("Your public reply")) as HTMLTextAreaElement;
    expect(kept.value).toBe("Thank you — we are sending a new pair.");
    expect(kept.closest("article")?.querySelector("h2")?.textContent).toBe("sock review 1");
  });
});

describe("an erased reviewer's review", () => {
  it("shows no empty address between the name and the product", async () => {
    // Erasure removes the address (operations.md): the line read "by Former customer · · on sock".
    const erased = { ...review(1), author: { name: "Former customer", email: "" } };
    vi.stubGlobal("fetch", async () => Response.json({ items: [erased], nextCursor: null }));
    const view = render(<Queue />);
    const meta = (await view.findByText("sock review 1")).closest("article")?.querySelector("p.meta");
    expect(meta?.textContent).toMatch(/Former customer\u2069? · on /);
    expect(meta?.textContent).not.toMatch(/· ·/);
  });
});

describe("a review's product", () => {
  it("is the catalog's name, linked to its page in a new tab, with the id beside it; the id where there is no name", async () => {
    const named = {
      ...review(1),
      productId: "gid://shopify/Product/123",
      product: {
        id: "gid://shopify/Product/123",
        name: "Kettle <b>1.7 l</b>",
        url: "https://shop.example/kettle",
      },
    };
    vi.stubGlobal("fetch", async () => Response.json({ items: [named, review(2)], nextCursor: null }));
    const view = render(<Queue />);
    const meta = (await view.findByText("sock review 1")).closest("article")?.querySelector("p.meta");
    const link = meta?.querySelector("a") as HTMLAnchorElement;
    expect(link.textContent).toBe("Kettle <b>1.7 l</b> (opens in a new tab)");
    expect(link.querySelector("b")).toBeNull();
    expect(link.getAttribute("href")).toBe("https://shop.example/kettle");
    expect(link.target).toBe("_blank");
    expect(link.rel).toBe("noopener");
    expect(meta?.querySelector(".product-id")?.textContent).toBe("(gid://shopify/Product/123)");
    const other = view.getByText("sock review 2").closest("article")?.querySelector("p.meta");
    expect(other?.querySelector("a")).toBeNull();
    expect(other?.textContent).toContain("on sock");
  });
});
