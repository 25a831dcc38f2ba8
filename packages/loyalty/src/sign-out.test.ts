// The storefront signs the shopper out (store.identifyShopper(null), Plaudit.identify(null)) while
// an answer for them is still on its way: it must land nowhere — neither their balance nor their
// redemption code shows to whoever is at the screen next. The browser flows are in
// e2e/loyalty-sign-out.test.ts.
import { describe, expect, it } from "vitest";
import { CFG, callsTo, fakeLoyaltyApi, settle, TOKEN, testStore } from "../testing/fake-loyalty-api.ts";
import { createLoyaltyController } from "./loyalty-controller.ts";

function held() {
  const gates: (() => void)[] = [];
  const api = fakeLoyaltyApi({
    intercept: (call, _i, ledger) =>
      call.url.pathname.endsWith("/me") || call.url.pathname.endsWith("/redemptions")
        ? new Promise((release) => gates.push(() => release(ledger(call))))
        : undefined,
  });
  const store = testStore(api);
  const heard: unknown[] = [];
  store.events.on("loyalty:redeemed", (d) => heard.push(d));
  store.identifyShopper(TOKEN);
  const controller = createLoyaltyController({
    store,
    config: CFG,
    customerToken: () => store.customerToken(),
  });
  const open = async () => {
    while (gates.length) gates.shift()!();
    await settle();
  };
  return { api, store, controller, open, heard };
}

describe("signing out with answers on their way", () => {
  it("drops a /me that answers after the sign-out", async () => {
    const { api, store, controller, open } = held();
    controller.start();
    await settle();
    expect(callsTo(api, "/loyalty/me")).toHaveLength(1);
    store.identifyShopper(null);
    await open();
    expect(controller.getState().member).toEqual({
      status: "guest",
      guestReason: "no_token",
      pendingPoints: 0,
    });
  });

  it("never shows the last shopper's code, nor announces it, when the redemption answers after the sign-out", async () => {
    const { store, controller, open, heard } = held();
    controller.start();
    await open();
    expect(controller.getState().member.data?.balance).toBe(650);
    const redeemed = controller.redeem("free-ship");
    await settle();
    store.identifyShopper(null);
    await open();
    expect((await redeemed)?.code).toBeTruthy();
    expect(controller.getState().attempt).toBeUndefined();
    expect(controller.getState().member.status).toBe("guest");
    expect(controller.getState().member.data).toBeUndefined();
    expect(heard).toEqual([]);
  });

  it("forgets the last shopper's code, pending estimate and figures at once, and loads the next shopper's", async () => {
    const { api, store, controller, open } = held();
    controller.start();
    await open();
    const redeemed = controller.redeem("free-ship");
    await settle();
    await open();
    await redeemed;
    expect(controller.getState().attempt?.status).toBe("done");
    store.identifyShopper(null);
    expect(controller.getState().attempt).toBeUndefined();
    expect(controller.getState().member.data).toBeUndefined();
    store.identifyShopper("cust-2.1767225600.ff");
    await open();
    expect(callsTo(api, "/loyalty/me").at(-1)?.headers.get("x-plaudit-customer")).toBe(
      "cust-2.1767225600.ff",
    );
    // The fake server knows only the first shopper: the next one's answer is its own (a 401 here),
    // never the first one's figures.
    expect(controller.getState().member).toMatchObject({ status: "guest", guestReason: "invalid" });
    expect(controller.getState().member.data).toBeUndefined();
  });
});
