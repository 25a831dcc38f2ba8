// The loyalty slice of the page's shared store, and the actions that change it. Framework-free:
// the launcher, the panel, the inline widgets and any React/Vue storefront read the same state.
// It joins the reviews widgets through the page-wide bus only (`review:submitted`), never by import.
import {
  ensureSlice,
  type Loadable,
  type LoyaltyMe,
  type LoyaltyProgram,
  newIdempotencyKey,
  type PlauditError,
  type PlauditEventMap,
  type PlauditStore,
  type Redemption,
  type StoreConfig,
} from "@plaudit/core";
import { reviewPointsFor } from "./points.ts";

/** /me as the server answers it: the contract's LoyaltyMe (additive fields optional). */
export type MemberStatus = LoyaltyMe;

export type GuestReason = "no_token" | "expired" | "invalid";

export interface MemberState {
  /** `guest` when there is no customer token or the server refused it: show the guest view. */
  status: "idle" | "loading" | "ready" | "guest" | "error";
  guestReason?: GuestReason;
  token?: string;
  data?: MemberStatus;
  error?: PlauditError;
  /**
   * Points earned but not spendable yet (held reviews, purchases inside the return window): the
   * server's figure when it sends one, plus this page's estimate for a review just held.
   */
  pendingPoints: number;
}

/** One redemption attempt: its key is reused when the shopper retries it after a failure. */
export interface RedemptionAttempt {
  rewardId: string;
  idempotencyKey: string;
  status: "sending" | "done" | "error";
  redemption?: Redemption;
  error?: PlauditError;
}

export interface StoreLoyalty {
  cfg: StoreConfig;
  program: Loadable<LoyaltyProgram>;
  member: MemberState;
  attempt?: RedemptionAttempt;
}

/** `store.getState().loyalty`: one entry per store id on the page. */
export interface LoyaltyState {
  stores: Record<string, StoreLoyalty>;
}

export interface LoyaltyActions {
  /** Loads the program once (what it offers); never rejects. */
  loadProgram(cfg: StoreConfig): Promise<void>;
  /** Loads the member's status; no token, or one the server refuses, makes a guest. Never rejects. */
  loadMe(cfg: StoreConfig, token: string | undefined): Promise<void>;
  /**
   * Redeems a reward for the signed-in member. A new attempt gets a new Idempotency-Key; calling
   * again after a failure that may not have reached the server (network, timeout, 5xx, 429) for the
   * same reward retries that attempt with the same key, so the server never charges twice.
   * Answers the redemption, or undefined (the error is in `attempt`). Never rejects.
   */
  redeem(cfg: StoreConfig, rewardId: string): Promise<Redemption | undefined>;
  /** Forgets the current attempt (the shopper closed the code or cancelled the retry). */
  clearAttempt(cfg: StoreConfig): void;
  /**
   * The shopper signed out: the guest view from now on — no balance, history, pending points or
   * redemption code of theirs stays, and answers still on their way for them are dropped.
   */
  signOut(cfg: StoreConfig): void;
}

export const SLICE = "loyalty";

/** A store's loyalty state before anything was asked. */
export const emptyEntry = (cfg: StoreConfig): StoreLoyalty => ({
  cfg,
  program: { status: "idle" },
  member: { status: "idle", pendingPoints: 0 },
});

export function loyaltyState(store: PlauditStore): LoyaltyState {
  return (store.getState()[SLICE] as LoyaltyState | undefined) ?? { stores: {} };
}

export function loyaltyEntry(store: PlauditStore, cfg: StoreConfig): StoreLoyalty | undefined {
  return loyaltyState(store).stores[cfg.store];
}

/** Failures after which the server may or may not have done the work: retry with the same key. */
export function mayRetrySameAttempt(error: PlauditError | undefined): boolean {
  if (!error) return false;
  if (error.kind === "network" || error.kind === "timeout" || error.kind === "invalid_response") return true;
  const status = error.status ?? 0;
  return status === 408 || status === 429 || status >= 500;
}

const guestReason = (error: PlauditError): GuestReason | undefined => {
  if (error.status !== 401) return undefined;
  return error.code === "expired_customer_token" ? "expired" : "invalid";
};

// One set of actions per store object and copy of this package (the bus listener is added once).
const actionsByStore = new WeakMap<PlauditStore, LoyaltyActions>();

export function loyaltyActions(store: PlauditStore): LoyaltyActions {
  let actions = actionsByStore.get(store);
  if (!actions) {
    actions = createActions(store);
    actionsByStore.set(store, actions);
  }
  return actions;
}

function createActions(store: PlauditStore): LoyaltyActions {
  ensureSlice<LoyaltyState>(store, SLICE, { stores: {} });
  const programRequests = new Map<string, Promise<void>>();
  const meRequests = new Map<string, number>();
  const sending = new Map<string, Promise<Redemption | undefined>>();
  // The balance the bus last heard about, per store: loyalty:updated fires on change only.
  const announcedBalance = new Map<string, number>();

  const entry = (cfg: StoreConfig) => loyaltyEntry(store, cfg) ?? emptyEntry(cfg);
  const patch = (cfg: StoreConfig, change: (current: StoreLoyalty) => Partial<StoreLoyalty>) => {
    const current = entry(cfg);
    const next = { ...current, ...change(current), cfg: current.cfg ?? cfg };
    const state = loyaltyState(store);
    store.setState({ [SLICE]: { ...state, stores: { ...state.stores, [cfg.store]: next } } });
  };
  const patchMember = (cfg: StoreConfig, change: Partial<MemberState>) =>
    patch(cfg, (current) => ({ member: { ...current.member, ...change } }));

  const announceBalance = (cfg: StoreConfig, balance: number) => {
    if (announcedBalance.get(cfg.store) === balance) return;
    announcedBalance.set(cfg.store, balance);
    store.events.emit("loyalty:updated", { store: cfg.store, balance });
  };

  const actions: LoyaltyActions = {
    loadProgram(cfg) {
      const running = programRequests.get(cfg.store);
      if (running) return running;
      const current = entry(cfg).program;
      if (current.status === "ready") return Promise.resolve();
      patch(cfg, (e) => ({ program: { ...e.program, status: "loading" } }));
      const request = store
        .client(cfg)
        .loyaltyProgram()
        .then(
          (data) => patch(cfg, () => ({ program: { status: "ready", data } })),
          (error: PlauditError) => patch(cfg, (e) => ({ program: { ...e.program, status: "error", error } })),
        )
        .finally(() => programRequests.delete(cfg.store));
      programRequests.set(cfg.store, request);
      return request;
    },

    async loadMe(cfg, token) {
      if (!token) {
        actions.signOut(cfg);
        return;
      }
      // A newer call wins over an older one's late answer.
      const ticket = (meRequests.get(cfg.store) ?? 0) + 1;
      meRequests.set(cfg.store, ticket);
      const shown = entry(cfg).member;
      // Figures already shown stay while they refresh (no flash back to a spinner); another
      // shopper's figures, estimate and last code go at once (an SPA signed someone else in).
      if (shown.token && shown.token !== token)
        patch(cfg, () => ({ member: { status: "loading", token, pendingPoints: 0 }, attempt: undefined }));
      else patchMember(cfg, { status: shown.data ? "ready" : "loading", token });
      try {
        const data = await store.client(cfg).loyaltyMe(token);
        if (meRequests.get(cfg.store) !== ticket) return;
        const pendingPoints =
          typeof data.pendingPoints === "number" ? data.pendingPoints : entry(cfg).member.pendingPoints;
        patchMember(cfg, { status: "ready", data, error: undefined, guestReason: undefined, pendingPoints });
        announceBalance(cfg, data.balance);
      } catch (caught) {
        if (meRequests.get(cfg.store) !== ticket) return;
        const error = caught as PlauditError;
        const reason = guestReason(error);
        if (reason) patchMember(cfg, { status: "guest", guestReason: reason, data: undefined, error });
        else patchMember(cfg, { status: entry(cfg).member.data ? "ready" : "error", error });
      }
    },

    redeem(cfg, rewardId) {
      const running = sending.get(cfg.store);
      if (running) return running;
      const { member, attempt: previous } = entry(cfg);
      const token = member.token;
      if (member.status !== "ready" || !token) return Promise.resolve(undefined);
      const retrying =
        previous?.rewardId === rewardId && previous.status === "error" && mayRetrySameAttempt(previous.error);
      const idempotencyKey = retrying ? previous.idempotencyKey : newIdempotencyKey();
      patch(cfg, () => ({ attempt: { rewardId, idempotencyKey, status: "sending" } }));
      const reward = entry(cfg).program.data?.rewards.find((r) => r.id === rewardId);

      const request = store
        .client(cfg)
        // The cost the shopper was shown: a reward repriced since is refused, never charged.
        .redeem(token, rewardId, idempotencyKey, reward?.cost)
        .then(
          (redemption) => {
            // Signed out (or another shopper signed in) meanwhile: their code is not shown to
            // whoever is at the screen now; it stays in the redeemer's history.
            if (entry(cfg).member.token !== token) return redemption;
            patch(cfg, (e) => ({
              attempt: { rewardId, idempotencyKey, status: "done", redemption },
              member: e.member.data
                ? { ...e.member, data: { ...e.member.data, balance: redemption.balance } }
                : e.member,
            }));
            store.events.emit("loyalty:redeemed", {
              store: cfg.store,
              redemption,
              rewardName: reward?.name ?? rewardId,
            });
            announceBalance(cfg, redemption.balance);
            // The history gains the redemption row.
            void actions.loadMe(cfg, token);
            return redemption;
          },
          (caught: PlauditError) => {
            if (entry(cfg).member.token !== token) return undefined;
            patch(cfg, (e) => ({
              attempt: { rewardId, idempotencyKey, status: "error", error: caught },
              // Repriced or removed meanwhile: the program is read again (the panel shows it anew).
              ...(caught.code?.startsWith("reward_") && { program: { ...e.program, status: "idle" } }),
            }));
            void actions.loadProgram(cfg);
            const reason = guestReason(caught);
            if (reason) patchMember(cfg, { status: "guest", guestReason: reason, data: undefined });
            return undefined;
          },
        )
        .finally(() => sending.delete(cfg.store));
      sending.set(cfg.store, request);
      return request;
    },

    clearAttempt(cfg) {
      if (entry(cfg).attempt?.status === "sending") return;
      patch(cfg, () => ({ attempt: undefined }));
    },

    signOut(cfg) {
      // A newer ticket: a /me still on its way for the last shopper lands nowhere.
      meRequests.set(cfg.store, (meRequests.get(cfg.store) ?? 0) + 1);
      announcedBalance.delete(cfg.store);
      const { member, attempt } = entry(cfg);
      if (member.status === "guest" && member.guestReason === "no_token" && !member.token && !attempt) return;
      patch(cfg, () => ({
        member: { status: "guest", guestReason: "no_token", pendingPoints: 0 },
        attempt: undefined,
      }));
    },
  };

  // A review written on this page (by the reviews widget, or any code using the store) earns
  // points: refresh the member without a reload. A held review shows its points as pending.
  store.events.on("review:submitted", (detail: PlauditEventMap["review:submitted"]) => {
    const current = loyaltyState(store).stores[detail.store];
    if (!current || !detail.customerToken) return;
    // A review sent for a shopper who has signed out since refreshes nothing.
    if (
      detail.customerToken !== store.getState().shopper.customerToken &&
      detail.customerToken !== current.member.token
    )
      return;
    if (detail.status === "pending") {
      const program = current.program.data;
      // Review points are for verified buyers (the program's default); /me, asked next, is exact.
      const estimate =
        program && detail.review.verified ? reviewPointsFor(program, detail.review.media.length > 0) : 0;
      patchMember(current.cfg, { pendingPoints: current.member.pendingPoints + estimate });
    }
    void actions.loadMe(current.cfg, detail.customerToken);
  });

  return actions;
}
