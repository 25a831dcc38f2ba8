// The loyalty widgets' connector (InstantSearch's split): one store id and one shopper's token bound
// to the shared slice. No DOM, no Preact: a React or Vue storefront can drive its own view with it.
import type { PlauditStore, Redemption, StoreConfig } from "@plaudit/core";
import {
  emptyEntry,
  type LoyaltyActions,
  loyaltyActions,
  loyaltyEntry,
  type StoreLoyalty,
} from "./loyalty-slice.ts";

export interface LoyaltyController {
  /** The same object until something in this store's loyalty state changes. */
  getState(): StoreLoyalty;
  subscribe(listener: () => void): () => void;
  /** Loads the program and, with a token, the member (guest without). */
  start(): void;
  /** Loads only the member, unless it is loaded or loading already (the launcher's badge). */
  loadMember(): void;
  /** Loads what failed again. */
  retry(): void;
  redeem(rewardId: string): Promise<Redemption | undefined>;
  /** Leaves the code or error screen of the last redemption. */
  clearAttempt(): void;
  destroy(): void;
  readonly actions: LoyaltyActions;
}

export interface LoyaltyControllerOptions {
  store: PlauditStore;
  config: StoreConfig;
  /**
   * The signed customer token the store's server wrote into the page; absent for guests. A
   * function is asked again as the store changes: the controller follows it — a new token loads
   * that shopper, none shows the guest view (the widgets pass the page's shopper,
   * `() => store.customerToken()`, so `store.identifyShopper(null)` signs them all out).
   */
  customerToken?: string | (() => string | undefined);
  /** Load the member's status too (the program alone is enough for points-for). Default true. */
  member?: boolean;
}

export function createLoyaltyController(options: LoyaltyControllerOptions): LoyaltyController {
  const { store, customerToken, member = true } = options;
  const tokenNow = () => (typeof customerToken === "function" ? customerToken() : customerToken);
  let followed = tokenNow();
  const cfg: StoreConfig = { apiBase: options.config.apiBase, store: options.config.store };
  const actions = loyaltyActions(store);
  const empty = emptyEntry(cfg);
  const getState = () => loyaltyEntry(store, cfg) ?? empty;

  const listeners = new Set<() => void>();
  let shown = getState();
  const unsubscribe = store.subscribe(() => {
    if (member && typeof customerToken === "function" && tokenNow() !== followed) {
      followed = tokenNow();
      if (followed) loadMember();
      else actions.signOut(cfg);
    }
    const next = getState();
    if (next === shown) return;
    shown = next;
    for (const listener of [...listeners]) listener();
  });

  const loadMember = () => {
    if (!member) return;
    // Loaded or loading already for this token: nothing to ask. Another token is another shopper
    // (an SPA signed someone else in), whose figures must replace the last one's.
    const token = tokenNow();
    const known = getState().member;
    if ((known.status === "ready" || known.status === "loading") && known.token === token) return;
    void actions.loadMe(cfg, token);
  };

  return {
    getState,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      void actions.loadProgram(cfg);
      loadMember();
    },
    loadMember,
    retry() {
      void actions.loadProgram(cfg);
      const known = getState().member;
      if (member && known.status === "error") void actions.loadMe(cfg, known.token ?? tokenNow());
    },
    redeem: (rewardId) => actions.redeem(cfg, rewardId),
    clearAttempt: () => actions.clearAttempt(cfg),
    destroy() {
      unsubscribe();
      listeners.clear();
    },
    actions,
  };
}
