// One secret per purpose (issue 13): customer-token secrets rotate with an overlap of one token
// lifetime; an admin key never verifies a token; secrets are sealed at rest under a secrets key.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, makeStore, postJson, testClock } from "../../testing/fixtures.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../testing/test-server.ts";
import { signCustomerToken } from "../customer-token.ts";
import { secretBox } from "./secret-box.ts";
import { currentSigningSecret } from "./signing-secrets.ts";

const LIFETIME = 600;

describe.each(databasesUnderTest())("signing secrets on %s", (kind) => {
  const time = testClock();
  const box = secretBox("a secrets key of at least thirty-two characters");
  let server: TestServer;
  let store: Awaited<ReturnType<typeof makeStore>>;
  const review = (token: string) =>
    postJson(`${server.url}/v1/stores/${store.storeId}/products/mug/reviews`, {
      rating: 4,
      body: "Fine mug",
      author: { name: "Ann", email: "ann@example.com" },
      customerToken: token,
    });

  beforeAll(async () => {
    server = await startTestServer({ db: kind, clock: time.clock, secrets: box });
    store = await makeStore(server.db, { tokenLifetimeSeconds: LIFETIME }, box);
  });
  afterAll(() => server.close());

  it("accepts tokens of the previous secret for one token lifetime after a rotation, then refuses them", async () => {
    const rotated = await postJson(
      `${server.url}/v1/admin/signing-secrets`,
      {},
      {
        authorization: `Bearer ${store.secretKey}`,
      },
    );
    expect(rotated.status).toBe(201);
    const next: string = rotated.json.secret;
    expect(next).not.toBe(store.signingSecret);

    // A shop server still signing with the old secret a little after the rotation.
    time.advance(60_000);
    expect((await review(signCustomerToken(store.signingSecret, "ann", time.clock()))).status).toBe(201);
    expect((await review(signCustomerToken(next, "ann", time.clock()))).status).toBe(201);

    time.advance((LIFETIME - 60 + 1) * 1000);
    const late = await review(signCustomerToken(store.signingSecret, "ann", time.clock()));
    expect(late.status).toBe(401);
    expect(late.json.error.code).toBe("invalid_customer_token");
    expect((await review(signCustomerToken(next, "ann", time.clock()))).status).toBe(201);
  });

  it("never takes an admin key as a signing secret", async () => {
    const forged = await review(signCustomerToken(store.secretKey, "ann", time.clock()));
    expect(forged.status).toBe(401);
    expect(forged.json.error.code).toBe("invalid_customer_token");
  });

  it("keeps signing secrets sealed at rest, readable only with the secrets key", async () => {
    const rows = await server.db.kysely.selectFrom("signing_secrets").selectAll().execute();
    expect(rows.every((row) => row.secret.startsWith("v1:"))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(store.signingSecret);
    const current = await currentSigningSecret(server.db.kysely, box, {
      storeId: store.storeId,
      purpose: "customer_token",
    });
    expect(current).toMatch(/^tks_/);
    const wrongKey = secretBox("another secrets key, also thirty-two characters");
    await expect(
      currentSigningSecret(server.db.kysely, wrongKey, { storeId: store.storeId, purpose: "customer_token" }),
    ).rejects.toThrow(/PLAUDIT_SECRETS_KEY/);
    expect(() => secretBox("short")).toThrow(/32 characters/);
  });

  it("gives the code webhook a secret of its own", async () => {
    // The secret itself is shown only when made (webhook-secret.test.ts): read it as the server does.
    const secret = await currentSigningSecret(server.db.kysely, box, {
      storeId: store.storeId,
      purpose: "code_webhook",
    });
    expect(secret).toMatch(/^whsec_/);
    expect([store.secretKey, store.signingSecret]).not.toContain(secret);
  });

  it("needs keys:manage to rotate", async () => {
    const made = await postJson(
      `${server.url}/v1/admin/keys`,
      { name: "reader", scopes: ["reviews:read"] },
      {
        authorization: `Bearer ${store.secretKey}`,
      },
    );
    const refused = await postJson(
      `${server.url}/v1/admin/signing-secrets`,
      {},
      {
        authorization: `Bearer ${made.json.key}`,
      },
    );
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe("insufficient_scope");
    expect(
      (await getJson(`${server.url}/v1/admin/reviews`, { authorization: `Bearer ${made.json.key}` })).status,
    ).toBe(200);
  });
});
