import { act, fireEvent, waitFor, within } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiError, callsTo, json, PROGRAM, settle, TOKEN } from "../../testing/fake-loyalty-api.ts";
import { languageArrived, mountLoyaltyWidget } from "../../testing/mount-for-test.ts";

const cleanups: (() => void)[] = [];

async function openPanel(...args: Parameters<typeof mountLoyaltyWidget>) {
  const widget = mountLoyaltyWidget(...args);
  cleanups.push(widget.unmount);
  await act(() => languageArrived(widget.host));
  await act(() => settle());
  const launcher = widget.view.getByRole("button", { name: /Rewards|Prämien|הטבות/ });
  launcher.focus();
  await act(async () => {
    fireEvent.click(launcher);
    await settle(10);
  });
  const dialog = await waitFor(() => widget.view.getByRole("dialog"));
  await waitFor(() =>
    expect(dialog.querySelector(".plaudit-loyalty")?.textContent).not.toMatch(/Loading|טוען/),
  );
  return { ...widget, launcher, dialog, panel: within(dialog) };
}

const member = (attrs: Record<string, string> = {}, api: Parameters<typeof mountLoyaltyWidget>[2] = {}) =>
  openPanel("loyalty", { "data-customer-token": TOKEN, ...attrs }, api);

const activeIn = (root: ShadowRoot) => root.activeElement;

/** Clicks and lets the store, the fake server and Preact settle (each step its own act). */
async function click(element: HTMLElement) {
  await act(async () => {
    fireEvent.click(element);
    await settle(10);
  });
}
const status = (dialog: HTMLElement) => within(dialog).getByRole("status").textContent?.trim();

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  document.body.replaceChildren();
  document.documentElement.removeAttribute("style");
  vi.unstubAllGlobals();
});

describe("loyalty panel, member view", () => {
  it("shows the balance, the tier and an accessible progress bar to the next tier", async () => {
    const { panel } = await member();
    expect(panel.getByText("650 points")).toBeTruthy();
    expect(panel.getByText("Tier: Bronze")).toBeTruthy();
    const bar = panel.getByRole("progressbar", { name: "Progress to Silver" });
    expect(bar.getAttribute("aria-valuenow")).toBe("650");
    expect(bar.getAttribute("aria-valuemax")).toBe("1000");
    expect(bar.getAttribute("aria-valuetext")).toBe("350 points to Silver");
  });

  it("shows points waiting out the return window with the date they become spendable, apart from held reviews", async () => {
    const { panel } = await member(
      {},
      {
        pendingPoints: 250,
        pending: [
          {
            points: 200,
            reason: "Purchase (order 1002)",
            availableAt: "2026-04-01T10:00:00Z",
            action: "purchase",
          },
          { points: 50, reason: "Review awaiting moderation", availableAt: null, action: "review" },
        ],
      },
    );
    expect(panel.getByText("650 points")).toBeTruthy();
    expect(panel.getByText("50 points pending review")).toBeTruthy();
    expect(panel.getByText(/^200 points spendable from .*2026/)).toBeTruthy();
  });

  it.each([
    ["Asia/Tokyo", "Apr 2, 2026"],
    ["America/Los_Angeles", "Apr 1, 2026"],
    ["UTC", "Apr 1, 2026"],
  ])("says the day points become spendable as the shopper's own day (in %s)", async (zone, day) => {
    // 20:00 UTC on 1 April is already the 2nd in Tokyo: "from Apr 1" there promised a day early.
    const zoneBefore = process.env.TZ;
    process.env.TZ = zone;
    try {
      const { panel } = await member(
        {},
        {
          pendingPoints: 200,
          pending: [
            { points: 200, reason: "Purchase", availableAt: "2026-04-01T20:00:00Z", action: "purchase" },
          ],
        },
      );
      expect(panel.getByText(`200 points spendable from ${day}`)).toBeTruthy();
    } finally {
      if (zoneBefore === undefined) delete process.env.TZ;
      else process.env.TZ = zoneBefore;
    }
  });

  it("marks one-time ways to earn done or to do, and lists the history with signs and dates", async () => {
    const { panel } = await member();
    const earn = within(panel.getByRole("region", { name: "Ways to earn" }));
    expect(earn.getByText("Create an account").closest("li")?.textContent).toContain("Done");
    expect(earn.getByText("Celebrate your birthday").closest("li")?.textContent).toContain("To do");
    const history = within(panel.getByRole("region", { name: "History" })).getAllByRole("listitem");
    expect(history.map((row) => row.textContent)).toEqual([
      "PurchaseMar 2, 2026+550",
      "Joined the programMar 1, 2026+100",
    ]);
  });

  it("counts in the program's own name for its points everywhere it shows an amount", async () => {
    const { panel } = await member({}, { pointsName: "Stars" });
    expect(panel.getByText("650 Stars")).toBeTruthy();
    expect(panel.getByText("1,350 Stars more needed")).toBeTruthy();
    expect(panel.getByRole("progressbar").getAttribute("aria-valuetext")).toBe("350 Stars to Silver");
  });

  it("offers Redeem only for rewards the balance covers", async () => {
    const { panel } = await member();
    expect(panel.getByRole("button", { name: "Redeem $5 off" })).toBeTruthy();
    expect(panel.queryByRole("button", { name: "Redeem 10% off" })).toBeNull();
    expect(panel.getByText("1,350 points more needed")).toBeTruthy();
  });

  it("redeems after a confirm step, shows the code, copies it and tells the page", async () => {
    const writeText = vi.fn(async (_text: string) => {});
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    const { panel, dialog, root, store, api } = await member();
    const heard: unknown[] = [];
    store.events.on("loyalty:redeemed", (detail) => heard.push(detail));

    await act(async () => {
      fireEvent.click(panel.getByRole("button", { name: "Redeem $5 off" }));
      await settle();
    });
    expect(activeIn(root)).toBe(panel.getByRole("heading", { name: "Redeem $5 off?" }));
    expect(panel.getByText("500 points will be taken from your balance of 650 points.")).toBeTruthy();
    expect(callsTo(api, "/loyalty/redemptions", "POST")).toHaveLength(0);

    await act(async () => {
      fireEvent.click(panel.getByRole("button", { name: "Yes, redeem" }));
      await settle(10);
    });
    expect(activeIn(root)).toBe(panel.getByRole("heading", { name: "Your code for $5 off" }));
    const code = panel.getByRole("textbox", { name: "Enter this code at checkout." }) as HTMLInputElement;
    expect(code.value).toBe("PLAUDIT-1XYZ");
    expect(status(dialog)).toBe("$5 off redeemed. Your code is PLAUDIT-1XYZ.");
    expect(heard).toEqual([
      { store: "demo", rewardName: "$5 off", redemption: expect.objectContaining({ code: "PLAUDIT-1XYZ" }) },
    ]);
    expect(panel.getByText("150 points")).toBeTruthy();

    await act(async () => {
      fireEvent.click(panel.getByRole("button", { name: "Copy code" }));
      await settle();
    });
    expect(writeText).toHaveBeenCalledWith("PLAUDIT-1XYZ");
    expect(status(dialog)).toBe("Code copied");
  });

  it("selects the code for Ctrl+C when the clipboard refuses", async () => {
    vi.stubGlobal("navigator", {
      ...navigator,
      clipboard: { writeText: () => Promise.reject(new Error("denied")) },
    });
    const { panel, dialog, root } = await member();
    await click(panel.getByRole("button", { name: "Redeem $5 off" }));
    await click(panel.getByRole("button", { name: "Yes, redeem" }));
    await click(panel.getByRole("button", { name: "Copy code" }));
    const code = panel.getByRole("textbox", { name: "Enter this code at checkout." }) as HTMLInputElement;
    expect(activeIn(root)).toBe(code);
    expect(code.selectionStart).toBe(0);
    expect(code.selectionEnd).toBe("PLAUDIT-1XYZ".length);
    expect(status(dialog)).toBe("Press Ctrl+C or ⌘+C to copy the selected code.");
  });

  it("goes back to the reward's Redeem button when the shopper cancels", async () => {
    const { panel, root } = await member();
    await click(panel.getByRole("button", { name: "Redeem Free shipping" }));
    await click(panel.getByRole("button", { name: "Cancel" }));
    expect(activeIn(root)).toBe(panel.getByRole("button", { name: "Redeem Free shipping" }));
  });

  it("offers Try again after a lost answer and retries with the same Idempotency-Key", async () => {
    let posts = 0;
    const { panel, api } = await member(
      {},
      {
        intercept: (call) => {
          if (call.method !== "POST") return undefined;
          posts += 1;
          return posts === 1 ? apiError(503, "unavailable") : undefined;
        },
      },
    );
    await click(panel.getByRole("button", { name: "Redeem $5 off" }));
    await click(panel.getByRole("button", { name: "Yes, redeem" }));
    expect(panel.getByRole("alert").textContent).toBe("The reward could not be redeemed. Please try again.");
    await act(async () => {
      fireEvent.click(panel.getByRole("button", { name: "Try again" }));
      await settle(10);
    });
    expect(
      (panel.getByRole("textbox", { name: "Enter this code at checkout." }) as HTMLInputElement).value,
    ).toBe("PLAUDIT-1XYZ");
    const keys = callsTo(api, "/loyalty/redemptions", "POST").map((call) =>
      call.headers.get("idempotency-key"),
    );
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  it("asks again, at the new cost, when the merchant repriced the reward while the panel was open", async () => {
    let repriced = false;
    const { panel, root, api } = await member(
      {},
      {
        intercept: (call) => {
          if (!repriced) return undefined;
          if (call.method === "GET" && call.url.pathname.endsWith("/loyalty/program")) {
            return json({
              ...PROGRAM,
              rewards: PROGRAM.rewards.map((r) => (r.id === "five-off" ? { ...r, cost: 600 } : r)),
            });
          }
          const body = call.method === "POST" ? JSON.parse(call.body) : {};
          return body.cost === 500
            ? json(
                { error: { code: "reward_changed", message: "repriced", fields: { cost: "is now 600" } } },
                409,
              )
            : undefined;
        },
      },
    );
    await click(panel.getByRole("button", { name: "Redeem $5 off" }));
    expect(panel.getByText("500 points will be taken from your balance of 650 points.")).toBeTruthy();
    repriced = true; // the merchant saves the program now
    await click(panel.getByRole("button", { name: "Yes, redeem" }));
    // Nothing was spent: the shopper sees the reward's new cost and decides again.
    expect(panel.queryByRole("textbox", { name: "Enter this code at checkout." })).toBeNull();
    await waitFor(() =>
      expect(panel.getByText("600 points will be taken from your balance of 650 points.")).toBeTruthy(),
    );
    expect(activeIn(root)).toBe(panel.getByRole("heading", { name: "Redeem $5 off?" }));
    await click(panel.getByRole("button", { name: "Yes, redeem" }));
    const posts = callsTo(api, "/loyalty/redemptions", "POST");
    expect(posts.map((call) => JSON.parse(call.body).cost)).toEqual([500, 600]);
    expect(posts[1]?.headers.get("idempotency-key")).not.toBe(posts[0]?.headers.get("idempotency-key"));
    expect(
      (panel.getByRole("textbox", { name: "Enter this code at checkout." }) as HTMLInputElement).value,
    ).toBe("PLAUDIT-1XYZ");
  });

  it("offers no referral link when the program gives nothing for a referral", async () => {
    // Its words promise "You both earn points": a program without a referral earning (the admin's
    // "leave an action's points empty and it earns nothing") must not say so to shoppers.
    const { panel } = await member(
      {},
      { earning: PROGRAM.earning.filter((way) => way.action !== "referral") },
    );
    expect(panel.getByText("650 points")).toBeTruthy();
    expect(panel.queryByRole("region", { name: "Refer a friend" })).toBeNull();
    expect(panel.queryByText(/You both earn points/)).toBeNull();
  });

  it("shows the referral link with Copy, and Share only where the platform can share", async () => {
    const first = await member();
    const referral = within(first.panel.getByRole("region", { name: "Refer a friend" }));
    expect((referral.getByRole("textbox", { name: "Your referral link" }) as HTMLInputElement).value).toBe(
      "https://shop.test/?ref=FRIEND-CUST1",
    );
    expect(referral.queryByRole("button", { name: "Share" })).toBeNull();
    first.unmount();

    const share = vi.fn(async () => {});
    vi.stubGlobal("navigator", { ...navigator, share });
    const second = await member();
    await act(async () => {
      fireEvent.click(second.panel.getByRole("button", { name: "Share" }));
      await settle();
    });
    expect(share).toHaveBeenCalledWith(
      expect.objectContaining({ url: "https://shop.test/?ref=FRIEND-CUST1" }),
    );
  });

  it("keeps Tab inside the panel", async () => {
    const { dialog, root } = await member();
    const close = within(dialog).getByRole("button", { name: "Close" });
    const tabbables = [...dialog.querySelectorAll<HTMLElement>("button, input, a[href]")];
    tabbables.at(-1)!.focus();
    fireEvent.keyDown(dialog, { key: "Tab" });
    expect(activeIn(root)).toBe(close);
    fireEvent.keyDown(dialog, { key: "Tab", shiftKey: true });
    expect(activeIn(root)).toBe(tabbables.at(-1));
  });
});

describe("loyalty panel, guest view", () => {
  it("shows what the program offers and the join and sign-in links", async () => {
    const { panel, api } = await openPanel("loyalty", {
      "data-join-url": "/account/register",
      "data-signin-url": "https://shop.test/account/login",
    });
    expect(panel.getByText("Join our rewards program and earn points every time you shop.")).toBeTruthy();
    expect(panel.getByRole("link", { name: "Join now" }).getAttribute("href")).toBe(
      new URL("/account/register", document.baseURI).href,
    );
    expect(panel.getByRole("link", { name: "Sign in" }).getAttribute("href")).toBe(
      "https://shop.test/account/login",
    );
    expect(panel.getByText("Write a review")).toBeTruthy();
    expect(panel.getByText("$5 off")).toBeTruthy();
    expect(panel.queryByRole("button", { name: /Redeem/ })).toBeNull();
    expect(callsTo(api, "/loyalty/me")).toHaveLength(0);
  });

  it("never turns a javascript: URL into a link", async () => {
    const { panel } = await openPanel("loyalty", { "data-join-url": "javascript:alert(1)" });
    expect(panel.queryByRole("link", { name: "Join now" })).toBeNull();
  });

  it("shows the guest view, not an error, when the token has expired", async () => {
    const { panel } = await openPanel(
      "loyalty",
      { "data-customer-token": TOKEN },
      {
        intercept: (call) =>
          call.url.pathname.endsWith("/me") ? apiError(401, "expired_customer_token") : undefined,
      },
    );
    expect(panel.getByText("Your session has ended. Sign in again to see your points.")).toBeTruthy();
    expect(panel.queryByRole("alert")).toBeNull();
    expect(panel.getByText("$5 off")).toBeTruthy();
  });
});

describe("loyalty panel in the shopper's language", () => {
  // The merchant wrote labels and reward names in English, with German and Hebrew translations
  // for some: each shopper reads their own language's, else the default.
  const translated = {
    earning: PROGRAM.earning.map((way) =>
      way.action === "review" ? { ...way, labels: { de: "Bewertung schreiben", he: "לכתוב ביקורת" } } : way,
    ),
    rewards: PROGRAM.rewards.map((reward) =>
      reward.id === "five-off" ? { ...reward, names: { de: "5 € Rabatt", he: "הנחה של 5$" } } : reward,
    ),
  };

  it.each([
    ["de", "Bewertung schreiben", "5 € Rabatt"],
    ["de-AT", "Bewertung schreiben", "5 € Rabatt"],
    ["he", "לכתוב ביקורת", "הנחה של 5$"],
    // No French catalog, no French words from the merchant: English panel, default labels.
    ["fr", "Write a review", "$5 off"],
  ])("in %s shows the merchant's words in that language, else the default", async (locale, label, reward) => {
    const { panel } = await member({ "data-locale": locale }, translated);
    expect(panel.getByText(label)).toBeTruthy();
    // The reward's name, and its Redeem button's (in the panel's own words around it).
    expect(panel.getByText(reward)).toBeTruthy();
    expect(panel.getByRole("button", { name: (name) => name.includes(reward) })).toBeTruthy();
    // An action without a translation keeps the default label.
    expect(panel.getByText("Create an account")).toBeTruthy();
  });
});

describe("loyalty panel: tiers and the points' name in the shopper's language", () => {
  // The merchant named the points "Stars" and the tiers in English, with German and Hebrew names
  // for the points and for some tiers: each shopper counts and reads their own language's.
  const named = {
    pointsName: "Stars",
    pointsNames: { de: "Sterne", he: "כוכבים" },
    tiers: PROGRAM.tiers.map((tier) =>
      tier.id === "gold" ? tier : { ...tier, names: { de: `${tier.name}stufe`, he: `דרגת ${tier.id}` } },
    ),
  };

  it.each([
    ["de", "650 Sterne", "Stufe: Bronzestufe", "Noch 350 Sterne bis Silverstufe"],
    ["de-AT", "650 Sterne", "Stufe: Bronzestufe", "Noch 350 Sterne bis Silverstufe"],
    ["he", "650 כוכבים", "דרגה: דרגת bronze", "עוד 350 כוכבים לדרגת דרגת silver"],
    // No French words from the merchant: the defaults.
    ["fr", "650 Stars", "Tier: Bronze", "350 Stars to Silver"],
  ])("in %s counts in its points' name and names the tiers in it", async (locale, balance, tier, toGo) => {
    const { panel } = await member({ "data-locale": locale }, named);
    expect(panel.getByText(balance)).toBeTruthy();
    expect(panel.getByText(tier)).toBeTruthy();
    expect(panel.getByRole("progressbar").getAttribute("aria-valuetext")).toBe(toGo);
    // A reward's cost counts in it too.
    expect(panel.getByText(balance.replace("650", "500"))).toBeTruthy();
  });

  it("keeps a tier without a translation in its default name", async () => {
    const { panel } = await member({ "data-locale": "de" }, { ...named, tiers: PROGRAM.tiers });
    expect(panel.getByText("Stufe: Bronze")).toBeTruthy();
    expect(panel.getByRole("progressbar").getAttribute("aria-valuetext")).toBe("Noch 350 Sterne bis Silver");
  });
});

describe("loyalty panel in Hebrew", () => {
  it("renders right to left with Hebrew text and numbers", async () => {
    const { dialog, panel, root } = await member({ "data-locale": "he" });
    expect(dialog.getAttribute("dir")).toBe("rtl");
    expect(dialog.getAttribute("lang")).toBe("he");
    expect(root.querySelector(".plaudit-launcher-root")?.getAttribute("dir")).toBe("rtl");
    expect(within(dialog).getByRole("heading", { level: 2 }).textContent).toBe("הטבות");
    expect(panel.getByText("650 נקודות")).toBeTruthy();
    expect(panel.getByRole("button", { name: "מימוש $5 off" })).toBeTruthy();
  });
});
