// Test double of the Plaudit HTTP API (shared/API.md) at the fetch boundary: real Request and
// Response objects, realistic bodies, and a record of every call. Only tests import this.
import type { Rating, Review, Summary } from "@plaudit/core";

export const API_BASE = "https://reviews.test";
export const STORE = "demo";

export function makeReview(n: number, change: Partial<Review> = {}): Review {
  const rating = (((n * 7) % 5) + 1) as Rating;
  return {
    id: `r${n}`,
    productId: "tee",
    rating,
    title: `Review number ${n}`,
    body: `Fits well and the cotton is soft. Review ${n}.`,
    author: { name: `Shopper ${n}` },
    verified: n % 2 === 0,
    createdAt: new Date(Date.UTC(2026, 0, 31 - (n % 28), 12)).toISOString(),
    helpful: { up: n % 4, down: 0 },
    reply: null,
    media: [],
    ...change,
  };
}

export function summarize(productId: string, reviews: readonly Review[]): Summary {
  const histogram: Summary["histogram"] = [0, 0, 0, 0, 0];
  for (const review of reviews) histogram[review.rating - 1] = (histogram[review.rating - 1] ?? 0) + 1;
  const total = reviews.reduce((sum, review) => sum + review.rating, 0);
  return {
    productId,
    count: reviews.length,
    average: reviews.length ? Math.round((total / reviews.length) * 100) / 100 : 0,
    histogram,
    mediaCount: reviews.reduce((sum, review) => sum + review.media.length, 0),
  };
}

export interface Call {
  method: string;
  url: URL;
  body: string;
}

export interface FakeApiOptions {
  /** productId → its published reviews, newest first. */
  products: Record<string, Review[]>;
  /** Answer for vote requests; default: the updated counts. */
  vote?: (reviewId: string) => Response | Promise<Response>;
  /** Like the server's search on SQLite: a term stops at this many matches (`totalCapped`). */
  searchCap?: number;
  /** Answer for every summary and list read; default: from `products`. */
  read?: (url: URL) => Response | Promise<Response> | undefined;
}

export const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8" },
  });

export const apiError = (status: number, code: string): Response =>
  json({ error: { code, message: code.replace(/_/g, " ") } }, status);

const SORTS: Record<string, (a: Review, b: Review) => number> = {
  newest: (a, b) => b.createdAt.localeCompare(a.createdAt),
  oldest: (a, b) => a.createdAt.localeCompare(b.createdAt),
  highest: (a, b) => b.rating - a.rating,
  lowest: (a, b) => a.rating - b.rating,
  helpful: (a, b) => b.helpful.up - b.helpful.down - (a.helpful.up - a.helpful.down),
  media: (a, b) => Number(b.media.length > 0) - Number(a.media.length > 0),
};

export function fakeApi(options: FakeApiOptions) {
  const calls: Call[] = [];
  const reviews = (productId: string) => options.products[productId] ?? [];

  async function answer(method: string, url: URL): Promise<Response> {
    const override = options.read?.(url);
    if (override) return override;
    const path = url.pathname.replace(`/v1/stores/${STORE}/`, "");
    const parts = path.split("/").map(decodeURIComponent);
    if (method === "GET" && parts[0] === "summaries") {
      const ids = (url.searchParams.get("products") ?? "").split(",").map(decodeURIComponent);
      return json({ items: ids.map((id) => summarize(id, reviews(id))) });
    }
    if (method === "GET" && parts[0] === "products" && parts[2] === "summary") {
      return json(summarize(parts[1]!, reviews(parts[1]!)));
    }
    if (method === "GET" && parts[0] === "products" && parts[2] === "reviews") {
      const q = url.searchParams;
      const ratings = q.get("rating")?.split(",").map(Number);
      const text = q.get("q")?.toLowerCase();
      const matched = reviews(parts[1]!)
        .filter((review) => !ratings || ratings.includes(review.rating))
        .filter((review) => q.get("media") !== "1" || review.media.length > 0)
        .filter((review) => q.get("verified") !== "1" || review.verified)
        .filter((review) => !text || `${review.title} ${review.body}`.toLowerCase().includes(text))
        .sort(SORTS[q.get("sort") ?? "newest"]);
      const capped =
        text !== undefined && options.searchCap !== undefined && matched.length >= options.searchCap;
      const all = capped ? matched.slice(0, options.searchCap) : matched;
      const start = Number(q.get("cursor") ?? 0);
      const limit = Number(q.get("limit") ?? 10);
      const items = all.slice(start, start + limit);
      const next = start + limit < all.length ? String(start + limit) : null;
      return json({ items, nextCursor: next, total: all.length, ...(capped ? { totalCapped: true } : {}) });
    }
    if (method === "POST" && parts[0] === "reviews" && parts[2] === "votes") {
      if (options.vote) return options.vote(parts[1]!);
      return json({ up: 1, down: 0 });
    }
    return apiError(404, "not_found");
  }

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    calls.push({ method: request.method, url, body: request.body ? await request.text() : "" });
    return answer(request.method, url);
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

/** Lets pending promises and store updates settle. */
export const settle = async (rounds = 5): Promise<void> => {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};
