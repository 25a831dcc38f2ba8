// The loyalty program screen in Chromium: an owner edits the demo store's program, keyboard only,
// and the shoppers' program (GET /v1/stores/demo/loyalty/program) reads back what was saved; a
// value the server refuses shows beside its field in Hebrew and saves nothing, as does a removed,
// redeemed reward's id given to another reward (beside that reward's name); a moderator's and a
// support agent's roles (no loyalty:write) are neither offered the screen nor let through by the API.
import { signCustomerToken } from "@plaudit/server";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { adminApi, screenshot, signInThroughInvite } from "./admin-helpers.ts";
import { DEMO_SECRET, harnessOfFile } from "./harness.ts";

const plaudit = harnessOfFile();

async function publicProgram() {
  const res = await fetch(`${plaudit.baseUrl}/v1/stores/demo/loyalty/program`);
  expect(res.status).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: the answer is JSON the test reads
  return (await res.json()) as any;
}

const field = (page: Page, name: string) => page.locator(`form.program [name="${name}"]`);
const describedText = (page: Page, name: string) =>
  field(page, name).evaluate((input) =>
    (input.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" "),
  );
const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("name"));

/** Opens the translations holding the field `name` as a keyboard does: Enter on its summary. */
async function openTranslations(page: Page, name: string) {
  const summary = page.locator(`form.program details:has([name="${name}"]) > summary`);
  await summary.focus();
  await page.keyboard.press("Enter");
  await field(page, name).waitFor();
}

/** Types into the focused field, as a keyboard does (its old value selected away first). */
async function typeHere(page: Page, text: string) {
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(text);
}

describe("the loyalty program in the admin app", () => {
  it("an owner edits it keyboard only, and shoppers' program reads back what was saved", async () => {
    const before = await publicProgram();
    expect(before.rewards.map((r: { id: string }) => r.id)).toContain("free-shipping");
    const shop = await signInThroughInvite(plaudit, "owner", "program-owner@demo.example");
    const { page } = shop;
    await page.getByRole("link", { name: "Loyalty program" }).click();
    const name = page.getByLabel("Name of the points");
    await name.waitFor();
    expect(await name.inputValue()).toBe(before.pointsName);
    // This server shows the demo shop: its rewards page is the shopper's view.
    const shopperView = page.getByRole("link", { name: /the demo shop's rewards page/ });
    await shopperView.waitFor();
    expect(await shopperView.getAttribute("href")).toBe("/demo/loyalty.html");

    await name.focus();
    await typeHere(page, "Stars");
    await field(page, "earning.purchase.points").focus();
    await typeHere(page, "2");
    await field(page, "earning.birthday.label").focus();
    await typeHere(page, "A birthday gift");
    // A reward removed (the focus goes on to "Add a reward"), one added: its name takes the focus.
    await page.getByRole("button", { name: "Remove reward \u2068Free shipping\u2069" }).focus();
    await page.keyboard.press("Enter");
    expect(await focusedName(page)).toBe("add-reward");
    await page.keyboard.press("Enter");
    const added = (await focusedName(page)) ?? "";
    expect(added).toMatch(/^rewards\.reward-[0-9a-f]{16}\.name$/);
    await page.keyboard.type("$20 off");
    // Past its name in each shopper language, closed under one Tab stop (left empty: the name
    // above for all).
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      "\u2068Name\u2069 in each language: 0 of 3 written",
    );
    await page.keyboard.press("Tab");
    await page.keyboard.type("2000");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("SELECT");
    await page.keyboard.press("Tab");
    await page.keyboard.type("20");
    // A tier's threshold and perks; the points expire after 180 quiet days.
    await field(page, "tiers.silver.threshold").focus();
    await typeHere(page, "1200");
    await field(page, "tiers.silver.perks").focus();
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.press("Enter");
    await page.keyboard.type("A gift at 1200 stars");
    await field(page, "settings.expiryDays").focus();
    await typeHere(page, "180");
    await page.keyboard.press("Enter");
    await page.locator("form.program [role=status]", { hasText: "Loyalty program saved" }).waitFor();
    await screenshot(page, "program");

    const after = await publicProgram();
    expect(after.pointsName).toBe("Stars");
    expect(after.earning).toContainEqual({ action: "purchase", points: 2, label: before.earning[0].label });
    expect(after.earning).toContainEqual({ action: "birthday", points: 200, label: "A birthday gift" });
    const ids = after.rewards.map((r: { id: string }) => r.id);
    expect(ids).not.toContain("free-shipping");
    const newId = added.split(".")[1];
    expect(after.rewards).toContainEqual({
      id: newId,
      name: "$20 off",
      cost: 2000,
      kind: "amount_off",
      value: 20,
    });
    expect(after.tiers.find((t: { id: string }) => t.id === "silver")).toMatchObject({
      threshold: 1200,
      perks: ["Free shipping on every order", "Early access to sales", "A gift at 1200 stars"],
    });
    expect(after.settings.expiryDays).toBe(180);
    // The form shows what is saved after a reload.
    await page.reload();
    await page.getByLabel("Name of the points").waitFor();
    expect(await page.getByLabel("Name of the points").inputValue()).toBe("Stars");
    expect(shop.problems()).toEqual([]);
  });

  it("shows a value the server refused beside its field in Hebrew, with the focus on it, and saves nothing", async () => {
    const before = await publicProgram();
    const shop = await signInThroughInvite(plaudit, "owner", "program-he@demo.example", { locale: "he" });
    const { page } = shop;
    await page.goto(`${plaudit.baseUrl}/admin/#/program`);
    const cost = field(page, "rewards.five-off.cost");
    await cost.waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    await cost.focus();
    await typeHere(page, "0");
    await page.keyboard.press("Enter");
    await expect.poll(() => cost.getAttribute("aria-invalid")).toBe("true");
    expect(await describedText(page, "rewards.five-off.cost")).toContain("צריך להיות לפחות 1");
    expect(await focusedName(page)).toBe("rewards.five-off.cost");
    expect(await publicProgram()).toEqual(before);
    // Another owner saves meanwhile: this one's save is not let over it unseen.
    const stored = (await adminApi(plaudit, "GET", "/v1/admin/loyalty/program")).json;
    const other = await adminApi(plaudit, "PUT", "/v1/admin/loyalty/program", {
      ...stored,
      pointsName: "Beans",
    });
    expect(other.status).toBe(200);
    await typeHere(page, "600");
    await page.keyboard.press("Enter");
    await page.locator("form.program .conflict").getByRole("button").first().waitFor();
    expect((await publicProgram()).pointsName).toBe("Beans");
    expect(shop.problems().filter((p) => !p.includes("422") && !p.includes("409"))).toEqual([]);
  });

  it("shows the refusal of a removed, redeemed reward's id beside that reward's name, and saves nothing", async () => {
    // A shopper redeems $5 off; then another owner removes it while this owner's form still has it.
    const shopper = "program-reuse-shopper";
    const points = await adminApi(
      plaudit,
      "POST",
      "/v1/admin/loyalty/adjustments",
      { customerId: shopper, delta: 1000, reason: "Welcome gift" },
      { "idempotency-key": "program-reuse-points" },
    );
    expect(points.status).toBe(201);
    const redeemed = await fetch(`${plaudit.baseUrl}/v1/stores/demo/loyalty/redemptions`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-plaudit-customer": signCustomerToken(DEMO_SECRET, shopper),
        "idempotency-key": "program-reuse-redeem",
      },
      body: JSON.stringify({ rewardId: "five-off" }),
    });
    expect(redeemed.status).toBe(201);
    const shop = await signInThroughInvite(plaudit, "owner", "program-reuse@demo.example");
    const { page } = shop;
    await page.goto(`${plaudit.baseUrl}/admin/#/program`);
    await field(page, "rewards.five-off.kind").waitFor();
    const stored = (await adminApi(plaudit, "GET", "/v1/admin/loyalty/program")).json;
    const removed = await adminApi(plaudit, "PUT", "/v1/admin/loyalty/program", {
      ...stored,
      rewards: stored.rewards.filter((r: { id: string }) => r.id !== "five-off"),
    });
    expect(removed.status).toBe(200);

    // This owner makes it free shipping and saves over the other owner's program when asked.
    await field(page, "rewards.five-off.kind").selectOption("free_shipping");
    await field(page, "rewards.five-off.name").focus();
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Save mine over it" }).click();
    const name = field(page, "rewards.five-off.name");
    await expect.poll(() => name.getAttribute("aria-invalid")).toBe("true");
    expect(await describedText(page, "rewards.five-off.name")).toContain(
      "is the id of a removed reward customers redeemed: a different reward needs a new id",
    );
    expect(await focusedName(page)).toBe("rewards.five-off.name");
    const after = await publicProgram();
    expect(after.rewards.map((r: { id: string }) => r.id)).not.toContain("five-off");
    expect(shop.problems().filter((p) => !p.includes("422") && !p.includes("409"))).toEqual([]);
  });

  it.each(["moderator", "support"] as const)(
    "is not offered to a %s, and the API refuses the role",
    async (role) => {
      const shop = await signInThroughInvite(plaudit, role, `program-${role}@demo.example`);
      const { page } = shop;
      expect(await page.locator("header.top nav a").allTextContents()).not.toContain("Loyalty program");
      await page.goto(`${plaudit.baseUrl}/admin/#/program`);
      await page.getByText("Your role cannot open this page.").waitFor();
      expect(await page.locator("form.program").count()).toBe(0);
      const program = await publicProgram();
      const status = await page.evaluate(
        async (body) => {
          const session = await (await fetch("/v1/admin/session")).json();
          const res = await fetch("/v1/admin/loyalty/program", {
            method: "PUT",
            headers: { "content-type": "application/json", "x-csrf-token": session.csrfToken },
            body: JSON.stringify(body),
          });
          return [res.status, (await res.json()).error?.code];
        },
        { ...program, pointsName: `${role} points` },
      );
      expect(status).toEqual([403, "insufficient_scope"]);
      expect((await publicProgram()).pointsName).toBe(program.pointsName);
    },
  );

  it("an owner writes a label, a reward's, a tier's and the points' name per language, keyboard only, and a German and a Hebrew shopper read theirs", async () => {
    const shop = await signInThroughInvite(plaudit, "owner", "program-languages@demo.example", {
      locale: "de",
    });
    const { page } = shop;
    await page.goto(`${plaudit.baseUrl}/admin/#/program`);
    await field(page, "earning.review.label").waitFor();
    await openTranslations(page, "earning.review.labels.de");
    const german = field(page, "earning.review.labels.de");
    // Each language's field is named in its own words, with its language set for screen readers.
    expect(await german.getAttribute("lang")).toBe("de");
    expect(await page.getByLabel("Text auf \u2068Deutsch\u2069").count()).toBeGreaterThan(0);
    await german.focus();
    await typeHere(page, "Bewertung schreiben, Punkte sammeln");
    await page.keyboard.press("Tab");
    expect(await focusedName(page)).toBe("earning.review.labels.he");
    await page.keyboard.type("לכתוב ביקורת ולצבור נקודות");
    await openTranslations(page, "rewards.fifteen-off.names.de");
    await field(page, "rewards.fifteen-off.names.de").focus();
    await typeHere(page, "15 € Rabatt auf Ihre Bestellung");
    // The points' name and the lowest tier's, which a new member is in.
    await openTranslations(page, "pointsNames.de");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    expect(await focusedName(page)).toBe("pointsNames.de");
    await typeHere(page, "Sterne");
    await page.keyboard.press("Tab");
    await typeHere(page, "כוכבים");
    await openTranslations(page, "tiers.bronze.names.de");
    await field(page, "tiers.bronze.names.de").focus();
    await typeHere(page, "Bronzestufe");
    await page.keyboard.press("Tab");
    await typeHere(page, "דרגת ארד");
    await page.keyboard.press("Enter");
    await page.locator("form.program [role=status]", { hasText: "Treueprogramm gespeichert" }).waitFor();
    const saved = await publicProgram();
    expect(saved.earning.find((way: { action: string }) => way.action === "review").labels).toEqual({
      de: "Bewertung schreiben, Punkte sammeln",
      he: "לכתוב ביקורת ולצבור נקודות",
    });
    expect(saved.pointsNames).toEqual({ de: "Sterne", he: "כוכבים" });
    expect(saved.tiers.find((tier: { id: string }) => tier.id === "bronze").names).toEqual({
      de: "Bronzestufe",
      he: "דרגת ארד",
    });
    expect(shop.problems()).toEqual([]);

    // The demo shop's loyalty panel in German and in Hebrew (data-locale on the launcher): each
    // shopper reads their language's words; the reward without a Hebrew name keeps the default.
    const expected = {
      de: {
        label: "Bewertung schreiben, Punkte sammeln",
        reward: "15 € Rabatt auf Ihre Bestellung",
        tier: "Stufe: Bronzestufe",
        points: "Sterne",
      },
      he: {
        label: "לכתוב ביקורת ולצבור נקודות",
        reward: "$15 off your order",
        tier: "דרגה: דרגת ארד",
        points: "כוכבים",
      },
    } as const;
    for (const locale of ["de", "he"] as const) {
      const token = encodeURIComponent(signCustomerToken(DEMO_SECRET, `languages-${locale}`));
      const shopper = await plaudit.open(`/demo/loyalty.html?customer-token=${token}`, {
        initScript: `new MutationObserver((_, watching) => {
          const host = document.querySelector('[data-plaudit="loyalty"]');
          if (host) { host.setAttribute("data-locale", "${locale}"); watching.disconnect(); }
        }).observe(document, { childList: true, subtree: true });`,
      });
      const launcher = shopper.page.locator('[data-plaudit="loyalty"] .plaudit-launcher');
      // Drawn in the shopper's language, counting in its name for the points.
      await expect
        .poll(() => launcher.textContent())
        .toMatch(new RegExp(`^${locale === "de" ? "Prämien" : "הטבות"} \\d+ ${expected[locale].points}$`));
      await launcher.click();
      const dialog = shopper.page.getByRole("dialog");
      await dialog.getByText(expected[locale].label).waitFor();
      await dialog.getByText(expected[locale].reward).first().waitFor();
      await dialog.getByText(expected[locale].tier).waitFor();
      await dialog
        .getByText(new RegExp(`^\\d+ ${expected[locale].points}$`))
        .first()
        .waitFor();
      expect(shopper.problems(), locale).toEqual([]);
      await shopper.close();
    }
    // Two pages and a shopper's panel twice: longer than one screen's test on a busy machine.
  }, 120_000);
});
