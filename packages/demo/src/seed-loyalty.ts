import {
  type Database,
  ensureBalanceRow,
  insertOrder,
  loadProgram,
  postEntry,
  type StoredProgram,
  saveProgram,
  transaction,
} from "@plaudit/server/internals";
import { DEMO_PRODUCTS } from "./seed-texts.ts";

// The demo store's loyalty program and a few customers with history. Idempotent: an existing
// program is kept, and every seeded ledger row has a fixed reference (the ledger's unique key
// turns a second run into no-ops), so balances stay equal to their ledger sums.
// The server's suites keep their own copy of this program (SAMPLE_LOYALTY_PROGRAM in
// packages/server/testing/sample-data.ts, which says why): change this one freely, they do not
// follow it.

export const DEMO_LOYALTY_PROGRAM: StoredProgram = {
  pointsName: "points",
  earning: [
    { action: "purchase", points: 1, label: "1 point for every $1 you spend" },
    { action: "signup", points: 100, label: "Join the program" },
    { action: "review", points: 50, label: "Write a review" },
    { action: "review_with_media", points: 50, label: "Add a photo or video to your review" },
    {
      action: "referral",
      points: 250,
      label: "Refer a friend: you both get 250 points on their first order",
    },
    { action: "birthday", points: 200, label: "A birthday treat every year" },
  ],
  rewards: [
    { id: "five-off", name: "$5 off your order", cost: 500, kind: "amount_off", value: 5 },
    { id: "ten-percent", name: "10% off your order", cost: 800, kind: "percent_off", value: 10 },
    { id: "free-shipping", name: "Free shipping", cost: 300, kind: "free_shipping", value: 0 },
    {
      id: "free-socks",
      name: "Free merino socks",
      cost: 1200,
      kind: "free_product",
      value: 18,
      productId: "socks-merino",
    },
    { id: "fifteen-off", name: "$15 off your order", cost: 1400, kind: "amount_off", value: 15 },
  ],
  tiers: [
    { id: "bronze", name: "Bronze", threshold: 0, perks: ["Earn points on every order"] },
    {
      id: "silver",
      name: "Silver",
      threshold: 1000,
      perks: ["Free shipping on every order", "Early access to sales"],
    },
    {
      id: "gold",
      name: "Gold",
      threshold: 2500,
      perks: [
        "Free shipping on every order",
        "Early access to sales",
        "Double points in your birthday month",
      ],
    },
  ],
  settings: {
    expiryDays: 365,
    tierMode: "points",
    tierWindowDays: 365,
    referralUrlTemplate: "http://localhost:8787/demo/?ref={code}",
    codeWebhookUrl: null,
    codeWebhookTimeoutMs: 5000,
    returnWindowDays: 30,
    reviewPointsNeedPurchase: true,
    reviewPointsPerDay: 3,
    referralMinimumOrderTotal: 20,
  },
};

type SeedRow = {
  action: "signup" | "purchase" | "review" | "review_with_media" | "referral" | "adjustment";
  delta: number;
  reference: string;
  reason: string;
  daysAgo: number;
};

/** demo-shopper can redeem at once; demo-vip is Gold; demo-newbie has only joined. */
const DEMO_CUSTOMERS: { customerId: string; birthday: string | null; rows: SeedRow[] }[] = [
  {
    customerId: "demo-shopper",
    birthday: "06-15",
    rows: [
      { action: "signup", delta: 100, reference: "signup", reason: "Joined the program", daysAgo: 60 },
      {
        action: "purchase",
        delta: 89,
        reference: "demo-1001",
        reason: "Purchase (order demo-1001)",
        daysAgo: 58,
      },
      { action: "review", delta: 50, reference: "tee-classic", reason: "Review of tee-classic", daysAgo: 50 },
      {
        action: "purchase",
        delta: 149,
        reference: "demo-1002",
        reason: "Purchase (order demo-1002)",
        daysAgo: 30,
      },
      {
        action: "referral",
        delta: 250,
        reference: "referred:demo-friend",
        reason: "A friend you referred placed their first order",
        daysAgo: 20,
      },
      {
        action: "purchase",
        delta: 212,
        reference: "demo-1003",
        reason: "Purchase (order demo-1003)",
        daysAgo: 5,
      },
    ],
  },
  {
    customerId: "demo-vip",
    birthday: null,
    rows: [
      { action: "signup", delta: 100, reference: "signup", reason: "Joined the program", daysAgo: 300 },
      {
        action: "purchase",
        delta: 1450,
        reference: "demo-2001",
        reason: "Purchase (order demo-2001)",
        daysAgo: 200,
      },
      {
        action: "purchase",
        delta: 1280,
        reference: "demo-2002",
        reason: "Purchase (order demo-2002)",
        daysAgo: 40,
      },
      {
        action: "review_with_media",
        delta: 50,
        reference: "mug-enamel",
        reason: "Photo or video in your review of mug-enamel",
        daysAgo: 35,
      },
      { action: "review", delta: 50, reference: "mug-enamel", reason: "Review of mug-enamel", daysAgo: 35 },
    ],
  },
  {
    customerId: "demo-newbie",
    birthday: null,
    rows: [{ action: "signup", delta: 100, reference: "signup", reason: "Joined the program", daysAgo: 1 }],
  },
];

/**
 * The demo shoppers' orders, behind their purchase rows: review points are for verified buyers
 * (settings.reviewPointsNeedPurchase), so between them the orders hold every demo product and a
 * demo shopper's review of any product page earns points. demo-newbie's is a free sample box (no
 * purchase points). Their purchase rows were seeded spendable, return window or not.
 */
const DEMO_ORDERS: { orderId: string; customerId: string; total: number; daysAgo: number }[] = [
  { orderId: "demo-1001", customerId: "demo-shopper", total: 89, daysAgo: 58 },
  { orderId: "demo-1002", customerId: "demo-shopper", total: 149, daysAgo: 30 },
  { orderId: "demo-1003", customerId: "demo-shopper", total: 212, daysAgo: 5 },
  { orderId: "demo-2001", customerId: "demo-vip", total: 1450, daysAgo: 200 },
  { orderId: "demo-2002", customerId: "demo-vip", total: 1280, daysAgo: 40 },
  { orderId: "demo-3001", customerId: "demo-newbie", total: 0, daysAgo: 35 },
];

async function seedDemoOrders(db: Database, storeId: string, now: Date): Promise<void> {
  await transaction(db, async (tx) => {
    for (const order of DEMO_ORDERS) {
      const mine = DEMO_ORDERS.filter((o) => o.customerId === order.customerId);
      const index = mine.indexOf(order);
      // The customer's orders share out the products: together they hold every one.
      const products = DEMO_PRODUCTS.filter((_, i) => i % mine.length === index);
      const price = Math.round((order.total / products.length) * 100) / 100;
      await insertOrder(tx, {
        storeId,
        orderId: order.orderId,
        customerId: order.customerId,
        email: null,
        total: order.total,
        currency: "USD",
        referralCode: null,
        createdAt: new Date(now.getTime() - order.daysAgo * 86_400_000).toISOString(),
        fulfilledAt: null,
        items: products.map((p) => ({ productId: p.id, quantity: 1, price })),
      });
    }
  });
}

export async function seedDemoLoyalty(db: Database, storeId: string, now: Date): Promise<void> {
  if (!(await loadProgram(db, storeId))) await saveProgram(db, storeId, DEMO_LOYALTY_PROGRAM, now);
  await seedDemoOrders(db, storeId, now);
  for (const customer of DEMO_CUSTOMERS) {
    await transaction(db, async (tx) => {
      const first = customer.rows[0]?.daysAgo ?? 0;
      await ensureBalanceRow(
        tx,
        storeId,
        customer.customerId,
        new Date(now.getTime() - first * 86_400_000).toISOString(),
      );
      await tx
        .updateTable("loyalty_balances")
        .set((eb) => ({
          joined_at: eb.fn.coalesce(
            "joined_at",
            eb.val(new Date(now.getTime() - first * 86_400_000).toISOString()),
          ),
          birthday: customer.birthday,
        }))
        .where("store_id", "=", storeId)
        .where("customer_id", "=", customer.customerId)
        .execute();
      for (const row of customer.rows) {
        await postEntry(tx, {
          storeId,
          customerId: customer.customerId,
          delta: row.delta,
          action: row.action,
          reference: row.reference,
          reason: row.reason,
          at: new Date(now.getTime() - row.daysAgo * 86_400_000).toISOString(),
        });
      }
    });
  }
}
