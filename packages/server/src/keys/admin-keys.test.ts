// Admin keys end to end (issue 13): scoped, listed without secrets, revoked at once, hashed at rest.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, makeStore, postJson } from "../../testing/fixtures.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../testing/test-server.ts";
import { createStore } from "../stores/create-store.ts";
import { WeakSecretError } from "./secret-strength.ts";

describe.each(databasesUnderTest())("admin keys on %s", (kind) => {
  let server: TestServer;
  let storeId: string;
  let owner: Record<string, string>;

  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
  const del = (path: string, headers: Record<string, string>) =>
    fetch(`${server.url}${path}`, { method: "DELETE", headers }).then(async (r) => ({
      status: r.status,
      text: await r.text(),
    }));
  const newKey = (name: string, scopes: string[], headers = owner) =>
    postJson(`${server.url}/v1/admin/keys`, { name, scopes }, headers);
  const order = (orderId: string) => ({
    orderId,
    customerId: "c-1",
    total: 10,
    currency: "EUR",
    items: [{ productId: "tee", quantity: 1, price: 10 }],
  });

  beforeAll(async () => {
    server = await startTestServer({ db: kind });
    const made = await makeStore(server.db);
    storeId = made.storeId;
    owner = bearer(made.secretKey);
  });
  afterAll(() => server.close());

  it("makes a named, scoped sk_ key shown once, which works for its scopes only", async () => {
    const created = await newKey("moderation bot", ["reviews:read"]);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: "moderation bot", scopes: ["reviews:read"] });
    expect(created.json.key).toMatch(/^sk_[A-Za-z0-9_-]{43}$/);
    const reader = bearer(created.json.key);

    expect((await getJson(`${server.url}/v1/admin/reviews`, reader)).status).toBe(200);
    const refused = await postJson(`${server.url}/v1/admin/orders`, order("o-scope"), reader);
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe("insufficient_scope");
    expect((await getJson(`${server.url}/v1/admin/keys`, reader)).json.error.code).toBe("insufficient_scope");

    const listed = await getJson(`${server.url}/v1/admin/keys`, owner);
    expect(listed.status).toBe(200);
    const entry = listed.json.items.find((k: { id: string }) => k.id === created.json.id);
    expect(entry).toMatchObject({ name: "moderation bot", scopes: ["reviews:read"], revokedAt: null });
    expect(entry.key).toBeUndefined();
    expect(listed.text).not.toContain(created.json.key);
    expect(listed.text).not.toContain(owner.authorization?.slice("Bearer ".length));
  });

  it("stores only a hash of each key", async () => {
    const created = await newKey("hash check", ["*"]);
    const rows = await server.db.kysely.selectFrom("admin_keys").selectAll().execute();
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(created.json.key);
    expect(dump).not.toContain(owner.authorization?.slice("Bearer ".length));
  });

  it("lets a key grant only scopes it holds", async () => {
    const manager = await newKey("key manager", ["keys:manage", "reviews:read"]);
    const headers = bearer(manager.json.key);
    expect((await newKey("narrower", ["reviews:read"], headers)).status).toBe(201);
    const wider = await newKey("wider", ["*"], headers);
    expect(wider.status).toBe(403);
    expect(wider.json.error.code).toBe("insufficient_scope");
    expect((await newKey("other", ["orders:write"], headers)).status).toBe(403);
    const invalid = await newKey("bad", ["reviews:everything"]);
    expect(invalid.status).toBe(422);
    expect((await newKey("", ["*"])).status).toBe(422);
  });

  it("refuses a revoked key at once, also in another app on the same database", async () => {
    const created = await newKey("to revoke", ["*"]);
    const headers = bearer(created.json.key);
    // A second app over the same database: a second process as far as the key is concerned.
    const { createApp } = await import("../app.ts");
    const other = createApp({ db: server.db, logger: { info() {}, warn() {}, error() {} } });
    const viaOther = () => other.fetch(new Request("http://x/v1/admin/reviews", { headers }));
    expect((await viaOther()).status).toBe(200);

    expect((await del(`/v1/admin/keys/${created.json.id}`, owner)).status).toBe(204);
    const after = await getJson(`${server.url}/v1/admin/reviews`, headers);
    expect(after.status).toBe(401);
    expect(after.json.error.code).toBe("unauthorized");
    expect((await viaOther()).status).toBe(401);
    other.ctx.metrics.detach();

    expect((await del(`/v1/admin/keys/${created.json.id}`, owner)).status).toBe(404);
    const listed = await getJson(`${server.url}/v1/admin/keys`, owner);
    const entry = listed.json.items.find((k: { id: string }) => k.id === created.json.id);
    expect(entry.revokedAt).toEqual(expect.any(String));
  });

  it("does not let one store's key see or revoke another store's keys", async () => {
    const other = await makeStore(server.db);
    const otherKeys = await getJson(`${server.url}/v1/admin/keys`, bearer(other.secretKey));
    expect(otherKeys.json.items.map((k: { id: string }) => k.id)).toEqual([other.keyId]);
    expect((await del(`/v1/admin/keys/${other.keyId}`, owner)).status).toBe(404);
    expect((await getJson(`${server.url}/v1/admin/keys`, bearer(other.secretKey))).status).toBe(200);
    expect(storeId).not.toBe(other.storeId);
  });

  it("refuses secrets shorter than 32 characters", async () => {
    await expect(
      createStore(server.db, { id: "weak-shop", name: "Weak", adminKey: "sk_short" }),
    ).rejects.toThrow(WeakSecretError);
    await expect(
      createStore(server.db, { id: "weak-shop-2", name: "Weak", signingSecret: "x".repeat(31) }),
    ).rejects.toThrow(WeakSecretError);
    // Nothing half made: the store's transaction was rolled back.
    const stores = await server.db.kysely
      .selectFrom("stores")
      .select("id")
      .where("id", "like", "weak-shop%")
      .execute();
    expect(stores).toEqual([]);
  });
});
