// Getting through the loyalty program form by keyboard (Chromium): how many Tab presses take an
// owner from the top of the form to "Save". Every earning action, reward and tier has a field a
// shopper language besides its own; before the translations were gathered under a disclosure each
// was a Tab stop (171 Tabs on the demo program, 140 after: see docs/admin.md). The page's section
// links reach "Save" in a few, and a refused translation opens its disclosure with the focus on it.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { signInThroughInvite } from "./admin-helpers.ts";
import { harnessOfFile } from "./harness.ts";

const plaudit = harnessOfFile();

/** The focused element, as a short description: its name, or its role and text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el?.getAttribute("name") ?? `${el?.tagName.toLowerCase()}:${el?.textContent?.trim()}`;
  });

/** Tab presses from the form's first stop until the focus is on `Save` (at most `limit`). */
async function tabsToSave(page: Page, limit = 600): Promise<number> {
  await page.evaluate(() => {
    const first = document.querySelector<HTMLElement>(
      "form.program :is(a[href], button, input, select, textarea, summary):not([disabled])",
    );
    first?.focus();
  });
  for (let presses = 0; presses < limit; presses += 1) {
    if (await page.evaluate(() => (document.activeElement as HTMLButtonElement | null)?.type === "submit"))
      return presses;
    await page.keyboard.press("Tab");
  }
  throw new Error(`no Save within ${limit} Tabs (last: ${await focused(page)})`);
}

describe("the loyalty program form by keyboard", () => {
  it("reaches Save in fewer Tabs than the form has fields, and in a few by the section links", async () => {
    const shop = await signInThroughInvite(plaudit, "owner", "program-keys@demo.example");
    const { page } = shop;
    await page.goto(`${plaudit.baseUrl}/admin/#/program`);
    await page.locator("form.program [name=pointsName]").waitFor();
    const walked = await tabsToSave(page);
    const fields = await page.locator("form.program :is(input, select, textarea)").count();
    console.log(`program form: ${walked} Tabs from the top to Save, ${fields} fields`);
    // Each text's translations are one stop (its summary) until opened: fewer stops than fields.
    expect(walked).toBeLessThan(fields);

    // The links at the top: Tab to "Go to Save", Enter, and the focus is on Save.
    await page.evaluate(() =>
      document.querySelector<HTMLElement>("form.program :is(a[href], button, input, summary)")?.focus(),
    );
    let presses = 0;
    while ((await focused(page)) !== "button:Go to Save" && presses < 10) {
      await page.keyboard.press("Tab");
      presses += 1;
    }
    expect(await focused(page)).toBe("button:Go to Save");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => (document.activeElement as HTMLButtonElement).type)).toBe("submit");
    console.log(`program form: ${presses} Tabs and Enter from the top to Save by the section links`);
    // A section's link takes the focus to its heading; the next Tab is its first field.
    await page.getByRole("button", { name: "Tiers", exact: true }).focus();
    await page.keyboard.press("Enter");
    expect(await focused(page)).toBe("h2:Tiers");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("settings.tierMode");
    expect(shop.problems()).toEqual([]);
  });

  it("opens the translations a refusal is in, with the focus on it", async () => {
    const shop = await signInThroughInvite(plaudit, "owner", "program-keys-error@demo.example", {
      locale: "he",
    });
    const { page } = shop;
    await page.goto(`${plaudit.baseUrl}/admin/#/program`);
    const summary = page.locator("form.program details:has([name='pointsNames.he']) > summary");
    await summary.focus();
    await page.keyboard.press("Enter");
    const hebrew = page.locator("form.program [name='pointsNames.he']");
    await hebrew.focus();
    await page.keyboard.type("כ".repeat(41));
    // Closed again, then saved: the refusal opens it and takes the focus there.
    await summary.focus();
    await page.keyboard.press("Enter");
    expect(await hebrew.isVisible()).toBe(false);
    await page.locator("form.program button[type=submit]").focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page)).toBe("pointsNames.he");
    expect(await hebrew.getAttribute("aria-invalid")).toBe("true");
    expect(shop.problems()).toEqual([]);
  });
});
