// The code webhook's own secret can be rotated (issue 13): by the admin route and by the CLI, each
// showing the new secret once, audited; calls are signed with the new one from then on.
import { userInfo } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, makeStore, postJson } from "../../testing/fixtures.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../testing/test-server.ts";
import { addAdminKey } from "./admin-keys.ts";
import { webhookSecretRotate } from "./keys-cli.ts";
import { plainSecretBox } from "./secret-box.ts";
import { signingSecretFor } from "./signing-secrets.ts";

describe.each(databasesUnderTest())("rotating the code-webhook secret on %s", (kind) => {
  let server: TestServer;
  let store: Awaited<ReturnType<typeof makeStore>>;
  const url = () => `${server.url}/v1/admin/loyalty/webhook-secret`;
  const auth = (key: string) => ({ authorization: `Bearer ${key}` });
  const signingNow = () =>
    signingSecretFor(server.db.kysely, plainSecretBox, {
      storeId: store.storeId,
      purpose: "code_webhook",
      now: new Date(),
    });
  const auditRows = (action: string) =>
    server.db.kysely
      .selectFrom("audit_log")
      .select(["actor_kind", "actor_id", "target", "request_id"])
      .where("store_id", "=", store.storeId)
      .where("action", "=", action)
      .execute();

  beforeAll(async () => {
    server = await startTestServer({ db: kind });
    store = await makeStore(server.db);
  });
  afterAll(() => server.close());

  it("shows which secret is current on a read, never the secret itself", async () => {
    const current = await signingNow();
    const read = await getJson(url(), auth(store.secretKey));
    expect(read.status).toBe(200);
    expect(read.headers.get("cache-control")).toBe("no-store");
    expect(read.json).toEqual({
      id: expect.stringMatching(/^ss_/),
      hint: `${current.slice(0, 7)}…${current.slice(-4)}`,
      createdAt: expect.any(String),
    });
    expect(read.text).not.toContain(current.slice(7, -4));
  });

  it("shows nothing of a short secret carried over from before named keys (migration 0010 copied it as it was)", async () => {
    // Before secrets had a minimum length a store's key could be short (PLAUDIT_DEMO_SECRET=…):
    // 0010 made it the code-webhook (and customer-token) secret as it was. Its first 7 and last 4
    // characters would be most of it, or all of it.
    const old = await makeStore(server.db);
    const legacy = "sk_dev_shop";
    await server.db.kysely
      .updateTable("signing_secrets")
      .set({ retired_at: new Date().toISOString() })
      .where("store_id", "=", old.storeId)
      .where("purpose", "=", "code_webhook")
      .where("retired_at", "is", null)
      .execute();
    await server.db.kysely
      .insertInto("signing_secrets")
      .values({
        id: "ss_from_0010",
        store_id: old.storeId,
        purpose: "code_webhook",
        secret: `plain:${legacy}`,
        created_at: "2026-01-01T00:00:00.000Z",
      })
      .execute();
    const read = await getJson(url(), auth(old.secretKey));
    expect(read.status).toBe(200);
    expect(read.json).toEqual({ id: "ss_from_0010", hint: "…", createdAt: "2026-01-01T00:00:00.000Z" });
    for (const part of [legacy.slice(0, 7), legacy.slice(-4)]) expect(read.text).not.toContain(part);
  });

  it("reads without making anything: a store without a secret is answered 404, and stays without one until a POST", async () => {
    // A GET that made (or changed) a secret would hand out a secret nobody asked for, audited
    // nowhere, the moment anything read the route (a monitor, a prefetch, a crawler with a key).
    const bare = await makeStore(server.db);
    const rows = () =>
      server.db.kysely
        .selectFrom("signing_secrets")
        .select(["id", "retired_at"])
        .where("store_id", "=", bare.storeId)
        .where("purpose", "=", "code_webhook")
        .execute();
    await server.db.kysely
      .deleteFrom("signing_secrets")
      .where("store_id", "=", bare.storeId)
      .where("purpose", "=", "code_webhook")
      .execute();
    for (let i = 0; i < 2; i++) {
      const read = await getJson(url(), auth(bare.secretKey));
      expect(read.status).toBe(404);
      expect(read.json.error.code).toBe("not_found");
      expect(read.json.error.message).toContain("POST /v1/admin/loyalty/webhook-secret");
    }
    expect(await rows()).toEqual([]);
    const made = await postJson(url(), {}, auth(bare.secretKey));
    expect(made.status).toBe(201);
    const before = await rows();
    const read = await getJson(url(), auth(bare.secretKey));
    expect(read.status).toBe(200);
    expect(read.json.id).toBe(made.json.id);
    expect(await rows()).toEqual(before);
  });

  it("makes a new secret, shown in this answer, that signs the webhook's calls from now on", async () => {
    const before = await signingNow();
    const rotated = await postJson(url(), {}, auth(store.secretKey));
    expect(rotated.status).toBe(201);
    expect(rotated.json).toEqual({
      id: expect.stringMatching(/^ss_/),
      secret: expect.stringMatching(/^whsec_/),
      createdAt: expect.any(String),
    });
    expect(rotated.json.secret).not.toBe(before);
    expect(rotated.json.secret).not.toBe(store.signingSecret);
    expect(await signingNow()).toBe(rotated.json.secret);
    // Reads name the new one from now on, without showing it.
    const secret = rotated.json.secret as string;
    const read = await getJson(url(), auth(store.secretKey));
    expect(read.json).toEqual({
      id: rotated.json.id,
      hint: `${secret.slice(0, 7)}…${secret.slice(-4)}`,
      createdAt: rotated.json.createdAt,
    });
    expect(read.text).not.toContain(secret.slice(7, -4));
    const rows = await auditRows("webhook_secret.rotate");
    expect(rows).toEqual([
      {
        actor_kind: "key",
        actor_id: store.keyId,
        target: rotated.json.id,
        request_id: expect.any(String),
      },
    ]);
  });

  it("needs webhooks:manage", async () => {
    const { secret } = await server.db.kysely.transaction().execute((tx) =>
      addAdminKey(tx, {
        storeId: store.storeId,
        name: "reader",
        scopes: ["reviews:read"],
        now: new Date(),
      }),
    );
    const before = await signingNow();
    const refused = await postJson(url(), {}, auth(secret));
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe("insufficient_scope");
    expect(await signingNow()).toBe(before);
  });

  it("rotates from the CLI too: printed once, audited with the CLI as the actor", async () => {
    const printed = await webhookSecretRotate(server.db, plainSecretBox, {
      store: store.storeId,
      json: true,
    });
    const made = JSON.parse(printed);
    expect(await signingNow()).toBe(made.secret);
    const rows = await auditRows("webhook_secret.rotate");
    expect(rows).toContainEqual({
      actor_kind: "cli",
      actor_id: userInfo().username, // the operating-system user, as every CLI row
      target: made.id,
      request_id: "",
    });
    await expect(
      webhookSecretRotate(server.db, plainSecretBox, { store: "no-such", json: false }),
    ).rejects.toThrow(/no store/);
  });
});
