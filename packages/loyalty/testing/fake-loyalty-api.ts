// Test double of the loyalty routes of shared/API.md at the fetch boundary: real Request and
// Response objects, bodies shaped like the contract, a ledger that honours Idempotency-Key, and a
// record of every call. Only tests import this.
import {
  createEvents,
  createPlauditStore,
  type LoyaltyProgram,
  type PlauditStore,
  type Redemption,
} from "@plaudit/core";
import type { HistoryRow } from "../src/member-progress.ts";

export const API_BASE = "https://rewards.test";
export const STORE = "demo";
export const CFG = { apiBase: API_BASE, store: STORE };
export const TOKEN = "cust-1.1767225600.0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";

export const PROGRAM: LoyaltyProgram = {
  pointsName: "points",
  earning: [
    { action: "purchase", points: 1, label: "Per $1 spent" },
    { action: "signup", points: 100, label: "Create an account" },
    { action: "review", points: 50, label: "Write a review" },
    { action: "review_with_media", points: 25, label: "Add a photo to your review" },
    { action: "referral", points: 200, label: "Refer a friend" },
    { action: "birthday", points: 150, label: "Celebrate your birthday" },
  ],
  rewards: [
    { id: "five-off", name: "$5 off", cost: 500, kind: "amount_off", value: 5 },
    { id: "free-ship", name: "Free shipping", cost: 300, kind: "free_shipping", value: 0 },
    { id: "ten-pct", name: "10% off", cost: 2000, kind: "percent_off", value: 10 },
  ],
  tiers: [
    { id: "bronze", name: "Bronze", threshold: 0, perks: [] },
    { id: "silver", name: "Silver", threshold: 1000, perks: ["Free shipping on every order"] },
    { id: "gold", name: "Gold", threshold: 3000, perks: ["Early access"] },
  ],
};

export interface Call {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

export const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8" },
  });

export const apiError = (status: number, code: string): Response =>
  json({ error: { code, message: code.replace(/_/g, " ") } }, status);

export interface FakeLoyaltyOptions {
  balance?: number;
  earned?: number;
  history?: HistoryRow[];
  pendingPoints?: number;
  /** /me's `pending` entries (purchases inside the return window, held reviews). */
  pending?: { points: number; reason: string; availableAt: string | null; action?: string }[];
  /** The program's name for its points (default "points"), in /program and /me as the server sends it. */
  pointsName?: string;
  /** The points' name in other languages, in /program and /me as the server sends it. */
  pointsNames?: LoyaltyProgram["pointsNames"];
  /** The program's tiers (default PROGRAM's). */
  tiers?: LoyaltyProgram["tiers"];
  /** The program's ways to earn (default PROGRAM's, every action). */
  earning?: LoyaltyProgram["earning"];
  /** The program's rewards (default PROGRAM's). */
  rewards?: LoyaltyProgram["rewards"];
  /** Answer a route before the ledger does (failures, 401s); undefined lets the ledger answer. */
  intercept?: (
    call: Call,
    index: number,
    ledger: (call: Call) => Response,
  ) => Response | Promise<Response> | undefined;
}

export function fakeLoyaltyApi(options: FakeLoyaltyOptions = {}) {
  const calls: Call[] = [];
  let balance = options.balance ?? 650;
  let pendingPoints = options.pendingPoints;
  const history: HistoryRow[] = options.history ?? [
    {
      id: "h2",
      delta: 550,
      reason: "Purchase (order 1001)",
      action: "purchase",
      createdAt: "2026-03-02T10:00:00Z",
    },
    {
      id: "h1",
      delta: 100,
      reason: "Joined the program",
      action: "signup",
      createdAt: "2026-03-01T10:00:00Z",
    },
  ];
  const byKey = new Map<string, { body: string; redemption: Redemption }>();
  let codes = 0;

  const program: LoyaltyProgram = {
    ...PROGRAM,
    pointsName: options.pointsName ?? PROGRAM.pointsName,
    earning: options.earning ?? PROGRAM.earning,
    rewards: options.rewards ?? PROGRAM.rewards,
    tiers: options.tiers ?? PROGRAM.tiers,
    ...(options.pointsNames ? { pointsNames: options.pointsNames } : {}),
  };
  const me = () => ({
    customerId: "cust-1",
    balance,
    pointsName: program.pointsName,
    ...(options.pointsNames ? { pointsNames: options.pointsNames } : {}),
    tier: "bronze",
    nextTier: { name: "Silver", remaining: Math.max(0, 1000 - (options.earned ?? 650)) },
    referral: { code: "FRIEND-CUST1", url: "https://shop.test/?ref=FRIEND-CUST1" },
    history: [...history],
    ...(pendingPoints === undefined ? {} : { pendingPoints }),
    ...(options.pending === undefined ? {} : { pending: options.pending }),
  });

  function answer(call: Call): Response {
    const path = call.url.pathname.replace(`/v1/stores/${STORE}/`, "");
    if (call.method === "GET" && path === "loyalty/program") return json(program);
    if (path === "loyalty/me" || path === "loyalty/redemptions") {
      if (call.headers.get("x-plaudit-customer") !== TOKEN) return apiError(401, "invalid_customer_token");
    }
    if (call.method === "GET" && path === "loyalty/me") return json(me());
    if (call.method === "POST" && path === "loyalty/redemptions") {
      const key = call.headers.get("idempotency-key");
      if (!key) return apiError(400, "bad_request");
      const seen = byKey.get(key);
      if (seen)
        return seen.body === call.body ? json(seen.redemption, 201) : apiError(409, "idempotency_conflict");
      const { rewardId } = JSON.parse(call.body) as { rewardId: string };
      const reward = PROGRAM.rewards.find((r) => r.id === rewardId);
      if (!reward) return apiError(404, "reward_not_found");
      if (balance < reward.cost) return apiError(422, "insufficient_points");
      balance -= reward.cost;
      codes += 1;
      history.unshift({
        id: `redemption-${codes}`,
        delta: -reward.cost,
        reason: `Redeemed: ${reward.name}`,
        action: "redemption",
        createdAt: "2026-03-05T10:00:00Z",
      });
      const redemption: Redemption = {
        id: `red-${codes}`,
        rewardId,
        code: `PLAUDIT-${codes}XYZ`,
        pointsSpent: reward.cost,
        balance,
      };
      byKey.set(key, { body: call.body, redemption });
      return json(redemption, 201);
    }
    return apiError(404, "not_found");
  }

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const call: Call = {
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: request.body ? await request.text() : "",
    };
    calls.push(call);
    return (await options.intercept?.(call, calls.length - 1, answer)) ?? answer(call);
  };

  return {
    fetch: fetch as typeof globalThis.fetch,
    calls,
    /** What the server does when a review earns points (published) or holds them (pending). */
    earn(delta: number, reason = "review") {
      balance += delta;
      history.unshift({
        id: `earn-${history.length}`,
        delta,
        reason: `Earned: ${reason}`,
        action: reason,
        createdAt: "2026-03-06T10:00:00Z",
      });
    },
    setPending(points: number) {
      pendingPoints = points;
    },
    get balance() {
      return balance;
    },
  };
}

export type FakeLoyaltyApi = ReturnType<typeof fakeLoyaltyApi>;

export function testStore(api: FakeLoyaltyApi): PlauditStore {
  return createPlauditStore({
    client: { fetch: api.fetch, retries: 0 },
    events: createEvents(),
    storage: () => undefined,
  });
}

export const callsTo = (api: FakeLoyaltyApi, route: string, method = "GET") =>
  api.calls.filter((call) => call.method === method && call.url.pathname.endsWith(route));

/** Lets pending promises and store updates settle. */
export const settle = async (rounds = 5): Promise<void> => {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};
