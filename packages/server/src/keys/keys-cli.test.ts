// What an operator types (issue 13): `stores create` prints a key that works end to end; `keys`
// makes, lists and revokes keys; a revoked key is refused at once by a second server process.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliServer, runCli, startCli } from "../../testing/cli-process.ts";
import { getJson, postJson, reviewBody } from "../../testing/fixtures.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../testing/test-server.ts";
import { signCustomerToken } from "../customer-token.ts";

describe.each(databasesUnderTest())("stores and keys from the CLI on %s", { timeout: 180_000 }, (kind) => {
  let server: TestServer;
  let second: CliServer;
  let embedDir: string;
  let cli: (...args: string[]) => Promise<string>;
  let created: { store: { id: string; name: string }; adminKey: string; signingSecret: string };

  beforeAll(async () => {
    server = await startTestServer({ db: kind });
    cli = async (...args) => (await runCli([...args, "--database-url", server.databaseUrl])).stdout;
    const printed = await cli(
      "stores",
      "create",
      "corner-shop",
      "--name",
      "Corner Shop",
      "--origin",
      "https://corner.example",
      "--time-zone",
      "Europe/Berlin",
      "--json",
    );
    expect(printed.trim().split("\n")).toHaveLength(1);
    created = JSON.parse(printed);
    embedDir = mkdtempSync(join(tmpdir(), "plaudit-embed-"));
    writeFileSync(join(embedDir, "plaudit.js"), "/* the loader */");
    // `start` without --demo: production.
    second = await startCli(server.databaseUrl, { PLAUDIT_EMBED_DIR: embedDir });
  }, 120_000);
  afterAll(async () => {
    await second?.stop();
    await server.close();
    rmSync(embedDir, { recursive: true, force: true });
  });

  it("starts in production: no demo store, no demo pages or redirect, the widget script served", async () => {
    const stores = await server.db.kysely.selectFrom("stores").select("id").execute();
    expect(stores.map((s) => s.id)).not.toContain("demo");
    expect(second.output()).not.toContain("/demo/");
    for (const path of ["/", "/demo/", "/demo/product.html"]) {
      expect((await fetch(`${second.url}${path}`, { redirect: "manual" })).status).toBe(404);
    }
    const signIn = await postJson(`${second.url}/demo/sign-in`, { customer: "demo-shopper" });
    expect(signIn.status).toBe(404);
    const script = await fetch(`${second.url}/plaudit.js`);
    expect(script.status).toBe(200);
    expect(await script.text()).toBe("/* the loader */");
  });

  it("prints the store, its admin key and its signing secret once, and the key works end to end", async () => {
    expect(created.store).toEqual({
      id: "corner-shop",
      name: "Corner Shop",
      allowedOrigins: ["https://corner.example"],
      timeZone: "Europe/Berlin",
    });
    expect(created.adminKey).toMatch(/^sk_/);
    expect(created.signingSecret).not.toBe(created.adminKey);
    const admin = { authorization: `Bearer ${created.adminKey}` };
    const order = await postJson(
      `${server.url}/v1/admin/orders`,
      {
        orderId: "o-1",
        customerId: "alice",
        total: 30,
        currency: "EUR",
        items: [{ productId: "mug", quantity: 1, price: 30 }],
      },
      admin,
    );
    expect(order.status).toBe(201);
    const token = signCustomerToken(created.signingSecret, "alice");
    const review = await postJson(
      `${server.url}/v1/stores/corner-shop/products/mug/reviews`,
      reviewBody({ customerToken: token }),
      { origin: "https://corner.example" },
    );
    expect(review.status).toBe(201);
    expect(review.json.review.verified).toBe(true);
    const listed = await getJson(`${server.url}/v1/admin/reviews`, admin);
    expect(listed.json.items.map((r: { id: string }) => r.id)).toContain(review.json.review.id);
    expect((await cli("stores", "list")).split("\n").some((line) => line.startsWith("corner-shop\t"))).toBe(
      true,
    );
  });

  it("does not take the admin key as a signing secret", async () => {
    const forged = signCustomerToken(created.adminKey, "alice");
    const res = await postJson(
      `${server.url}/v1/stores/corner-shop/products/mug/reviews`,
      reviewBody({ customerToken: forged }),
    );
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("invalid_customer_token");
  });

  it("makes, lists and revokes keys; a revoked key is refused at once by another server process", async () => {
    const made = JSON.parse(
      await cli(
        "keys",
        "create",
        "--store",
        "corner-shop",
        "--name",
        "ci",
        "--scopes",
        "reviews:read",
        "--json",
      ),
    );
    expect(made).toMatchObject({ name: "ci", scopes: ["reviews:read"] });
    const headers = { authorization: `Bearer ${made.key}` };
    expect((await getJson(`${second.url}/v1/admin/reviews`, headers)).status).toBe(200);
    expect((await postJson(`${second.url}/v1/admin/orders`, {}, headers)).json.error.code).toBe(
      "insufficient_scope",
    );

    const list = await cli("keys", "list", "--store", "corner-shop");
    expect(list).toContain(made.id);
    expect(list).not.toContain(made.key);

    // Revoked through the API of one process, refused by the other on its very next request.
    const revoke = await fetch(`${server.url}/v1/admin/keys/${made.id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${created.adminKey}` },
    });
    expect(revoke.status).toBe(204);
    const refused = await getJson(`${second.url}/v1/admin/reviews`, headers);
    expect(refused.status).toBe(401);
    expect(refused.json.error.code).toBe("unauthorized");

    // And revoked from the CLI, refused by the in-process server at once.
    const another = JSON.parse(
      await cli("keys", "create", "--store", "corner-shop", "--name", "cron", "--json"),
    );
    const anotherHeaders = { authorization: `Bearer ${another.key}` };
    expect((await getJson(`${server.url}/v1/admin/reviews`, anotherHeaders)).status).toBe(200);
    expect(await cli("keys", "revoke", "--store", "corner-shop", another.id)).toContain("Revoked");
    expect((await getJson(`${server.url}/v1/admin/reviews`, anotherHeaders)).status).toBe(401);
    expect((await getJson(`${second.url}/v1/admin/reviews`, anotherHeaders)).status).toBe(401);
  });

  it("refuses a taken store id and bad input with a message, not a stack", async () => {
    const again = runCli([
      "stores",
      "create",
      "corner-shop",
      "--name",
      "X",
      "--database-url",
      server.databaseUrl,
    ]);
    await expect(again).rejects.toMatchObject({ stderr: expect.stringContaining("exists already") });
    const badId = runCli(["stores", "create", "Bad Id", "--name", "X", "--database-url", server.databaseUrl]);
    await expect(badId).rejects.toMatchObject({ stderr: expect.stringContaining("lowercase") });
    const badScope = runCli([
      "keys",
      "create",
      "--store",
      "corner-shop",
      "--name",
      "x",
      "--scopes",
      "everything",
      "--database-url",
      server.databaseUrl,
    ]);
    await expect(badScope).rejects.toMatchObject({ stderr: expect.stringContaining("unknown scope") });
  });
});
