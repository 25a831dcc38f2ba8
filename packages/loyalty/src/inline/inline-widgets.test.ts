import { act, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeLoyaltyApi, json, PROGRAM, settle, TOKEN, testStore } from "../../testing/fake-loyalty-api.ts";
import { languageArrived, mountLoyaltyWidget } from "../../testing/mount-for-test.ts";
import { inlineLoadable } from "../messages/loadable.ts";

const cleanups: (() => void)[] = [];
async function mounted(...args: Parameters<typeof mountLoyaltyWidget>) {
  const widget = mountLoyaltyWidget(...args);
  cleanups.push(widget.unmount);
  await act(() => languageArrived(widget.host));
  await act(() => settle());
  return widget;
}
const text = (root: ShadowRoot) => root.textContent ?? "";

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

const withRate = (points: number) => ({
  intercept: (call: { url: URL }) =>
    call.url.pathname.endsWith("/loyalty/program")
      ? json({
          ...PROGRAM,
          earning: PROGRAM.earning.map((way) => (way.action === "purchase" ? { ...way, points } : way)),
        })
      : undefined,
});

describe("languages", () => {
  it("loads no German or Hebrew for the launcher and the inline widgets on an English page", async () => {
    const loaders = (["de", "he"] as const).map((lang) =>
      vi.spyOn(inlineLoadable as unknown as Record<typeof lang, () => Promise<unknown>>, lang),
    );
    const { root } = await mounted(
      "points-for",
      { "data-amount": "20", "data-locale": "en-US" },
      withRate(2),
    );
    await mounted("loyalty", { "data-locale": "fr" });
    expect(text(root)).toContain("Earn");
    for (const loader of loaders) expect(loader).not.toHaveBeenCalled();
  });
});

describe("points widget", () => {
  it("shows the member's balance", async () => {
    const { root } = await mounted("points", { "data-customer-token": TOKEN });
    expect(text(root)).toBe("Your balance: 650 points");
  });

  it("renders nothing for a guest", async () => {
    const { root, api } = await mounted("points");
    expect(text(root)).toBe("");
    expect(api.calls.filter((call) => call.url.pathname.endsWith("/me"))).toHaveLength(0);
  });

  it("shares one request with the launcher on the same page", async () => {
    const api = fakeLoyaltyApi();
    const store = testStore(api);
    const points = await mounted("points", { "data-customer-token": TOKEN }, {}, { api, store });
    await mounted("loyalty", { "data-customer-token": TOKEN }, {}, { api, store });
    expect(text(points.root)).toBe("Your balance: 650 points");
    expect(api.calls.filter((call) => call.url.pathname.endsWith("/me"))).toHaveLength(1);
  });
});

describe("points-for widget", () => {
  it("promises the purchase points, rounded like the server", async () => {
    const { root } = await mounted("points-for", { "data-amount": "49.99" });
    expect(text(root)).toBe("Earn 50 points with this purchase");
  });

  it("counts in the program's own name for its points", async () => {
    const { root } = await mounted("points-for", { "data-amount": "49.99" }, { pointsName: "Stars" });
    expect(text(root)).toBe("Earn 50 Stars with this purchase");
  });

  it("counts in the points' name of the shopper's language when the merchant wrote one", async () => {
    const { root } = await mounted(
      "points-for",
      { "data-amount": "49.99", "data-locale": "de" },
      { pointsName: "Stars", pointsNames: { de: "Sterne", he: "כוכבים" } },
    );
    expect(text(root)).toContain("50 Sterne");
  });

  it("formats the figure for the shopper's language", async () => {
    const { root } = await mounted(
      "points-for",
      { "data-amount": "246.9", "data-locale": "de-DE" },
      withRate(5),
    );
    expect(text(root)).toBe("Sammeln Sie 1.235 Punkte mit diesem Einkauf");
  });

  it("follows a new data-amount (a variant switch)", async () => {
    const { root, host } = await mounted("points-for", { "data-amount": "10" });
    expect(text(root)).toBe("Earn 10 points with this purchase");
    host.setAttribute("data-amount", "1.4");
    await waitFor(() => expect(text(root)).toBe("Earn 1 point with this purchase"));
  });

  it("says nothing, and tells the developer, when the amount is not a number", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { root } = await mounted("points-for", { "data-amount": "49,99 €" });
    expect(text(root)).toBe("");
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^\[plaudit\] data-amount="49,99 €"/));
  });

  it("reads right to left in Hebrew", async () => {
    const { root } = await mounted("points-for", { "data-amount": "20", "data-locale": "he" });
    const span = root.querySelector(".plaudit-points")!;
    expect(span.getAttribute("dir")).toBe("rtl");
    expect(text(root)).toBe("צברו 20 נקודות ברכישה זו");
  });
});
