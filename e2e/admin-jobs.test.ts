// The merchant admin app's daily jobs in Chromium, each role signed in through its invite link:
// moderate (approve, reject, reply, bulk-approve 20, undo inside the grace period, keyboard,
// two moderators at once), support (adjust points, see the ledger row), the owner's overview
// against SQL counts, what a moderator's session may not do, and sign-in throttling.
import { LIMITS } from "@plaudit/contract";
import Database from "better-sqlite3";
import pg from "pg";
import type { Locator, Page } from "playwright-core";
import { describe, it } from "vitest";
import { WAIT_FOR_MS } from "../scripts/test-waits.mjs";
import {
  adminApi,
  card,
  customerWithOrder,
  focusedCard,
  PASSWORD,
  pendingReviews,
  screenshot,
  signInThroughInvite,
  statusOf,
  titlesShown,
} from "./admin-helpers.ts";
import { harnessOfFile, SIDE_BY_SIDE } from "./harness.ts";

/** The overview's figures counted by SQL of our own, straight from the server's database. */
async function sqlFigures(databaseUrl: string, since: string, until: string) {
  const query = `select count(*) as reviews, avg(rating) as average, sum(has_media) as media, sum(verified) as verified
    from reviews where store_id = 'demo' and status != 'rejected' and created_at >= $1 and created_at < $2`;
  type Row = { reviews: number; average: number; media: number; verified: number };
  let row: Row;
  if (databaseUrl.startsWith("postgres")) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      row = (await client.query(query, [since, until])).rows[0];
    } finally {
      await client.end();
    }
  } else {
    const db = new Database(databaseUrl, { readonly: true, fileMustExist: true });
    row = db.prepare(query.replace("$1", "?").replace("$2", "?")).get(since, until) as Row;
    db.close();
  }
  return {
    reviews: Number(row.reviews),
    average: Number(row.average),
    media: Number(row.media),
    verified: Number(row.verified),
  };
}

const plaudit = harnessOfFile();

// The first test alone: its 10 MB paste keeps Chromium's main thread busy for seconds (the click
// after it took more than Playwright's 30 s with other pages at work beside it on a busy
// machine). Then the moderators' other tests side by side, each on reviews and people of its own;
// then support's and sign-in's.
describe("a moderator", () => {
  it("approves, rejects and replies one by one, with messages next to a bad reply", async ({ expect }) => {
    const ids = await pendingReviews(plaudit, "desk-lamp", 4);
    const shop = await signInThroughInvite(plaudit, "moderator", "mo@demo.example", { graceMs: 300 });
    const { page } = shop;
    await page.goto(`${plaudit.baseUrl}/admin/#/queue?product=desk-lamp`);
    // The filtered list, in any order, not the whole queue the sign-in opened on (these four top
    // it too): a click on its cards could land as the filtered list replaces it.
    await expect
      .poll(async () => (await titlesShown(page)).sort())
      .toEqual([1, 2, 3, 4].map((n) => `desk-lamp review ${n}`));
    await screenshot(page, "queue");

    await card(page, "desk-lamp review 1").getByRole("button", { name: "Approve" }).click();
    await card(page, "desk-lamp review 2").getByRole("button", { name: "Reject" }).click();
    await expect.poll(() => statusOf(plaudit, ids[0] as string)).toMatchObject({ status: "published" });
    await expect.poll(() => statusOf(plaudit, ids[1] as string)).toMatchObject({ status: "rejected" });
    // Pending is the queue's default: decided reviews leave it.
    await expect.poll(() => page.locator("article.review").count()).toBe(2);

    const third = card(page, "desk-lamp review 3");
    await third.getByRole("button", { name: "Reply" }).click();
    const box = third.getByLabel("Your public reply");
    await third.getByRole("button", { name: "Send reply" }).click();
    await third.getByText("Write a reply first.").waitFor();
    expect(await box.getAttribute("aria-invalid")).toBe("true");
    // A paste twenty times the limit: refused beside the field, counted, nothing sent. (Not 10 MB:
    // Chromium takes 12–21 s of a busy machine just to lay out that much text in a textarea, and the
    // click after it ran out of its 30 s; the editor's check is the same for any length over the limit.)
    const pasted = LIMITS.bodyMax * 20;
    await box.evaluate((el: HTMLTextAreaElement, length) => {
      el.value = "x".repeat(length);
      el.dispatchEvent(new Event("input", { bubbles: true }));
    }, pasted);
    await third.getByRole("button", { name: "Send reply" }).click();
    const [max, n] = [LIMITS.bodyMax, pasted].map((count) => count.toLocaleString("en"));
    await third.getByText(`A reply has at most ${max} characters (this one has ${n}).`).waitFor();
    expect((await statusOf(plaudit, ids[2] as string)).reply).toBeNull();
    // Script in a reply is text, nothing more.
    const hostile = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">`;
    await box.fill(hostile);
    await third.getByRole("button", { name: "Send reply" }).click();
    await expect.poll(() => statusOf(plaudit, ids[2] as string)).toMatchObject({ reply: hostile });
    await third.getByText(hostile).waitFor();
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(shop.problems()).toEqual([]);
  });
  it.concurrent(
    "undoes inside the grace period: nothing reaches the server",
    SIDE_BY_SIDE,
    async ({ expect }) => {
      const [id] = await pendingReviews(plaudit, "undo-mug", 1);
      const shop = await signInThroughInvite(plaudit, "moderator", "undo@demo.example", { graceMs: 60_000 });
      const { page } = shop;
      await page.goto(`${plaudit.baseUrl}/admin/#/queue?product=undo-mug`);
      // The filtered list, not the whole queue the sign-in opened on (this review tops it too).
      await expect.poll(() => titlesShown(page)).toEqual(["undo-mug review 1"]);
      await card(page, "undo-mug review 1").getByRole("button", { name: "Reject" }).click();
      await page.getByRole("button", { name: "Undo" }).click();
      await page.getByText("Undone. Nothing was sent.").waitFor();
      const writes = shop.requests.filter((r) => r.method() === "PATCH");
      expect(writes).toEqual([]);
      expect((await statusOf(plaudit, id as string)).status).toBe("pending");
      // A decision still waiting is sent when the page is hidden (here: closed), not lost.
      await card(page, "undo-mug review 1").getByRole("button", { name: "Approve" }).click();
      await page.close({ runBeforeUnload: true });
      await expect.poll(() => statusOf(plaudit, id as string)).toMatchObject({ status: "published" });
      await shop.close();
    },
  );

  it.concurrent("bulk-approves 20 reviews", SIDE_BY_SIDE, async ({ expect }) => {
    const ids = await pendingReviews(plaudit, "bulk-tee", 20);
    const shop = await signInThroughInvite(plaudit, "moderator", "bulk@demo.example", { graceMs: 300 });
    const { page } = shop;
    await page.goto(`${plaudit.baseUrl}/admin/#/queue?product=bulk-tee`);
    // The filtered list, not the whole queue the sign-in opened on ("Select all shown" would take
    // whatever else tops it too).
    await expect
      .poll(async () => (await titlesShown(page)).sort())
      .toEqual(ids.map((_, i) => `bulk-tee review ${i + 1}`).sort());
    await page.getByLabel("Select all shown").check();
    await page.getByText("20 selected").first().waitFor();
    await screenshot(page, "queue-bulk");
    await page.getByRole("button", { name: "Approve selected" }).click();
    // One bulk request after the grace period (GRACE_MS), as a single approval's: the same wait.
    await expect
      .poll(
        async () =>
          (await Promise.all(ids.map((id) => statusOf(plaudit, id)))).filter((r) => r.status === "published")
            .length,
      )
      .toBe(20);
    await page.getByText("Nothing here. No review matches these filters.").waitFor({ timeout: WAIT_FOR_MS });
    expect(shop.problems()).toEqual([]);
  });

  it.concurrent(
    "works the queue from the keyboard: j/k to move, a to approve, ? for help",
    SIDE_BY_SIDE,
    async ({ expect }) => {
      const ids = await pendingReviews(plaudit, "keys-sock", 2);
      const shop = await signInThroughInvite(plaudit, "moderator", "keys@demo.example", { graceMs: 300 });
      const { page } = shop;
      await page.goto(`${plaudit.baseUrl}/admin/#/queue?product=keys-sock`);
      // Signing in opened the whole queue, these two on top (newest first): the keys are for the
      // filtered list, so wait until it is the one shown.
      await expect.poll(() => titlesShown(page)).toEqual(["keys-sock review 2", "keys-sock review 1"]);
      await page.keyboard.press("?");
      await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
      await page.keyboard.press("Escape");
      await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor({ state: "hidden" });
      // Each key moves the focus once the queue has rendered it: wait for each move before the next.
      await page.keyboard.press("j");
      await expect.poll(() => focusedCard(page)).toBe("keys-sock review 2");
      await page.keyboard.press("j");
      await expect.poll(() => focusedCard(page)).toBe("keys-sock review 1");
      await page.keyboard.press("a");
      await expect.poll(() => statusOf(plaudit, ids[0] as string)).toMatchObject({ status: "published" });
      expect((await statusOf(plaudit, ids[1] as string)).status).toBe("pending");
    },
  );

  it.concurrent(
    "keeps the focus on its review when the queue is read again, so j moves on from there",
    SIDE_BY_SIDE,
    async ({ expect }) => {
      await pendingReviews(plaudit, "reload-sock", 2);
      const shop = await signInThroughInvite(plaudit, "moderator", "reload@demo.example", { graceMs: 300 });
      const { page } = shop;
      await page.goto(`${plaudit.baseUrl}/admin/#/queue?product=reload-sock`);
      await expect.poll(() => titlesShown(page)).toEqual(["reload-sock review 2", "reload-sock review 1"]);
      await page.keyboard.press("j");
      await expect.poll(() => focusedCard(page)).toBe("reload-sock review 2");
      // The route changes under the focused card (here: any status; back and forward alike): the
      // list is read again and drawn anew. Its answer is held until the old cards are gone.
      let answer = () => {};
      const held = new Promise<void>((resolve) => {
        answer = resolve;
      });
      await page.route(
        (url) => url.pathname === "/v1/admin/reviews" && url.searchParams.get("product") === "reload-sock",
        async (route) => {
          await held;
          await route.continue();
        },
      );
      await page.goto(`${plaudit.baseUrl}/admin/#/queue?product=reload-sock&status=any`);
      await page.locator("section.queue .loading").waitFor();
      answer();
      await expect.poll(() => titlesShown(page)).toEqual(["reload-sock review 2", "reload-sock review 1"]);
      await expect.poll(() => focusedCard(page)).toBe("reload-sock review 2");
      await page.keyboard.press("j");
      await expect.poll(() => focusedCard(page)).toBe("reload-sock review 1");
      expect(shop.problems()).toEqual([]);
    },
  );

  it.concurrent(
    "sees 'this review changed' when another moderator got there first",
    SIDE_BY_SIDE,
    async ({ expect }) => {
      const [id] = await pendingReviews(plaudit, "race-cap", 1);
      const shop = await signInThroughInvite(plaudit, "moderator", "race@demo.example", { graceMs: 300 });
      const { page } = shop;
      await page.goto(`${plaudit.baseUrl}/admin/#/queue?product=race-cap`);
      // The filtered list, not the whole queue the sign-in opened on (the new review is at its top
      // too): a list read after the reply below would carry the new version, and no conflict.
      await expect.poll(() => titlesShown(page)).toEqual(["race-cap review 1"]);
      // The other moderator replies while this one is looking.
      expect(
        (await adminApi(plaudit, "PATCH", `/v1/admin/reviews/${id}`, { reply: "Thanks from the other tab" }))
          .status,
      ).toBe(200);
      await card(page, "race-cap review 1").getByRole("button", { name: "Reject" }).click();
      const alert = card(page, "race-cap review 1").getByRole("alert");
      await alert.getByText("This review changed").waitFor({ timeout: WAIT_FOR_MS });
      await card(page, "race-cap review 1").getByText("Thanks from the other tab").waitFor();
      expect((await statusOf(plaudit, id as string)).status).toBe("pending");
      expect(shop.consoleErrors.filter((e) => !e.includes("409"))).toEqual([]);
    },
  );

  it.concurrent(
    "gets 403 from the API on users and keys, the program and adjustments — not just hidden buttons",
    SIDE_BY_SIDE,
    async ({ expect }) => {
      const shop = await signInThroughInvite(plaudit, "moderator", "scope@demo.example");
      const statuses = await shop.page.evaluate(async () => {
        const session = (await (await fetch("/v1/admin/session")).json()) as { csrfToken: string };
        const refusal = async (r: Response) => [
          r.status,
          ((await r.json()) as { error: { code: string } }).error.code,
        ];
        const read = (path: string) => fetch(path).then(refusal);
        const write = (method: string, path: string, body: unknown) =>
          fetch(path, {
            method,
            headers: {
              "content-type": "application/json",
              "x-csrf-token": session.csrfToken,
              "idempotency-key": "k-1",
            },
            body: JSON.stringify(body),
          }).then(refusal);
        return [
          await read("/v1/admin/users"),
          await read("/v1/admin/keys"),
          await write("POST", "/v1/admin/keys", { name: "mine", scopes: ["*"] }),
          await write("POST", "/v1/admin/users", { email: "x@demo.example", role: "owner" }),
          await read("/v1/admin/loyalty/program"),
          await write("PUT", "/v1/admin/loyalty/program", {}),
          await write("POST", "/v1/admin/loyalty/adjustments", { customerId: "c", delta: 5, reason: "x" }),
        ];
      });
      expect(statuses).toEqual(Array(7).fill([403, "insufficient_scope"]));
      // And the app does not offer what the role cannot open.
      expect(await shop.page.locator("header.top nav a").allTextContents()).toEqual([
        "Moderation",
        "Photos & videos",
        "Overview",
      ]);
    },
  );
});

/** Customer `customerId` with an order (admin-helpers): their balance before any adjustment. */
async function balanceAfterOrder(customerId: string, email?: string): Promise<number> {
  await customerWithOrder(plaudit, customerId, email);
  return (await adminApi(plaudit, "GET", `/v1/admin/customers/${customerId}`)).json.balance as number;
}

/** Support finds the customer by `query` (an id or an email) and opens Adjust points: the dialog. */
async function adjustPoints(page: Page, query: string, customerId: string): Promise<Locator> {
  await page.getByLabel("Customer id or email").fill(query);
  await page.getByRole("button", { name: "Find" }).click();
  await page.getByRole("heading", { name: customerId }).waitFor();
  await page.getByRole("button", { name: "Adjust points" }).click();
  return page.getByRole("dialog");
}

describe.concurrent("support", SIDE_BY_SIDE, () => {
  it("finds a customer by email, adjusts points with a reason and sees the ledger row", async ({
    expect,
  }) => {
    const before = await balanceAfterOrder("c-admin-e2e", "Robin@Example.com");
    const shop = await signInThroughInvite(plaudit, "support", "help@demo.example");
    const { page } = shop;
    expect(page.url()).toContain("#/customers");
    const dialog = await adjustPoints(page, "robin@example.com", "c-admin-e2e");
    await dialog.getByRole("button", { name: "Save adjustment" }).click();
    await dialog.getByText(/whole number other than 0/).waitFor();
    await dialog.getByText(/Say why/).waitFor();
    const reason = `<b>Parcel late</b> <script>window.__pwned=1</script>`;
    await dialog.getByLabel("Points to add (negative to remove)").fill("50");
    await dialog.getByLabel("Reason").fill(reason);
    await screenshot(page, "customer-adjust");
    await dialog.getByRole("button", { name: "Save adjustment" }).click();
    await page.locator("table.ledger td", { hasText: reason }).waitFor();
    await screenshot(page, "customer");
    const after = await adminApi(plaudit, "GET", "/v1/admin/customers/c-admin-e2e");
    expect(after.json.balance).toBe(before + 50);
    expect(after.json.ledger.filter((e: { reason: string }) => e.reason === reason)).toHaveLength(1);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(shop.problems()).toEqual([]);
  });
});

describe.concurrent("support whose session ends while adjusting points", SIDE_BY_SIDE, () => {
  it("finds the dialog as they left it after signing in again, saves it once", async ({ expect }) => {
    const before = await balanceAfterOrder("c-admin-401");
    const email = "help-401@demo.example";
    const shop = await signInThroughInvite(plaudit, "support", email);
    const { page } = shop;
    const dialog = await adjustPoints(page, "c-admin-401", "c-admin-401");
    const reason = "Parcel came a week late";
    await dialog.getByLabel("Points to add (negative to remove)").fill("25");
    await dialog.getByLabel("Reason").fill(reason);

    // Signed out everywhere by the owner meanwhile: the save is refused (401).
    const users = await adminApi(plaudit, "GET", "/v1/admin/users");
    const user = users.json.items.find((u: { email: string }) => u.email === email);
    expect((await adminApi(plaudit, "DELETE", `/v1/admin/users/${user.id}/sessions`)).status).toBe(204);
    await dialog.getByRole("button", { name: "Save adjustment" }).click();
    await page.getByText("Your session has ended. Sign in again to carry on where you were.").waitFor();
    expect(await page.locator("input[name=email]").inputValue()).toBe(email);
    await page.locator("input[name=password]").fill(PASSWORD);
    await page.locator("form button[type=submit]").click();

    // Back: the dialog open with what was typed, saying it was not saved.
    await dialog
      .getByText("Not saved: your session ended. Your entry is kept here; save it again.")
      .waitFor();
    expect(await dialog.getByLabel("Points to add (negative to remove)").inputValue()).toBe("25");
    expect(await dialog.getByLabel("Reason").inputValue()).toBe(reason);
    await dialog.getByRole("button", { name: "Save adjustment" }).click();
    await page.getByRole("status").getByText("Saved: +25 points.").waitFor();
    await page.locator("table.ledger td", { hasText: reason }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Adjust points");
    const after = await adminApi(plaudit, "GET", "/v1/admin/customers/c-admin-401");
    expect(after.json.balance).toBe(before + 25);
    expect(after.json.ledger.filter((e: { reason: string }) => e.reason === reason)).toHaveLength(1);
    // Chromium logs the refused save itself ("… status of 401"); nothing else went wrong.
    expect(shop.problems().filter((p) => !p.includes("status of 401"))).toEqual([]);
  });
});

describe.concurrent("sign-in", SIDE_BY_SIDE, () => {
  it("locks an account after repeated failures and says so", async ({ expect }) => {
    const email = "locked@demo.example";
    const first = await signInThroughInvite(plaudit, "support", email);
    await first.close();
    const shop = await plaudit.open("/admin/#/sign-in");
    const { page } = shop;
    await page.locator("input[name=store]").fill("demo");
    await page.locator("input[name=email]").fill(email);
    for (let i = 0; i < 5; i++) {
      await page.locator("input[name=password]").fill(`wrong password ${i}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByText("The store, email and password do not match an account.").waitFor();
    }
    await page.locator("input[name=password]").fill("a long admin passphrase");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText(/Too many failed attempts/).waitFor();
    expect(await page.locator("header.top").count()).toBe(0);
  });
});

// The overview's figures are the whole store's, and its zone the store's setting: its tests run
// after the rest, one at a time, when no other test is adding reviews.
describe("the owner's overview", () => {
  it("shows the same figures as SQL counts over the seeded store", async ({ expect }) => {
    const shop = await signInThroughInvite(plaudit, "owner", "owner-e2e@demo.example");
    const { page } = shop;
    const to = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 1000 * 86_400_000).toISOString().slice(0, 10);
    await page.goto(`${plaudit.baseUrl}/admin/#/overview?from=${from}&to=${to}`);
    await page.locator("[data-figure=reviews] dd").waitFor();
    await page.locator(".plot canvas").first().waitFor();
    await screenshot(page, "overview");
    const until = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString();

    const sql = await sqlFigures(plaudit.databaseUrl, `${from}T00:00:00.000Z`, until);
    expect(sql.reviews).toBeGreaterThan(100);
    const shown = async (name: string) =>
      (await page.locator(`[data-figure=${name}] dd`).textContent())?.trim();
    expect(await shown("reviews")).toBe(sql.reviews.toLocaleString("en"));
    expect(await shown("average")).toBe(sql.average.toFixed(2));
    expect(await page.locator("[data-figure=media]").getAttribute("data-raw")).toBe(String(sql.media));
    expect(await page.locator("[data-figure=verified]").getAttribute("data-raw")).toBe(String(sql.verified));
    expect(await shown("media")).toBe(`${Math.round((100 * sql.media) / sql.reviews)}%`);
    // Each chart has its table: the weekly counts add up to the total.
    await page.locator("#per-week-title ~ button").click();
    const weekly = await page.locator("#per-week-table td").allTextContents();
    expect(weekly.reduce((sum, n) => sum + Number(n.replace(/,/g, "")), 0)).toBe(sql.reviews);
    expect(shop.problems()).toEqual([]);
  });

  it("counts the store's days in its zone once the owner in Los Angeles names it, the audit log too", async ({
    expect,
  }) => {
    const shop = await signInThroughInvite(plaudit, "owner", "zone-owner@demo.example");
    const { page } = shop;
    // The merchant's browser is in Los Angeles; the store still counts UTC days.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setTimezoneOverride", { timezoneId: "America/Los_Angeles" });
    try {
      await page.goto(`${plaudit.baseUrl}/admin/#/overview`);
      await page.getByText("Days in the store's time zone: \u2068UTC\u2069.").waitFor();
      await page.getByRole("button", { name: /Count the store's days in .America\/Los_Angeles./ }).click();
      await page
        .getByText("The store's days now start at midnight in \u2068America/Los_Angeles\u2069.")
        .waitFor();
      await page.getByText("Days in the store's time zone: \u2068America/Los_Angeles\u2069.").waitFor();
      expect((await adminApi(plaudit, "GET", "/v1/admin/store/settings")).json).toEqual({
        timeZone: "America/Los_Angeles",
      });
      // The audit log's days are the store's: Sunday of the spring clock change, 23 hours long.
      await page.goto(`${plaudit.baseUrl}/admin/#/audit`);
      await page.getByLabel("Since").fill("2026-03-08");
      await page.getByLabel("Until").fill("2026-03-08");
      await page.getByRole("button", { name: "Apply filters" }).click();
      const asked = async () => {
        const params = new URLSearchParams((await page.evaluate(() => location.hash)).split("?")[1]);
        return { since: params.get("since"), until: params.get("until") };
      };
      await expect
        .poll(asked)
        .toEqual({ since: "2026-03-08T08:00:00.000Z", until: "2026-03-09T07:00:00.000Z" });
      expect(shop.problems()).toEqual([]);
    } finally {
      await adminApi(plaudit, "PUT", "/v1/admin/store/settings", { timeZone: null });
    }
  });
});
