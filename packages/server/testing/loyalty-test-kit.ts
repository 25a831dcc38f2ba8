import type { AppDeps } from "../src/context.ts";
import { signCustomerToken } from "../src/customer-token.ts";
import { getJson, makeStore, postJson, testClock } from "./fixtures.ts";
import { SAMPLE_LOYALTY_PROGRAM } from "./sample-data.ts";
import { type DatabaseUnderTest, startTestServer, type TestServer } from "./test-server.ts";

// Helpers the loyalty suites share: a real HTTP server over a fresh database, one store with the
// sample program (testing/sample-data.ts), and the calls a widget and a merchant's server make.

// biome-ignore lint/suspicious/noExplicitAny: response bodies are arbitrary JSON the assertions check
type Json = any;

/**
 * The sample program with points spendable at once and referrals of any size: for suites about the
 * earning arithmetic and the ledger. The return window and the referral minimum have their own
 * suite (abuse.test.ts).
 */
export const PROGRAM_AT_ONCE = {
  ...SAMPLE_LOYALTY_PROGRAM,
  settings: { ...SAMPLE_LOYALTY_PROGRAM.settings, returnWindowDays: 0, referralMinimumOrderTotal: 0 },
};

export interface LoyaltyKit {
  server: TestServer;
  storeId: string;
  secretKey: string;
  /** The id of `secretKey` (what audit rows name as the actor). */
  keyId: string;
  time: ReturnType<typeof testClock>;
  token(customerId: string, at?: Date): string;
  admin(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; json: Json; text: string; headers: Headers }>;
  order(
    orderId: string,
    customerId: string,
    total: number,
    extra?: Record<string, unknown>,
  ): Promise<{ status: number; json: Json }>;
  me(customerId: string): Promise<Json>;
  redeem(
    customerId: string,
    rewardId: string,
    key: string,
  ): Promise<{ status: number; json: Json; text: string }>;
  adjust(customerId: string, delta: number, key?: string): Promise<{ status: number; json: Json }>;
  balance(customerId: string): Promise<number>;
  close(): Promise<void>;
}

export async function startLoyaltyKit(
  kind: DatabaseUnderTest,
  program: object = SAMPLE_LOYALTY_PROGRAM,
  store: { moderation?: "publish" | "hold"; tokenLifetimeSeconds?: number } = {},
  // The tests' merchant endpoints listen on loopback.
  serverOptions: Pick<AppDeps, "allowPrivateWebhooks" | "logger"> = { allowPrivateWebhooks: true },
): Promise<LoyaltyKit> {
  const time = testClock();
  const server = await startTestServer({ db: kind, clock: time.clock, ...serverOptions });
  const { storeId, secretKey, signingSecret, keyId } = await makeStore(server.db, store);
  const auth = { authorization: `Bearer ${secretKey}` };
  const admin: LoyaltyKit["admin"] = async (method, path, body, headers = {}) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { ...auth, ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : null, text, headers: response.headers };
  };
  const put = await admin("PUT", "/v1/admin/loyalty/program", program);
  if (put.status !== 200) throw new Error(`program rejected: ${put.text}`);
  let keys = 0;
  const kit: LoyaltyKit = {
    server,
    storeId,
    secretKey,
    keyId,
    time,
    token: (customerId, at = time.clock()) => signCustomerToken(signingSecret, customerId, at),
    admin,
    order: (orderId, customerId, total, extra = {}) =>
      postJson(
        `${server.url}/v1/admin/orders`,
        {
          orderId,
          customerId,
          total,
          currency: "EUR",
          items: [{ productId: "tee", quantity: 1, price: total }],
          ...extra,
        },
        auth,
      ),
    async me(customerId) {
      const res = await getJson(`${server.url}/v1/stores/${storeId}/loyalty/me`, {
        "x-plaudit-customer": kit.token(customerId),
      });
      if (res.status !== 200) throw new Error(`/me answered ${res.status}: ${res.text}`);
      return res.json;
    },
    async redeem(customerId, rewardId, key) {
      const response = await fetch(`${server.url}/v1/stores/${storeId}/loyalty/redemptions`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-plaudit-customer": kit.token(customerId),
          "idempotency-key": key,
        },
        body: JSON.stringify({ rewardId }),
      });
      const text = await response.text();
      return { status: response.status, json: text ? JSON.parse(text) : null, text };
    },
    adjust: (customerId, delta, key = `adj-${++keys}-${Math.random()}`) =>
      admin(
        "POST",
        "/v1/admin/loyalty/adjustments",
        { customerId, delta, reason: "test" },
        { "idempotency-key": key },
      ),
    async balance(customerId) {
      const row = await server.db.kysely
        .selectFrom("loyalty_balances")
        .select("balance")
        .where("store_id", "=", storeId)
        .where("customer_id", "=", customerId)
        .executeTakeFirst();
      return Number(row?.balance ?? 0);
    },
    close: () => server.close(),
  };
  return kit;
}

/** Sum of the customer's ledger rows, straight from the table. */
export async function ledgerSum(kit: LoyaltyKit, customerId: string): Promise<number> {
  const row = await kit.server.db.kysely
    .selectFrom("loyalty_ledger")
    .select((eb) => eb.fn.sum<number | string | null>("delta").as("total"))
    .where("store_id", "=", kit.storeId)
    .where("customer_id", "=", customerId)
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}
