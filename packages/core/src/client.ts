// The widget API client: every public route of shared/API.md, typed, on one Http (http.ts).
import type {
  GalleryPage,
  LoyaltyMe,
  LoyaltyProgram,
  Media,
  Redemption,
  Review,
  ReviewInput,
  ReviewPage,
  ReviewQuery,
  SubmitReviewResponse,
  SummariesResponse,
  Summary,
  VoteResponse,
  VoteValue,
} from "./api-types.ts";
import { invalidResponse } from "./errors.ts";
import { type Body, createHttp } from "./http.ts";
import { answerFor, chunkProductIds, createIdBatcher } from "./id-batcher.ts";
import type { UploadOptions } from "./upload.ts";

export interface ClientOptions {
  /** e.g. "https://reviews.example.com" (no trailing slash needed). */
  apiBase: string;
  /** Public store id, e.g. "demo". */
  store: string;
  /** Per attempt; default 8000. */
  timeoutMs?: number;
  /** Idempotent reads only; default 2. */
  retries?: number;
  /** Injectable for tests and server-side rendering. */
  fetch?: typeof fetch;
  /** Send If-None-Match from the client's own ETag cache (default: only outside browsers, see http.ts). */
  manualEtags?: boolean;
}

export interface MediaQuery {
  product?: string;
  cursor?: string;
  limit?: number;
}

export interface PlauditClient {
  readonly apiBase: string;
  readonly store: string;
  /** Batched: every call made before the current task ends becomes one `/summaries` request. */
  getSummary(productId: string): Promise<Summary>;
  /** In the order asked; chunks of ≤ 100 ids. */
  getSummaries(productIds: string[]): Promise<Summary[]>;
  listReviews(productId: string, query?: ReviewQuery): Promise<ReviewPage>;
  /** One published review; a pending, rejected or unknown one rejects with code "review_not_found" (404). */
  getReview(reviewId: string): Promise<Review>;
  /** `idempotencyKey`: the same key and review are stored once (a retry after a lost answer). */
  submitReview(productId: string, input: ReviewInput, idempotencyKey?: string): Promise<SubmitReviewResponse>;
  /** With the shopper's customer token the vote counts once per customer, else once per address. */
  vote(reviewId: string, value: VoteValue, voter: string, customerToken?: string): Promise<VoteResponse>;
  listMedia(query?: MediaQuery): Promise<GalleryPage>;
  uploadMedia(file: Blob, opts?: UploadOptions): Promise<Media>;
  loyaltyProgram(): Promise<LoyaltyProgram>;
  loyaltyMe(customerToken: string): Promise<LoyaltyMe>;
  /** `cost`: the points the shopper was shown; a reward repriced since is refused (409 reward_changed). */
  redeem(customerToken: string, rewardId: string, idempotencyKey: string, cost?: number): Promise<Redemption>;
}

const hasItems = (body: Body) => Array.isArray(body.items);
const isPage = (body: Body) =>
  hasItems(body) && (body.nextCursor === null || typeof body.nextCursor === "string");
const has = (key: string) => (body: Body) => key in body;
const isReview = (body: Body) => typeof body.id === "string" && Array.isArray(body.media);

const enc = encodeURIComponent;
const noSummary = (productId: string) => invalidResponse(`no summary for product "${productId}"`);
const flag = (on: boolean | undefined) => (on ? "1" : undefined);
const text = (value: number | undefined) => (value === undefined ? undefined : String(value));

/** The query string of the review list route; also the identity of a list in the store. */
export function reviewSearch(query: ReviewQuery = {}): Record<string, string | undefined> {
  return {
    sort: query.sort,
    rating: query.rating?.length ? [...query.rating].sort().join(",") : undefined,
    media: flag(query.media),
    verified: flag(query.verified),
    q: query.q || undefined,
    limit: text(query.limit),
    cursor: query.cursor,
  };
}

export function createClient(options: ClientOptions): PlauditClient {
  const { apiBase, store } = options;
  const http = createHttp(options);
  const storePath = `stores/${enc(store)}/`;
  const customer = (token: string) => ({ "x-plaudit-customer": token });

  async function fetchChunk(productIds: string[]): Promise<Map<string, Summary>> {
    const [first] = productIds;
    if (productIds.length === 1 && first?.includes(",")) {
      const url = http.url(`${storePath}products/${enc(first)}/summary`);
      return new Map([[first, await http.get<Summary>(url, has("count"))]]);
    }
    const url = http.url(`${storePath}summaries`, { products: productIds.join(",") });
    const { items } = await http.get<SummariesResponse>(url, hasItems);
    return new Map(items.map((summary) => [summary.productId, summary]));
  }

  return {
    apiBase,
    store,
    getSummary: createIdBatcher(fetchChunk, noSummary),
    async getSummaries(productIds) {
      const maps = await Promise.all(chunkProductIds(productIds).map(fetchChunk));
      const all = new Map(maps.flatMap((map) => [...map]));
      return productIds.map((id) => answerFor(all, id, noSummary));
    },
    listReviews(productId, query) {
      return http.get(
        http.url(`${storePath}products/${enc(productId)}/reviews`, reviewSearch(query)),
        isPage,
      );
    },
    getReview(reviewId) {
      return http.get(http.url(`${storePath}reviews/${enc(reviewId)}`), isReview);
    },
    submitReview(productId, input, idempotencyKey) {
      return http.send("POST", http.url(`${storePath}products/${enc(productId)}/reviews`), has("review"), {
        json: input,
        ...(idempotencyKey ? { headers: { "idempotency-key": idempotencyKey } } : {}),
      });
    },
    vote(reviewId, value, voter, customerToken) {
      // The token goes in the body, as submitReview's does (JSON leaves an undefined one out).
      return http.send("POST", http.url(`${storePath}reviews/${enc(reviewId)}/votes`), has("up"), {
        json: { value, voter, customerToken },
      });
    },
    listMedia(query = {}) {
      const url = http.url(`${storePath}media`, {
        product: query.product,
        cursor: query.cursor,
        limit: text(query.limit),
      });
      return http.get(url, isPage);
    },
    uploadMedia(file, opts = {}) {
      const url = http.url(`${storePath}media`);
      const form = new FormData();
      form.append("file", file);
      if (opts.poster) form.append("poster", opts.poster, "poster.jpg");
      if (opts.onProgress && typeof XMLHttpRequest === "function") {
        // Only the review form uploads: the XHR code stays out of the runtime every page loads.
        return import("./upload.ts").then((upload) => upload.uploadWithProgress(url, form, has("id"), opts));
      }
      // Large videos take a while: only the caller's signal ends an upload.
      return http.send("POST", url, has("id"), { body: form, signal: opts.signal, timeoutMs: false });
    },
    loyaltyProgram() {
      return http.get(http.url(`${storePath}loyalty/program`), has("rewards"));
    },
    loyaltyMe(customerToken) {
      return http.get(http.url(`${storePath}loyalty/me`), has("balance"), customer(customerToken));
    },
    redeem(customerToken, rewardId, idempotencyKey, cost) {
      return http.send("POST", http.url(`${storePath}loyalty/redemptions`), has("code"), {
        headers: { ...customer(customerToken), "idempotency-key": idempotencyKey },
        json: { rewardId, cost },
      });
    },
  };
}
