import { act, cleanup, render, waitFor } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sessionAs } from "../../testing/admin-test-kit.ts";
import { route } from "../router.ts";
import { session } from "../session.ts";
import type { AdminMediaItem } from "../types.ts";
import MediaQueue from "./media.tsx";

function held(n: number): AdminMediaItem {
  return {
    id: `m${n}`,
    kind: "image",
    url: `/v1/admin/media/m${n}/files/w800.jpg`,
    thumbnailUrl: `/v1/admin/media/m${n}/files/w160.jpg`,
    width: 800,
    height: 600,
    status: "held",
    reviewId: `r${n}`,
    productId: `product-${n}`,
    product: { id: `product-${n}`, name: null, url: null },
    verified: false,
    createdAt: "2026-12-06T10:00:00.000Z",
    etag: '"media-held"',
  } as AdminMediaItem;
}

beforeEach(() => {
  session.value = sessionAs("moderator");
  route.value = { name: "media", params: new URLSearchParams() };
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  session.value = undefined;
});

describe("two moderators on one photo", () => {
  it("sends the version shown, and says so when another moderator decided meanwhile", async () => {
    const writes: { url: string; ifMatch: string | null }[] = [];
    vi.stubGlobal("fetch", async (url: string, init: RequestInit = {}) => {
      if (init.method === "PATCH") {
        writes.push({ url, ifMatch: new Headers(init.headers).get("if-match") });
        return Response.json(
          { error: { code: "conflict", message: "this photo or video was decided about since you read it" } },
          { status: 409 },
        );
      }
      return Response.json({ items: [held(1), held(2)], nextCursor: null });
    });
    const view = render(<MediaQueue />);
    await view.findByText("product-1");
    await act(async () => view.getAllByRole("button", { name: "Approve" })[0]?.click());
    await waitFor(() =>
      expect(view.getByRole("status").textContent).toBe(
        "Not saved: another moderator decided about this item meanwhile. It has left this list.",
      ),
    );
    expect(writes).toEqual([{ url: "/v1/admin/media/m1", ifMatch: '"media-held"' }]);
    expect(view.queryByText("product-1")).toBeNull();
    expect(view.getByText("product-2")).toBeTruthy();
  });
});

describe("a held photo's files, with the admin opened at another address than PLAUDIT_PUBLIC_URL", () => {
  it("loads them from the admin's own origin, where its session cookie is", async () => {
    // The server names a moderator's file under PLAUDIT_PUBLIC_URL; a merchant on an SSH tunnel
    // (http://localhost:8787/admin/) sent no cookie there, and every held photo showed broken.
    const elsewhere = (path: string) => `https://reviews.shop.example${path}`;
    const item = { ...held(1), url: elsewhere(held(1).url), thumbnailUrl: elsewhere(held(1).thumbnailUrl) };
    vi.stubGlobal("fetch", async () => Response.json({ items: [item], nextCursor: null }));
    const view = render(<MediaQueue />);
    await view.findByText("product-1");
    const thumb = view.container.querySelector("li.media-item img");
    expect(thumb?.getAttribute("src")).toBe("/v1/admin/media/m1/files/w160.jpg");
    await act(async () => (view.container.querySelector("button.thumb") as HTMLButtonElement).click());
    const full = await waitFor(() => {
      const img = document.querySelector("img.full");
      expect(img).toBeTruthy();
      return img;
    });
    expect(full?.getAttribute("src")).toBe("/v1/admin/media/m1/files/w800.jpg");
  });
});

describe("a photo's product", () => {
  it("is the catalog's name (alt text too), with a link to its reviews in the queue", async () => {
    const named = {
      ...held(1),
      product: { id: "product-1", name: "Mug <i>XL</i>", url: "https://shop.example/mug" },
    };
    vi.stubGlobal("fetch", async () => Response.json({ items: [named, held(2)], nextCursor: null }));
    const view = render(<MediaQueue />);
    const shop = await view.findByRole("link", { name: "Mug <i>XL</i> (opens in a new tab)" });
    expect(shop.getAttribute("href")).toBe("https://shop.example/mug");
    expect(shop.getAttribute("target")).toBe("_blank");
    const card = shop.closest("li") as HTMLElement;
    expect(card.querySelector("img")?.getAttribute("alt")).toBe("Photo of \u2068Mug <i>XL</i>\u2069");
    expect(card.querySelector("a[href*='product=product-1']")?.textContent).toBe("its reviews");
    const other = view.container.querySelector("[data-media-id=m2]") as HTMLElement;
    expect(other.querySelector(".product-id")?.textContent).toBe("product-2");
    expect(other.querySelector("img")?.getAttribute("alt")).toBe("Photo of \u2068product-2\u2069");
  });
});
