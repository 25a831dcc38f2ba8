// The admin's filter fields keep what a merchant types while the screen renders again underneath
// (its list or figures arriving): controlled fields went back to the applied values, so a product
// id typed into the queue's filter, or a day into the overview's range, vanished before Apply.
import { describe, expect, it } from "vitest";
import { signInThroughInvite } from "./admin-helpers.ts";
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
