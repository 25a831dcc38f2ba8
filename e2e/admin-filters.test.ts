// The admin's filter fields keep what a merchant types while the screen renders again underneath
// (its list or figures arriving): controlled fields went back to the applied values, so a product
// id typed into the queue's filter, or a day into the overview's range, vanished before Apply.
import { describe, expect, it } from "vitest";
import { customerWithOrder, signInThroughInvite } from "./admin-helpers.ts";
import { harnessOfFile } from "./harness.ts";

const plaudit = harnessOfFile();

describe("the admin's filter fields", () => {
  for (const screen of [
    {
      name: "moderation queue",
      hash: "#/queue",
      api: "/v1/admin/reviews",
      field: "Product",
      value: "tee-classic",
      rendered: "section.queue .list-body, section.queue p.empty",
    },
    {
      name: "overview",
      hash: "#/overview",
      api: "/v1/admin/overview",
      field: "From",
      value: "2026-01-05",
      rendered: "[data-figure=reviews] dd",
    },
  ]) {
    it(`keep what was typed when the ${screen.name}'s data arrives after it`, async () => {
      const shop = await signInThroughInvite(
        plaudit,
        "owner",
        `filters-${screen.hash.slice(2)}@demo.example`,
      );
      const { page } = shop;
      // The screen's data is held until the merchant has typed.
      let release: () => void = () => {};
      const held = new Promise<void>((done) => {
        release = done;
      });
      await page.route(
        (url) => url.pathname === screen.api,
        async (route) => {
          await held;
          await route.continue();
        },
      );
      await page.goto(`${plaudit.baseUrl}/admin/${screen.hash}`);
      const field = page.getByLabel(screen.field, { exact: true });
      await field.fill(screen.value);
      release();
      // The answer rendered: the field still holds what was typed.
      await page.locator(screen.rendered).first().waitFor();
      expect(await field.inputValue()).toBe(screen.value);
      expect(shop.problems()).toEqual([]);
      await shop.close();
    });
  }
});

describe("the customers screen's search", () => {
  it("keeps what was typed when the search before it opens its one match", async () => {
    const customerId = "c-filters-typed";
    await customerWithOrder(plaudit, customerId);
    const shop = await signInThroughInvite(plaudit, "support", "filters-customers@demo.example");
    const { page } = shop;
    // The search's answer is held until the merchant has typed the next one.
    let release: () => void = () => {};
    const held = new Promise<void>((done) => {
      release = done;
    });
    await page.route(
      (url) => url.pathname === "/v1/admin/customers",
      async (route) => {
        await held;
        await route.continue();
      },
    );
    await page.goto(`${plaudit.baseUrl}/admin/#/customers`);
    const field = page.getByLabel("Customer id or email", { exact: true });
    await field.fill(customerId);
    await field.press("Enter");
    await page.locator("main .loading").waitFor();
    await field.fill("robin@example.com");
    release();
    // The one match opened: the field still holds what was typed.
    await page.getByRole("heading", { name: customerId }).waitFor();
    expect(await field.inputValue()).toBe("robin@example.com");
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });
});

describe("the customers screen's search by email address", () => {
  it("never puts the address in the URL, and Back goes from a customer to the matches and to the customer before", async () => {
    const email = "ends-back@example.com";
    for (const customerId of ["c-back-1", "c-back-2"]) await customerWithOrder(plaudit, customerId, email);
    const shop = await signInThroughInvite(plaudit, "support", "filters-back-customers@demo.example");
    const { page } = shop;
    const urls: string[] = [];
    page.on("framenavigated", (frame) => urls.push(frame.url()));
    await page.goto(`${plaudit.baseUrl}/admin/#/customers?id=c-back-1`);
    await page.getByRole("heading", { name: "c-back-1" }).waitFor();
    const field = page.getByLabel("Customer id or email", { exact: true });
    await field.fill(email);
    await field.press("Enter");
    const matches = page.locator("ul.results a");
    await expect.poll(() => matches.count()).toBe(2);
    await matches.filter({ hasText: "c-back-2" }).click();
    await page.getByRole("heading", { name: "c-back-2" }).waitFor();
    expect(page.url()).toMatch(/#\/customers\?id=c-back-2$/);
    // Back: the matches again, with the address in the field.
    await page.goBack();
    await expect.poll(() => matches.count()).toBe(2);
    expect(await field.inputValue()).toBe(email);
    // Back again: the customer open before the search.
    await page.goBack();
    await page.getByRole("heading", { name: "c-back-1" }).waitFor();
    urls.push(page.url(), ...(await page.evaluate(() => [location.href, document.title])));
    const problems = shop.problems();
    await shop.close();
    expect(urls.filter((url) => url.includes("ends-back") || url.includes("%40"))).toEqual([]);
    expect(problems).toEqual([]);
  });
});

describe("applying a filter with the keyboard", () => {
  for (const screen of [
    { name: "moderation queue", hash: "#/queue", field: "Product", value: "tee-classic", param: "product=" },
    { name: "audit log", hash: "#/audit", field: "Action", value: "review.update", param: "action=" },
    { name: "overview", hash: "#/overview", field: "From", value: "2026-01-05", param: "from=2026-01-05" },
    {
      name: "customers screen",
      hash: "#/customers",
      field: "Customer id or email",
      value: "nobody-here",
      // The search stays out of the URL (it may be an address): its answer shows it applied.
      param: "",
      applied: "section.customers p.empty",
    },
  ]) {
    it(`leaves the focus in the ${screen.name}'s field after Enter`, async () => {
      const shop = await signInThroughInvite(plaudit, "owner", `enter-${screen.hash.slice(2)}@demo.example`);
      const { page } = shop;
      await page.goto(`${plaudit.baseUrl}/admin/${screen.hash}`);
      const field = page.getByLabel(screen.field, { exact: true });
      await field.fill(screen.value);
      await field.press("Enter");
      await expect.poll(() => page.url()).toContain(screen.param);
      if (screen.applied) await page.locator(screen.applied).waitFor();
      await page.locator("main .loading").waitFor({ state: "detached" });
      // Where the merchant was: Tab goes on from the field, not from the top of the page.
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe(
        await field.getAttribute("name"),
      );
      expect(await field.inputValue()).toBe(screen.value);
      expect(shop.problems()).toEqual([]);
      await shop.close();
    });
  }
});

describe("the queue's filters after Back", () => {
  it("show the filters of the list shown again", async () => {
    const shop = await signInThroughInvite(plaudit, "moderator", "filters-back@demo.example");
    const { page } = shop;
    await page.goto(`${plaudit.baseUrl}/admin/#/queue?status=pending`);
    await page.locator("section.queue .list-body, section.queue p.empty").first().waitFor();
    const product = page.getByLabel("Product", { exact: true });
    const status = page.locator("form.filters select[name=status]");
    await status.selectOption("rejected");
    await page.getByLabel("Verified buyers only").check();
    await product.fill("tee-classic");
    await product.press("Enter");
    await expect.poll(() => page.url()).toContain("product=tee-classic");
    await page.goBack();
    await expect.poll(() => page.url()).not.toContain("product=");
    await expect.poll(() => product.inputValue()).toBe("");
    expect(await status.inputValue()).toBe("pending");
    expect(await page.getByLabel("Verified buyers only").isChecked()).toBe(false);
    await page.goForward();
    await expect.poll(() => product.inputValue()).toBe("tee-classic");
    expect(await status.inputValue()).toBe("rejected");
    expect(await page.getByLabel("Verified buyers only").isChecked()).toBe(true);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });
});
