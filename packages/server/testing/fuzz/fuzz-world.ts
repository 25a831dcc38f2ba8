import { afterAll, beforeAll, expect } from "vitest";
import { signCustomerToken } from "../../src/customer-token.ts";
import { linkSecretFor } from "../../src/keys/link-secret.ts";
import type { Logger } from "../../src/logger.ts";
import { loadRequestView } from "../../src/review-requests/request-view.ts";
import { requestLinks } from "../../src/review-requests/send.ts";
import { makeStore, postJson, reviewBody } from "../fixtures.ts";
import { SAMPLE_LOYALTY_PROGRAM } from "../sample-data.ts";
import { solidJpeg } from "../test-files.ts";
import { type DatabaseUnderTest, startTestServer, type TestServer } from "../test-server.ts";
import { signedInUser } from "../test-session.ts";
import { filePart, upload } from "../upload-client.ts";
import { committedTables } from "./db-fingerprint.ts";
import type { FuzzWorld } from "./fuzz-request.ts";

// The store the fuzz suites and the sweep drive, made through the API: a loyalty program, orders
// (one with review requests on, so the hosted page's routes meet a real link), published reviews,
// a held photo, a signed-in owner, and a spare user and key.

export interface SweepWorld extends FuzzWorld {
  storeId: string;
  /** The owner's admin-app session: its cookie and the CSRF token its writes send. */
  session: { cookie: string; csrf: string };
  /** A real `{id}` per collection, by the path segment before it (`/v1/admin/users/{id}` → users). */
  ids: Record<string, string>;
  /** The products of the order behind the hosted review page's link: one review each. */
  pageProducts: string[];
  /** A new owner's session, for the routes that end the one they are sent with. */
  freshSession(): Promise<{ cookie: string; csrf: string }>;
  /** Values of the OpenAPI examples' `{{name}}` placeholders. */
  example: Record<string, () => string>;
}

/**
 * The server's log, kept: the status each request id was answered with, and every error line (an
 * unhandled error is our bug even when the client got a 4xx, or its 500 never reached a client
 * that had gone away).
 */
function keptLog() {
  const statuses = new Map<string, number>();
  const errors: Record<string, unknown>[] = [];
  const logger: Logger = {
    info(fields) {
      if (fields.msg === "request") statuses.set(String(fields.requestId), Number(fields.status));
    },
    // A value the database refused (answered 400): the client's, not an error of ours.
    warn() {},
    error(fields) {
      errors.push(fields);
    },
  };
  return { logger, statuses, errors };
}

export interface FuzzServer {
  server: TestServer;
  world: SweepWorld;
  /** What is committed, table by table (db-fingerprint.ts): a refused write must leave it as it was. */
  committed: Awaited<ReturnType<typeof committedTables>>;
  log: ReturnType<typeof keptLog>;
}

/**
 * A suite's server on one database, with its log kept and the world built on it, its committed
 * tables watched; started before the suite's tests and closed after them. `server`, `world` and
 * `committed` are there once the tests run (not while they are being declared).
 */
export function fuzzServer(kind: DatabaseUnderTest): FuzzServer {
  const fuzz = { log: keptLog() } as FuzzServer;
  beforeAll(async () => {
    fuzz.server = await startTestServer({ db: kind, logger: fuzz.log.logger });
    fuzz.world = await buildWorld(fuzz.server);
    fuzz.committed = await committedTables(fuzz.server.db);
  });
  afterAll(async () => {
    fuzz.committed?.close();
    await fuzz.server?.close();
  });
  return fuzz;
}

export async function buildWorld(server: TestServer): Promise<SweepWorld> {
  const { storeId, secretKey, signingSecret } = await makeStore(server.db);
  const auth = { authorization: `Bearer ${secretKey}` };
  const put = await fetch(`${server.url}/v1/admin/loyalty/program`, {
    method: "PUT",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify(SAMPLE_LOYALTY_PROGRAM),
  });
  expect(put.status).toBe(200);
  const order = {
    orderId: "o-1",
    customerId: "alice",
    email: "alice@example.com",
    total: 120,
    currency: "EUR",
    items: [{ productId: "tee", quantity: 1, price: 120 }],
  };
  // Review requests on, so the order gets one and the hosted page's routes meet a real link.
  server.app.ctx.publicUrl = server.url;
  const settings = await fetch(`${server.url}/v1/admin/review-requests/settings`, {
    method: "PUT",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({
      enabled: true,
      delayDays: 0,
      from: { name: "Shop", email: "hello@shop.example" },
    }),
  });
  expect(settings.status).toBe(200);
  expect((await postJson(`${server.url}/v1/admin/orders`, order, auth)).status).toBe(201);
  // Many products: each form the fuzzer gets through reviews one, and a reviewed one answers 409
  // before its fields are read.
  const pageProducts = Array.from({ length: 60 }, (_, i) => `page-${i}`);
  const pageOrder = {
    orderId: "o-page",
    customerId: "carol",
    email: "carol@example.com",
    total: 60,
    currency: "EUR",
    items: pageProducts.map((productId) => ({ productId, quantity: 1, price: 1 })),
    fulfilledAt: new Date().toISOString(),
  };
  expect((await postJson(`${server.url}/v1/admin/orders`, pageOrder, auth)).status).toBe(201);
  const request = await server.db.kysely
    .selectFrom("review_requests")
    .select("id")
    .where("store_id", "=", storeId)
    .executeTakeFirstOrThrow();
  const view = await loadRequestView(server.db, request.id);
  const { token: pageToken } = requestLinks(
    server.url,
    view!,
    await linkSecretFor(server.app.ctx, storeId),
    new Date(),
  );
  const reviewIds: string[] = [];
  for (let i = 0; i < 3; i++) {
    const posted = await postJson(`${server.url}/v1/stores/${storeId}/products/tee/reviews`, reviewBody());
    expect(posted.status).toBe(201);
    reviewIds.push(posted.json.review.id);
  }
  const token = signCustomerToken(signingSecret, "alice");
  // A photo from a reviewer without a purchase: held for a moderator (issue 19), so the media
  // routes (list, the moderator's file, approve) meet a real held item.
  const photo = await upload(`${server.url}/v1/stores/${storeId}/media`, [filePart(await solidJpeg(64, 48))]);
  expect(photo.status).toBe(201);
  const held = await postJson(
    `${server.url}/v1/stores/${storeId}/products/mug/reviews`,
    reviewBody({
      title: "Photo",
      body: "A photo of the mug on my desk, colours true.",
      mediaIds: [photo.json.id],
    }),
  );
  expect(held.json.mediaHeld).toBe(1);
  // An owner signed in to the admin app (session-only routes, and the session door of the others),
  // a user and a key of their own to rename, revoke and delete (never the ones the sweep signs in with).
  const session = await signedInUser(server.url, server.db, storeId, "owner");
  const user = await postJson(
    `${server.url}/v1/admin/users`,
    { email: "spare@shop.example", role: "moderator" },
    auth,
  );
  expect(user.status).toBe(201);
  const key = await postJson(
    `${server.url}/v1/admin/keys`,
    { name: "spare", scopes: ["reviews:read"] },
    auth,
  );
  expect(key.status).toBe(201);
  // Points to spend: redemptions get past the balance check to the reward and the key.
  const points = await postJson(
    `${server.url}/v1/admin/loyalty/adjustments`,
    { customerId: "alice", delta: 100_000, reason: "fuzz" },
    { ...auth, "idempotency-key": "fuzz-points" },
  );
  expect(points.status).toBe(201);
  return {
    storeId,
    pageProducts,
    async freshSession() {
      const fresh = await signedInUser(server.url, server.db, storeId, "owner");
      return { cookie: fresh.cookie, csrf: fresh.csrf };
    },
    session: { cookie: session.cookie, csrf: session.csrf },
    ids: {
      reviews: reviewIds[0]!,
      media: photo.json.id as string,
      users: user.json.user.id as string,
      keys: key.json.id as string,
      "review-requests": request.id,
    },
    example: {
      customerToken: () => signCustomerToken(signingSecret, "alice"),
      reviewId: () => reviewIds[0]!,
    },
    pathValues: {
      store: [storeId, "no-such-store"],
      product: ["tee", "other"],
      id: [...reviewIds, photo.json.id as string, "missing"],
      customerId: ["alice", "nobody"],
      orderId: ["o-1", "o-missing"],
      file: ["w640.webp", "video.mp4", "original"],
      // Mostly the real link: an invalid one is refused before anything else is read.
      token: [pageToken, pageToken, pageToken, "x"],
    },
    queryValues: {
      products: ["tee", "tee,other", Array.from({ length: 101 }, (_, i) => `p${i}`).join(",")],
      rating: ["1", "1,5", "0", "6"],
      limit: ["1", "50", "51"],
      product: ["tee", ...pageProducts],
      q: ["a", "%", "_", "\\", "ab", "wool", "ß"],
      sort: ["newest", "lowest", "helpful"],
      status: ["held", "ready", "rejected", "pending"],
      review: [...reviewIds, held.json.review.id as string],
    },
    bearer: secretKey,
    customerTokens: [token, signCustomerToken(signingSecret, "bob", new Date(Date.now() - 400 * 86_400_000))],
    samples: {
      "POST /v1/stores/{store}/products/{product}/reviews": {
        ...reviewBody(),
        customerToken: token,
        mediaIds: [],
        website: "",
      },
      "POST /r/{token}/reviews": {
        product: "page-0",
        rating: "5",
        title: "Soft",
        body: "Soft and warm.",
        name: "Al",
      },
      "POST /v1/stores/{store}/reviews/{id}/votes": { value: "up", voter: "voter-1", customerToken: token },
      "PUT /v1/admin/media/settings": { quotaBytes: 10 * 1024 ** 3, holdUnverifiedMedia: true },
      "POST /v1/stores/{store}/loyalty/redemptions": { rewardId: "free-shipping" },
      "POST /v1/stores/{store}/loyalty/join": { customerToken: token },
      "POST /v1/admin/orders": order,
      "PATCH /v1/admin/reviews/{id}": { status: "published", reply: "Thanks!" },
      "PUT /v1/admin/loyalty/program": SAMPLE_LOYALTY_PROGRAM as unknown as Record<string, unknown>,
      "POST /v1/admin/loyalty/adjustments": { customerId: "alice", delta: 5, reason: "fuzz" },
      "PUT /v1/admin/loyalty/customers/{customerId}": { birthday: "04-01" },
      "PATCH /v1/admin/media/{id}": { status: "ready" },
      "POST /v1/admin/keys": { name: "fuzz key", scopes: ["reviews:read"] },
      "PUT /v1/admin/products/{product}": { name: "Tee", url: "https://shop.example/tee", gtin: "01234567" },
      "POST /v1/admin/orders/{orderId}/fulfillment": { fulfilledAt: "2026-03-01T00:00:00.000Z" },
      "PUT /v1/admin/review-requests/settings": {
        enabled: false,
        delayDays: 3,
        from: { name: "Shop", email: "hello@shop.example" },
        theme: { accent: "#123456" },
      },
      "POST /v1/admin/privacy/erase": { email: "fuzz.person@example.com" },
      "POST /v1/admin/session": {
        store: storeId,
        email: "owner@shop.example",
        password: "a long passphrase",
      },
      "POST /v1/admin/password": { token: "nonce.mac", password: "a long passphrase" },
      "POST /v1/admin/users": { email: "new@shop.example", role: "moderator" },
      "PATCH /v1/admin/users/{id}": { role: "support" },
    },
  };
}
