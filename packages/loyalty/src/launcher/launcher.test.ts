import { act, fireEvent, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { callsTo, json, settle, TOKEN } from "../../testing/fake-loyalty-api.ts";
import { mountLoyaltyWidget } from "../../testing/mount-for-test.ts";

const cleanups: (() => void)[] = [];
async function mounted(...args: Parameters<typeof mountLoyaltyWidget>) {
  const widget = mountLoyaltyWidget(...args);
  cleanups.push(widget.unmount);
  await act(() => settle());
  return widget;
}

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  document.body.replaceChildren();
  document.documentElement.removeAttribute("style");
});

describe("loyalty launcher", () => {
  it("is a named button in the end corner that costs a guest no request", async () => {
    const { view, api, root } = await mounted("loyalty");
    const button = view.getByRole("button", { name: "Rewards" });
    expect(button.getAttribute("aria-haspopup")).toBe("dialog");
    const wrapper = root.querySelector<HTMLElement>(".plaudit-launcher-root")!;
    expect(wrapper.dataset).toMatchObject({ position: "end", launcher: "fixed", theme: "auto" });
    expect(api.calls).toHaveLength(0);
  });

  it("shows a member's balance on the button and in its name", async () => {
    const { view } = await mounted("loyalty", { "data-customer-token": TOKEN });
    expect(view.getByRole("button", { name: "Rewards 650 points" })).toBeTruthy();
  });

  it("counts in the program's own name for its points", async () => {
    const { view } = await mounted("loyalty", { "data-customer-token": TOKEN }, { pointsName: "Stars" });
    expect(view.getByRole("button", { name: "Rewards 650 Stars" })).toBeTruthy();
  });

  it.each([
    ["de", "Prämien 650 Sterne"],
    ["he", "הטבות 650 כוכבים"],
    ["fr", "Rewards 650 Stars"],
  ])("counts in %s in the points' name the merchant wrote for it, else the default", async (locale, name) => {
    const { view } = await mounted(
      "loyalty",
      { "data-customer-token": TOKEN, "data-locale": locale },
      { pointsName: "Stars", pointsNames: { de: "Sterne", he: "כוכבים" } },
    );
    await waitFor(() => expect(view.getByRole("button", { name })).toBeTruthy());
  });

  it("takes the token from the script tag when the host has none", async () => {
    const script = document.createElement("script");
    script.setAttribute("src", "https://rewards.test/plaudit.js");
    script.setAttribute("data-customer-token", TOKEN);
    script.type = "text/plain"; // never runs in the test
    document.head.append(script);
    try {
      const { view } = await mounted("loyalty");
      expect(view.getByRole("button", { name: "Rewards 650 points" })).toBeTruthy();
    } finally {
      script.remove();
    }
  });

  it("renders in flow and in the start corner when asked", async () => {
    const { root } = await mounted("loyalty", { "data-launcher": "inline", "data-position": "start" });
    expect(root.querySelector<HTMLElement>(".plaudit-launcher-root")!.dataset).toMatchObject({
      position: "start",
      launcher: "inline",
    });
  });

  it("loads the panel on first open and gives focus back to the launcher on Escape", async () => {
    const { view, api } = await mounted("loyalty", { "data-customer-token": TOKEN });
    const button = view.getByRole("button", { name: /Rewards/ });
    button.focus();
    await act(async () => {
      fireEvent.click(button);
      await settle(10);
    });
    const dialog = await waitFor(() => view.getByRole("dialog", { name: "Rewards" }));
    await waitFor(() => expect(dialog.textContent).toContain("650 points"));
    expect(callsTo(api, "/loyalty/program")).toHaveLength(1);
    await act(async () => {
      fireEvent.keyDown(dialog, { key: "Escape" });
      await settle();
    });
    expect(view.queryByRole("dialog")).toBeNull();
    expect((button.getRootNode() as ShadowRoot).activeElement).toBe(button);
  });

  it("announces the balance when a review written on the page earns points", async () => {
    const { view, store, api } = await mounted("loyalty", { "data-customer-token": TOKEN });
    api.earn(50);
    await act(async () => {
      store.events.emit("review:submitted", {
        store: "demo",
        productId: "tee",
        status: "published",
        customerToken: TOKEN,
        review: {
          id: "r9",
          productId: "tee",
          rating: 2,
          title: "",
          body: "Shrank.",
          author: { name: "Dana" },
          verified: true,
          createdAt: "2026-03-06T10:00:00Z",
          helpful: { up: 0, down: 0 },
          reply: null,
          media: [],
        },
      });
      await settle();
    });
    expect(view.getByRole("button", { name: "Rewards 700 points" })).toBeTruthy();
  });

  it("shows the new shopper, never the last one, when an SPA signs another account in", async () => {
    const OTHER = "cust-2.1767225600.ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";
    let otherAnswer: (response: Response) => void = () => {};
    const first = await mounted(
      "loyalty",
      { "data-customer-token": TOKEN },
      {
        intercept: (call) =>
          call.headers.get("x-plaudit-customer") === OTHER
            ? new Promise<Response>((answer) => {
                otherAnswer = answer;
              })
            : undefined,
      },
    );
    expect(first.view.getByRole("button", { name: "Rewards 650 points" })).toBeTruthy();
    // The app swaps its header: the old launcher goes, a new one comes with the new shopper's token.
    first.unmount();
    first.host.remove();
    const second = mountLoyaltyWidget("loyalty", { "data-customer-token": OTHER }, {}, first);
    cleanups.push(second.unmount);
    await act(() => settle());
    expect(callsTo(first.api, "/loyalty/me").at(-1)?.headers.get("x-plaudit-customer")).toBe(OTHER);
    // Until the new shopper's figures arrive nothing of the last shopper's shows, nor after a failure.
    expect(second.view.queryByText(/650/)).toBeNull();
    await act(async () => {
      otherAnswer(json({ error: { code: "unavailable", message: "down" } }, 503));
      await settle();
    });
    expect(second.view.queryByText(/650/)).toBeNull();
  });

  it("removes everything it added on unmount", async () => {
    const { root, unmount } = await mounted("loyalty");
    unmount();
    expect(root.childElementCount).toBe(0);
  });
});
