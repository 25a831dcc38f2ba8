// A script-tag shop's own TypeScript (a theme's bundle talking to window.Plaudit), typed as
// docs/embed.md shows: `window.Plaudit` declared from @plaudit/embed's types, nothing else
// imported. The packaging test checks it against the shipped .d.ts beside public-api.ts.
import type { PlauditApi, QueuedCall } from "@plaudit/embed";

declare global {
  interface Window {
    /** The queue before plaudit.js arrives, its API after (docs/embed.md, `window.Plaudit`). */
    Plaudit?: PlauditApi | QueuedCall[];
  }
}

/** A theme's cart and header: apply a redeemed reward's code, show the balance. */
export function followLoyalty(
  win: Window,
  cart: { applyCode(code: string): void; showPoints(balance: number): void },
): void {
  // The queue stub of docs/embed.md: the calls wait for plaudit.js, or run at once once it is here.
  win.Plaudit = win.Plaudit || [];
  win.Plaudit.push((plaudit) => {
    plaudit.on("loyalty:redeemed", (event) => cart.applyCode(event.redemption.code));
    const off = plaudit.on("loyalty:updated", (event) => cart.showPoints(event.balance));
    // @ts-expect-error an event's detail is typed: a balance is a number
    plaudit.on("loyalty:updated", (event) => cart.applyCode(event.balance));
    win.addEventListener("pagehide", off, { once: true });
  });
}

/** Mounts a host the theme made now, once plaudit.js is there. */
export function mountNow(win: Window, host: HTMLElement): void {
  const plaudit = win.Plaudit;
  if (plaudit && !Array.isArray(plaudit)) {
    void plaudit.mount(host, { kind: "stars", productId: "tee-classic" }).then(() => plaudit.version);
    // @ts-expect-error Plaudit.identify takes a token or null, not a shopper object
    plaudit.identify({ id: "c-1" });
  }
}
