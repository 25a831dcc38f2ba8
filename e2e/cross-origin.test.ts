// A real shop is never on the Plaudit server's origin: its page loads plaudit.js from elsewhere,
// the loader imports its chunks cross-origin (ES modules: CORS mode) and the widgets call the API
// cross-origin, writes included. The shop here is `localhost`, Plaudit is `127.0.0.1`.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./harness.ts";

let plaudit: Harness;
let shop: Server;
let shopUrl: string;

const page = (plauditUrl: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Another shop</title></head>
<body>
<h1>Classic Tee</h1>
<div data-plaudit="stars" data-product-id="tee-classic"></div>
<div data-plaudit="reviews" data-product-id="tee-classic" style="min-height:600px"></div>
<script src="${plauditUrl}/plaudit.js" data-store="demo" async></script>
</body></html>`;

beforeAll(async () => {
  plaudit = await startHarness();
  shop = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(page(plaudit.baseUrl));
  });
  await new Promise<void>((done) => shop.listen(0, "127.0.0.1", done));
  shopUrl = `http://localhost:${(shop.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await plaudit?.close();
  await new Promise((done) => shop?.close(done));
});

describe("on a shop of another origin", () => {
  it("loads the widgets' chunks, reads the API and votes, with nothing going wrong", async () => {
    const visit = await plaudit.open(shopUrl);
    const { page: tab } = visit;
    expect(new URL(tab.url()).origin).not.toBe(new URL(plaudit.baseUrl).origin);
    const reviews = tab.locator('[data-plaudit="reviews"]');
    await expect.poll(() => reviews.locator("article").count()).toBeGreaterThan(0);
    await expect
      .poll(() =>
        tab.evaluate(() => document.querySelector('[data-plaudit="stars"]')?.shadowRoot?.textContent),
      )
      .toMatch(/\(\d+\)/);
    // Painted from the server's markup: so far the paint chunk and what it shares, not the
    // widgets' own code (docs/widget-contract.md, "Painted first").
    expect(visit.requestsTo("/chunks/paint-")).toHaveLength(1);
    expect(visit.requestsTo("/chunks/reviews-")).toHaveLength(0);

    const helpful = reviews
      .locator("article")
      .first()
      .getByRole("button", { name: /^Yes, helpful/ });
    const voted = tab.waitForResponse((r) => r.url().includes("/votes") && r.request().method() === "POST");
    await helpful.click();
    expect((await voted).status()).toBe(200);
    await expect.poll(() => helpful.getAttribute("aria-pressed")).toBe("true");
    // The vote came from the reviews' own code, imported cross-origin on that first click.
    expect(visit.requestsTo("/chunks/reviews-")).toHaveLength(1);
    expect(visit.problems()).toEqual([]);
    await visit.close();
  });
});
