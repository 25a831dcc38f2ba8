// The moderation queue names a review's product as the merchant's catalog does (PUT
// /v1/admin/products/{product}): its name, linked to the shop's page in a new tab, the id beside it.
import { describe, expect, it } from "vitest";
import { adminApi, pendingReviews, signInThroughInvite } from "./admin-helpers.ts";
import { harnessOfFile } from "./harness.ts";

const plaudit = harnessOfFile();

describe("the moderation queue's products", () => {
  it("shows the catalog's name, linked to its page, rather than the id", async () => {
    const product = "e2e-kettle-42";
    const put = await adminApi(plaudit, "PUT", `/v1/admin/products/${product}`, {
      name: "Kettle <b>Deluxe</b>",
      url: "https://shop.example/kettle",
    });
    expect(put.status).toBe(200);
    await pendingReviews(plaudit, product, 1);
    const shop = await signInThroughInvite(plaudit, "moderator", "names@demo.example");
    const { page } = shop;
    await page.goto(`${plaudit.baseUrl}/admin/#/queue?product=${product}`);
    const link = page.locator("article.review p.meta a.product-name").first();
    await link.waitFor();
    expect(await link.evaluate((a) => a.firstChild?.textContent)).toBe("Kettle <b>Deluxe</b>");
    expect(await link.locator("b").count()).toBe(0);
    expect(await link.getAttribute("href")).toBe("https://shop.example/kettle");
    expect(await link.getAttribute("target")).toBe("_blank");
    expect(await link.getAttribute("rel")).toBe("noopener");
    expect(await page.locator("article.review p.meta .product-id").first().textContent()).toBe(
      `(${product})`,
    );
    expect(await link.isVisible()).toBe(true);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });
});
