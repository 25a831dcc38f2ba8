import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postJson, reviewBody } from "../../testing/fixtures.ts";
import { type LoyaltyKit, startLoyaltyKit } from "../../testing/loyalty-test-kit.ts";
import { solidJpeg } from "../../testing/test-files.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";
import { inviteTokenOf, signedInUser } from "../../testing/test-session.ts";
import { filePart, upload } from "../../testing/upload-client.ts";
import { addressHash, suppressHash } from "../suppression/index.ts";

// Every admin write route, read from the router itself, must leave exactly one audit row. A route
// added later without a case here fails the first test; one whose write forgets appendAudit()
// fails the second. A case prepares what its route needs, then returns the call to audit.

type Call = () => Promise<Response>;
interface WriteCase {
  prepare(kit: LoyaltyKit): Promise<{ call: Call; target: string }>;
  action: string;
  /** Who the row names: the store's key (default) or an admin app user (session routes). */
  actor?: "key" | "user";
}

const json = (kit: LoyaltyKit, method: string, path: string, body: unknown, headers = {}): Call => {
  return () =>
    fetch(`${kit.server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${kit.secretKey}`,
        "content-type": "application/json",
        ...headers,
      },
      body: JSON.stringify(body),
    });
};

async function pendingReview(kit: LoyaltyKit, mediaIds: string[] = []): Promise<string> {
  const res = await postJson(
    `${kit.server.url}/v1/stores/${kit.storeId}/products/tee/reviews`,
    reviewBody({ mediaIds }),
  );
  expect(res.status).toBe(201);
  return res.json.review.id;
}

/** A call whose target is the id in its answer (what the write made), read once it answered. */
function targetFromAnswer(call: Call): { call: Call; target: string } {
  let id = "";
  return {
    call: async () => {
      const res = await call();
      id = ((await res.clone().json()) as { id: string }).id;
      return res;
    },
    get target() {
      return id;
    },
  };
}

let orders = 0;
const order = (customerId: string) => ({
  orderId: `o-${++orders}`,
  customerId,
  total: 40,
  currency: "EUR",
  items: [{ productId: "tee", quantity: 1, price: 40 }],
});

/** A call with an admin app session: its cookie and CSRF token instead of the key. */
const withSession = (
  kit: LoyaltyKit,
  method: string,
  path: string,
  session: { cookie: string; csrf: string },
): Call => {
  return () =>
    fetch(`${kit.server.url}${path}`, {
      method,
      headers: { cookie: session.cookie, "x-csrf-token": session.csrf },
    });
};

/** Keyed "METHOD path" exactly as the route is registered. */
const WRITE_CASES: Record<string, WriteCase> = {
  "POST /v1/admin/orders": {
    action: "order.record",
    async prepare(kit) {
      const body = order("c-order");
      return { call: json(kit, "POST", "/v1/admin/orders", body), target: body.orderId };
    },
  },
  "POST /v1/admin/orders/:orderId/refund": {
    action: "order.refund",
    async prepare(kit) {
      const body = order("c-refund");
      expect((await kit.order(body.orderId, body.customerId, body.total)).status).toBe(201);
      return {
        call: json(kit, "POST", `/v1/admin/orders/${body.orderId}/refund`, {}),
        target: body.orderId,
      };
    },
  },
  "PATCH /v1/admin/reviews/:id": {
    action: "review.moderate",
    async prepare(kit) {
      const id = await pendingReview(kit);
      return { call: json(kit, "PATCH", `/v1/admin/reviews/${id}`, { status: "published" }), target: id };
    },
  },
  "POST /v1/admin/reviews/bulk": {
    action: "review.moderate",
    async prepare(kit) {
      const id = await pendingReview(kit);
      return {
        call: json(kit, "POST", "/v1/admin/reviews/bulk", { items: [{ id }], status: "rejected" }),
        target: id,
      };
    },
  },
  "PATCH /v1/admin/media/:id": {
    action: "media.moderate",
    async prepare(kit) {
      const uploaded = await upload(`${kit.server.url}/v1/stores/${kit.storeId}/media`, [
        filePart(await solidJpeg(400, 300)),
      ]);
      expect(uploaded.status).toBe(201);
      await pendingReview(kit, [uploaded.json.id]);
      const id: string = uploaded.json.id;
      return { call: json(kit, "PATCH", `/v1/admin/media/${id}`, { status: "rejected" }), target: id };
    },
  },
  "PUT /v1/admin/media/settings": {
    action: "media.settings.save",
    async prepare(kit) {
      return {
        call: json(kit, "PUT", "/v1/admin/media/settings", { quotaBytes: 1024 ** 3 }),
        target: kit.storeId,
      };
    },
  },
  "PUT /v1/admin/store/settings": {
    action: "store.settings.save",
    async prepare(kit) {
      return {
        call: json(kit, "PUT", "/v1/admin/store/settings", { timeZone: "Europe/Berlin" }),
        target: kit.storeId,
      };
    },
  },
  "POST /v1/admin/media/sweep": {
    action: "media.sweep",
    async prepare(kit) {
      return { call: json(kit, "POST", "/v1/admin/media/sweep", {}), target: kit.storeId };
    },
  },
  "PUT /v1/admin/loyalty/program": {
    action: "loyalty.program.save",
    async prepare(kit) {
      const current = await kit.admin("GET", "/v1/admin/loyalty/program");
      return { call: json(kit, "PUT", "/v1/admin/loyalty/program", current.json), target: kit.storeId };
    },
  },
  "POST /v1/admin/loyalty/adjustments": {
    action: "loyalty.adjust",
    async prepare(kit) {
      const body = { customerId: "c-adjust", delta: 50, reason: "goodwill" };
      return {
        call: json(kit, "POST", "/v1/admin/loyalty/adjustments", body, { "idempotency-key": "k-audit" }),
        target: body.customerId,
      };
    },
  },
  "PUT /v1/admin/loyalty/customers/:customerId": {
    action: "loyalty.customer.update",
    async prepare(kit) {
      return {
        call: json(kit, "PUT", "/v1/admin/loyalty/customers/c-birthday", { birthday: "04-12" }),
        target: "c-birthday",
      };
    },
  },
  "POST /v1/admin/keys": {
    action: "key.create",
    async prepare(kit) {
      return targetFromAnswer(
        json(kit, "POST", "/v1/admin/keys", { name: "audited", scopes: ["reviews:read"] }),
      );
    },
  },
  "DELETE /v1/admin/keys/:id": {
    action: "key.revoke",
    async prepare(kit) {
      const made = await kit.admin("POST", "/v1/admin/keys", { name: "to revoke", scopes: ["reviews:read"] });
      expect(made.status).toBe(201);
      return { call: json(kit, "DELETE", `/v1/admin/keys/${made.json.id}`, undefined), target: made.json.id };
    },
  },
  "POST /v1/admin/signing-secrets": {
    action: "signing_secret.rotate",
    async prepare(kit) {
      return targetFromAnswer(json(kit, "POST", "/v1/admin/signing-secrets", {}));
    },
  },
  "POST /v1/admin/loyalty/webhook-secret": {
    action: "webhook_secret.rotate",
    async prepare(kit) {
      return targetFromAnswer(json(kit, "POST", "/v1/admin/loyalty/webhook-secret", {}));
    },
  },
  "POST /v1/admin/privacy/erase": {
    action: "privacy.erase",
    async prepare(kit) {
      expect((await kit.order("o-erase", "c-erase", 10)).status).toBe(201);
      const call = json(kit, "POST", "/v1/admin/privacy/erase", { customerId: "c-erase" });
      // The target is the erasure's pseudonym, never the person: read it back from the answer.
      return { call, target: expect.stringMatching(/^erased-/) as unknown as string };
    },
  },
  "POST /v1/admin/loyalty/sweep": {
    action: "loyalty.sweep",
    async prepare(kit) {
      return { call: json(kit, "POST", "/v1/admin/loyalty/sweep", {}), target: kit.storeId };
    },
  },
};

/** A review request scheduled for a new fulfilled order (requests on, links to this server). */
async function scheduledRequest(kit: LoyaltyKit): Promise<string> {
  kit.server.app.ctx.publicUrl = kit.server.url;
  const settings = await kit.admin("PUT", "/v1/admin/review-requests/settings", {
    enabled: true,
    delayDays: 3,
    from: { name: "Shop", email: "hello@shop.example" },
  });
  expect(settings.status).toBe(200);
  const body = {
    ...order("c-request"),
    email: "buyer@example.com",
    fulfilledAt: kit.time.clock().toISOString(),
  };
  expect((await kit.order(body.orderId, body.customerId, body.total, body)).status).toBe(201);
  const row = await kit.server.db.kysely
    .selectFrom("review_requests")
    .select("id")
    .where("store_id", "=", kit.storeId)
    .where("order_id", "=", body.orderId)
    .executeTakeFirstOrThrow();
  return row.id;
}

// The catalog, fulfilment and review requests (catalog/, review-requests/).
Object.assign(WRITE_CASES, {
  "PUT /v1/admin/products/:product": {
    action: "product.save",
    async prepare(kit) {
      return {
        call: json(kit, "PUT", "/v1/admin/products/tee", { name: "Tee", url: "https://shop.example/tee" }),
        target: "tee",
      };
    },
  },
  "POST /v1/admin/orders/:orderId/fulfillment": {
    action: "order.fulfill",
    async prepare(kit) {
      const body = order("c-fulfil");
      expect((await kit.order(body.orderId, body.customerId, body.total)).status).toBe(201);
      return {
        call: json(kit, "POST", `/v1/admin/orders/${body.orderId}/fulfillment`, {}),
        target: body.orderId,
      };
    },
  },
  "PUT /v1/admin/review-requests/settings": {
    action: "review_requests.settings.save",
    async prepare(kit) {
      const body = { enabled: false, from: { name: "Shop", email: "hello@shop.example" } };
      return { call: json(kit, "PUT", "/v1/admin/review-requests/settings", body), target: kit.storeId };
    },
  },
  "POST /v1/admin/review-requests/:id/send": {
    action: "review_request.send",
    async prepare(kit) {
      const id = await scheduledRequest(kit);
      return { call: json(kit, "POST", `/v1/admin/review-requests/${id}/send`, {}), target: id };
    },
  },
  "POST /v1/admin/review-requests/:id/cancel": {
    action: "review_request.cancel",
    async prepare(kit) {
      const id = await scheduledRequest(kit);
      return { call: json(kit, "POST", `/v1/admin/review-requests/${id}/cancel`, {}), target: id };
    },
  },
  // The target is the address's keyed hash, a pseudonym: never the address itself.
  "POST /v1/admin/review-requests/suppressions": {
    action: "suppression.add",
    async prepare(kit) {
      const email = `stop-${++orders}@example.com`;
      const target = `address-${await addressHash(kit.server.db.kysely, kit.storeId, email)}`;
      return { call: json(kit, "POST", "/v1/admin/review-requests/suppressions", { email }), target };
    },
  },
  "POST /v1/admin/review-requests/suppressions/lift": {
    action: "suppression.lift",
    async prepare(kit) {
      const email = `resume-${++orders}@example.com`;
      const hash = await addressHash(kit.server.db.kysely, kit.storeId, email);
      const at = new Date().toISOString();
      await suppressHash(kit.server.db.kysely, {
        storeId: kit.storeId,
        addressHash: hash,
        reason: "unsubscribed",
        at,
      });
      const target = `address-${hash}`;
      return { call: json(kit, "POST", "/v1/admin/review-requests/suppressions/lift", { email }), target };
    },
  },
} satisfies Record<string, WriteCase>);

// The admin app's accounts (admin-users/): sign-in, sign-out, invite links, users.
Object.assign(WRITE_CASES, {
  "POST /v1/admin/session": {
    action: "admin.session.start",
    actor: "user",
    async prepare(kit) {
      const user = await signedInUser(kit.server.url, kit.server.db, kit.storeId, "moderator");
      const call: Call = () =>
        fetch(`${kit.server.url}/v1/admin/session`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ store: kit.storeId, email: user.email, password: user.password }),
        });
      return { call, target: user.userId };
    },
  },
  "DELETE /v1/admin/session": {
    action: "admin.session.end",
    actor: "user",
    async prepare(kit) {
      const user = await signedInUser(kit.server.url, kit.server.db, kit.storeId, "support");
      return { call: withSession(kit, "DELETE", "/v1/admin/session", user), target: user.userId };
    },
  },
  "DELETE /v1/admin/sessions": {
    action: "admin.sessions.end",
    actor: "user",
    async prepare(kit) {
      const user = await signedInUser(kit.server.url, kit.server.db, kit.storeId, "support");
      return { call: withSession(kit, "DELETE", "/v1/admin/sessions", user), target: user.userId };
    },
  },
  "POST /v1/admin/password": {
    action: "admin.user.password.set",
    actor: "user",
    async prepare(kit) {
      const res = await json(kit, "POST", "/v1/admin/users", { email: "pw@shop.example", role: "support" })();
      const created = (await res.json()) as { user: { id: string }; inviteUrl: string };
      const token = inviteTokenOf(created.inviteUrl);
      const call: Call = () =>
        fetch(`${kit.server.url}/v1/admin/password`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ token, password: "a long passphrase" }),
        });
      return { call, target: created.user.id };
    },
  },
  "POST /v1/admin/users": {
    action: "admin.user.create",
    async prepare(kit) {
      const call = json(kit, "POST", "/v1/admin/users", {
        email: "new-user@shop.example",
        role: "moderator",
      });
      // The new user's id is known from the answer only: read it back by address after the call.
      return {
        call: async () => {
          const res = await call();
          const body = (await res.clone().json()) as { user: { id: string } };
          created.id = body.user.id;
          return res;
        },
        get target() {
          return created.id;
        },
      };
    },
  },
  "POST /v1/admin/users/:id/invite": {
    action: "admin.user.invite",
    async prepare(kit) {
      const user = await signedInUser(kit.server.url, kit.server.db, kit.storeId, "moderator");
      return { call: json(kit, "POST", `/v1/admin/users/${user.userId}/invite`, {}), target: user.userId };
    },
  },
  "DELETE /v1/admin/users/:id/sessions": {
    action: "admin.user.sessions.end",
    async prepare(kit) {
      const user = await signedInUser(kit.server.url, kit.server.db, kit.storeId, "moderator");
      return {
        call: json(kit, "DELETE", `/v1/admin/users/${user.userId}/sessions`, {}),
        target: user.userId,
      };
    },
  },
  "PATCH /v1/admin/users/:id": {
    action: "admin.user.role",
    async prepare(kit) {
      const user = await signedInUser(kit.server.url, kit.server.db, kit.storeId, "moderator");
      return {
        call: json(kit, "PATCH", `/v1/admin/users/${user.userId}`, { role: "support" }),
        target: user.userId,
      };
    },
  },
  "DELETE /v1/admin/users/:id": {
    action: "admin.user.delete",
    async prepare(kit) {
      const user = await signedInUser(kit.server.url, kit.server.db, kit.storeId, "moderator");
      return { call: json(kit, "DELETE", `/v1/admin/users/${user.userId}`, {}), target: user.userId };
    },
  },
} satisfies Record<string, WriteCase>);
const created = { id: "" };

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The admin write routes as the router holds them (each handler of a route is listed; dedupe). */
function adminWriteRoutes(kit: LoyaltyKit): string[] {
  const routes = kit.server.app.app.routes
    .filter((r) => WRITE_METHODS.has(r.method) && r.path.startsWith("/v1/admin/"))
    .map((r) => `${r.method} ${r.path}`);
  return [...new Set(routes)].sort();
}

describe.each(databasesUnderTest())("audit rows of admin writes on %s", (kind) => {
  let kit: LoyaltyKit;
  beforeAll(async () => {
    kit = await startLoyaltyKit(kind, undefined, { moderation: "hold" });
  });
  afterAll(() => kit.close());

  const auditRows = () =>
    kit.server.db.kysely
      .selectFrom("audit_log")
      .selectAll()
      .where("store_id", "=", kit.storeId)
      .orderBy("at")
      .execute();

  it("knows how to call every admin write route the router has", () => {
    const routes = adminWriteRoutes(kit);
    expect(routes.length).toBeGreaterThanOrEqual(Object.keys(WRITE_CASES).length);
    const uncovered = routes.filter((route) => !(route in WRITE_CASES));
    // A route listed here needs a case above, and its write an appendAudit() (docs/server.md).
    expect(uncovered).toEqual([]);
  });

  it.each(Object.keys(WRITE_CASES))("%s leaves exactly one audit row", async (route) => {
    const writeCase = WRITE_CASES[route] as WriteCase;
    expect(adminWriteRoutes(kit)).toContain(route);
    // Not destructured: a case may learn its target from the answer (a new user's id).
    const prepared = await writeCase.prepare(kit);
    const before = await auditRows();
    const response = await prepared.call();
    expect(response.status, await response.clone().text()).toBeLessThan(300);
    const added = (await auditRows()).filter((row) => !before.some((old) => old.id === row.id));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      action: writeCase.action,
      target: prepared.target,
      actor_kind: writeCase.actor ?? "key",
      ip: "127.0.0.1",
      request_id: response.headers.get("x-request-id"),
    });
  });
});
