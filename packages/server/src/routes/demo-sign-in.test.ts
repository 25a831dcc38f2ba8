import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeStore, postJson } from "../../testing/fixtures.ts";
import { startTestServer, type TestServer } from "../../testing/test-server.ts";
import { verifyCustomerToken } from "../customer-token.ts";

describe("demo sign-in", () => {
  let withDemo: TestServer;
  let apiOnly: TestServer;
  let secretKey: string;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "plaudit-demo-"));
    withDemo = await startTestServer({ db: "sqlite", assets: { embedDir: root, demoDir: root } });
    ({ signingSecret: secretKey } = await makeStore(withDemo.db, { id: "demo" }));
    apiOnly = await startTestServer({ db: "sqlite" });
    await makeStore(apiOnly.db, { id: "demo" });
  });
  afterAll(async () => {
    await Promise.all([withDemo.close(), apiOnly.close()]);
    rmSync(root, { recursive: true, force: true });
  });

  it("signs a token for a demo customer of the demo store that the API accepts", async () => {
    const { status, json: body } = await postJson(`${withDemo.url}/demo/sign-in`, {
      customer: "demo-shopper",
    });
    expect(status).toBe(200);
    expect(body.customerId).toBe("demo-shopper");
    const verdict = verifyCustomerToken(secretKey, body.customerToken, {
      now: new Date(),
      lifetimeSeconds: 3600,
    });
    expect(verdict).toMatchObject({ ok: true, customerId: "demo-shopper" });
  });

  it("refuses customer ids outside the demo- namespace", async () => {
    for (const customer of ["alice", "demo-", "demo-<script>", 42, ""]) {
      const { status, json: body } = await postJson(`${withDemo.url}/demo/sign-in`, { customer });
      expect(status).toBe(422);
      expect(body.error.fields.customer).toMatch(/demo-/);
    }
  });

  it("reads no more than a small body", async () => {
    const big = JSON.stringify({ customer: "demo-shopper", padding: "x".repeat(2 * 1024 * 1024) });
    const response = await fetch(`${withDemo.url}/demo/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: big,
    });
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe("payload_too_large");
  });

  it("does not exist where the server serves no demo pages", async () => {
    const response = await fetch(`${apiOnly.url}/demo/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ customer: "demo-shopper" }),
    });
    expect(response.status).toBe(404);
  });
});
