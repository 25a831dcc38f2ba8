// A search with more matches than the server collects (its first 1,000, on SQLite) in Chromium:
// the API says `totalCapped`, and the widget announces the count as a floor ("at least 1,000"),
// never as the exact number of matches.
import { seedBenchmarkReviews } from "@plaudit/demo";
import { openDatabase } from "@plaudit/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./harness.ts";
import {
  announcement,
  listReviews,
  openWithReviews,
  PRODUCT,
  reviewsWidget,
} from "./reviews-widget-helpers.ts";

let plaudit: Harness;

beforeAll(async () => {
  plaudit = await startHarness();
  // More reviews of the demo product than a search collects: every one of them has an "e".
  const db = openDatabase(plaudit.databaseUrl);
  try {
    await seedBenchmarkReviews(db, { storeId: "demo", productId: PRODUCT, count: 1100 });
  } finally {
    await db.close();
  }
});
afterAll(async () => {
  await plaudit?.close();
});

describe("the reviews widget: a capped search", () => {
  it("announces the total as a floor when the API says the search stopped at its cap", async () => {
    const api = await listReviews(plaudit, { q: "e", limit: "10" });
    expect(api.totalCapped).toBe(true);
    expect(api.total).toBe(1000);

    const shop = await openWithReviews(plaudit);
    const { page } = shop;
    const search = reviewsWidget(page).getByRole("searchbox", { name: "Search reviews" });
    await search.fill("e");
    await search.press("Enter");
    await expect.poll(() => announcement(page)).toBe("Showing 10 of at least 1,000");

    // A term under the cap still gets its exact count.
    const few = await listReviews(plaudit, { q: "packaging", limit: "10" });
    expect(few.total).toBeLessThan(1000);
    await search.fill("packaging");
    await search.press("Enter");
    await expect
      .poll(() => announcement(page))
      .toBe(`Showing ${few.items.length} of ${few.total.toLocaleString("en-US")}`);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });
});
