import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { verifyCustomerToken } from "@plaudit/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeStore, postJson, rawGet } from "../../server/testing/fixtures.ts";
import { startTestServer, type TestServer } from "../../server/testing/test-server.ts";
import { demo } from "./index.ts";

// The demo's routes as `start --demo` mounts them (createApp's `routes`, from the demo hook),
// next to a server without them (production).
describe("the demo's pages and sign-in", () => {
  let withDemo: TestServer;
  let apiOnly: TestServer;
  let secretKey: string;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "plaudit-demo-"));
    const pages = join(root, "pages");
    mkdirSync(join(pages, "products"), { recursive: true });
    writeFileSync(join(pages, "index.html"), "<!doctype html><title>Demo</title>");
    writeFileSync(join(pages, "products", "tee.html"), "<!doctype html><title>Tee</title>");
    writeFileSync(join(root, "secret.txt"), "do not serve");
    withDemo = await startTestServer({ db: "sqlite", routes: demo.routes({ PLAUDIT_DEMO_DIR: pages }) });
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

  it("serves the demo pages, index.html for /demo/, and redirects / there", async () => {
    const index = await fetch(`${withDemo.url}/demo/`);
    expect(index.status).toBe(200);
    expect(index.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await index.text()).toContain("<title>Demo</title>");
    expect(await (await fetch(`${withDemo.url}/demo/products/tee.html`)).text()).toContain("Tee");
    const home = await fetch(`${withDemo.url}/`, { redirect: "manual" });
    expect(home.status).toBe(302);
    expect(home.headers.get("location")).toBe("/demo/");
  });

  it("serves the collection page with its badges rendered in from one read of the badges route, or a 404 without the page", async () => {
    expect((await rawGet(withDemo.url, "/demo/collection-rendered.html")).status).toBe(404);
    const page = join(root, "pages", "collection.html");
    writeFileSync(
      page,
      '<ul><li><div data-plaudit="stars" data-product-id="tee"></div></li><li><div data-plaudit="stars" data-product-id="mug"></div></li></ul>\n<script src="/plaudit.js" data-store="demo" async></script>',
    );
    try {
      const response = await fetch(`${withDemo.url}/demo/collection-rendered.html`);
      expect(response.status).toBe(200);
      const html = await response.text();
      const { css, items } = (await (
        await fetch(`${withDemo.url}/v1/stores/demo/badges?products=tee,mug&locale=en&theme=auto`)
      ).json()) as { css: string; items: Array<{ html: string }> };
      const badge = (id: string, markup: string) =>
        `<div data-plaudit="stars" data-product-id="${id}"><template shadowrootmode="open"><style>${css}</style>${markup.replace("#plaudit-reviews", `${id}.html#reviews`)}</template></div>`;
      expect(html).toBe(
        `<ul><li>${badge("tee", items[0]!.html)}</li><li>${badge("mug", items[1]!.html)}</li></ul>\n<script src="/plaudit.js" data-store="demo" async></script>`,
      );
    } finally {
      rmSync(page);
    }
  });

  it.each([
    "/demo/../secret.txt",
    "/demo/%2e%2e/secret.txt",
    "/demo/..%2fsecret.txt",
    "/demo/%2e%2e%2fsecret.txt",
    "/demo/products/%00tee.html",
    "/demo/%E0%A4%A.html",
  ])("does not serve %s", async (path) => {
    const res = await rawGet(withDemo.url, path);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain("do not serve");
  });

  it("has no pages and no redirect where the demo is not mounted", async () => {
    expect((await rawGet(apiOnly.url, "/demo/")).status).toBe(404);
    expect((await fetch(`${apiOnly.url}/`, { redirect: "manual" })).status).toBe(404);
  });
});
