import { act, cleanup, fireEvent, render, waitFor } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sessionAs } from "../../testing/admin-test-kit.ts";
import { route } from "../router.ts";
import { session } from "../session.ts";
import Customers, { parseDelta } from "./customers.tsx";

const detail = {
  customerId: "c1",
  emails: ["c1@example.com"],
  orders: 2,
  pointsName: "points",
  balance: 9_007_199_254,
  lifetimeEarned: 9_007_199_254,
  tier: null,
  nextTier: null,
  pendingPoints: 0,
  pointsExpireAt: null,
  ledger: [],
  redemptions: [],
};

/** The customer's API: their detail; every adjustment's body recorded and saved. */
function fakeApi() {
  const adjustments: unknown[] = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit = {}) => {
    if (init.method === "POST") {
      adjustments.push(JSON.parse(String(init.body)));
      return Response.json({ id: "a1" }, { status: 201 });
    }
    expect(url).toBe("/v1/admin/customers/c1");
    return Response.json(detail);
  });
  return adjustments;
}

beforeEach(() => {
  session.value = sessionAs("support");
  route.value = { name: "customers", params: new URLSearchParams("id=c1") };
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  session.value = undefined;
});

describe("adjusting a customer's points", () => {
  it("reads points as the history writes them (+500) and with the minus sign its message shows (−50)", () => {
    expect([parseDelta("+500"), parseDelta(" −50 "), parseDelta("-50"), parseDelta("500")]).toEqual([
      500, -50, -50, 500,
    ]);
    expect([parseDelta("5.5"), parseDelta("1e3"), parseDelta("--5"), parseDelta("")]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  for (const [typed, delta, said] of [
    ["+500", 500, "Saved: +500 points."],
    ["−50", -50, "Saved: -50 points."],
  ] as const) {
    it(`saves ${typed} and says so in the screen's live region`, async () => {
      const adjustments = fakeApi();
      const view = render(<Customers />);
      await view.findByText("c1@example.com");
      await act(async () => (await view.findByRole("button", { name: "Adjust points" })).click());
      fireEvent.input(view.getByLabelText("Points to add (negative to remove)"), {
        target: { value: typed },
      });
      fireEvent.input(view.getByLabelText("Reason"), { target: { value: "Goodwill" } });
      await act(async () => view.getByRole("button", { name: "Save adjustment" }).click());
      expect(view.queryByText(/Enter a whole number/)).toBeNull();
      expect(adjustments).toEqual([{ customerId: "c1", delta, reason: "Goodwill" }]);
      expect((await view.findByRole("status")).textContent).toBe(said);
    });
  }

  it("offers Try again when a search could not be answered, and asks again", async () => {
    let down = true;
    vi.stubGlobal("fetch", async (url: string) => {
      if (down) throw new TypeError("Failed to fetch");
      expect(url).toBe("/v1/admin/customers?q=ada");
      return Response.json({ items: [] });
    });
    route.value = { name: "customers", params: new URLSearchParams() };
    const view = render(<Customers />);
    await find(view, "ada");
    const retry = await view.findByRole("button", { name: "Try again" });
    down = false;
    await act(async () => retry.click());
    await view.findByText("No customer found for “\u2068ada\u2069”.");
  });

  it("writes the points history's and redemptions' times in the store's time zone, not the browser's", async () => {
    // 03:30 UTC on 5 January is still the evening of the 4th in Los Angeles.
    const at = "2026-01-05T03:30:00.000Z";
    vi.stubGlobal("fetch", async () =>
      Response.json({
        ...detail,
        ledger: [{ id: "l1", delta: 50, action: "adjust", reason: "Goodwill", createdAt: at }],
        redemptions: [
          { id: "r1", reward: "5 € off", pointsSpent: 500, code: "SAVE5", status: "issued", createdAt: at },
        ],
      }),
    );
    if (session.value)
      session.value = {
        ...session.value,
        store: { ...session.value.store, timeZone: "America/Los_Angeles" },
      };
    const view = render(<Customers />);
    await view.findByText("Goodwill");
    const times = [...view.container.querySelectorAll("table time")].map((time) => [
      time.getAttribute("datetime"),
      time.textContent,
    ]);
    expect(times).toEqual([
      [at, "Jan 4, 2026, 7:30 PM"],
      [at, "Jan 4, 2026, 7:30 PM"],
    ]);
  });
});

/** Types `q` into the search field and sends it, as the merchant does. */
async function find(view: ReturnType<typeof render>, q: string) {
  fireEvent.input(view.getByLabelText("Customer id or email"), { target: { value: q } });
  await act(async () => view.getByRole("button", { name: "Find" }).click());
}

/** The matches of one email address; `ids` are the customers who used it. */
function matchesOf(email: string, ids: string[]) {
  vi.stubGlobal("fetch", async (url: string) => {
    expect(url).toBe(`/v1/admin/customers?q=${encodeURIComponent(email)}`);
    return Response.json({
      items: ids.map((customerId) => ({ customerId, emails: [email], balance: 10 })),
    });
  });
}

describe("searching by email address", () => {
  beforeEach(() => {
    location.hash = "#/customers";
    route.value = { name: "customers", params: new URLSearchParams() };
  });

  it("keeps the address out of the URL; the matches link by customer id", async () => {
    matchesOf("ada@example.com", ["c1", "c2"]);
    const view = render(<Customers />);
    await find(view, "ada@example.com");
    const links = await view.findAllByRole("link");
    expect(links.map((a) => a.getAttribute("href"))).toEqual(["#/customers?id=c1", "#/customers?id=c2"]);
    expect(location.href).not.toContain("ada");
    // Back from a customer: the same matches, the field still holding the address.
    route.value = { name: "customers", params: new URLSearchParams("id=c2") };
    route.value = { name: "customers", params: new URLSearchParams() };
    expect((await view.findAllByRole("link")).length).toBe(2);
    expect((view.getByLabelText("Customer id or email") as HTMLInputElement).value).toBe("ada@example.com");
  });

  it("opens a single match by its id, and Back shows that match instead of opening it again", async () => {
    matchesOf("robin@example.com", ["c7"]);
    const view = render(<Customers />);
    await find(view, "robin@example.com");
    await waitFor(() => expect(location.hash).toBe("#/customers?id=c7"));
    expect(location.href).not.toContain("robin");
    route.value = { name: "customers", params: new URLSearchParams() };
    const link = await view.findByRole("link", { name: "c7" });
    expect(link.getAttribute("href")).toBe("#/customers?id=c7");
    expect(route.value.params.get("id")).toBeNull();
  });
});
