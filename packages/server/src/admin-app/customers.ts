import { type SqlBool, sql } from "kysely";
import type { AppContext } from "../context.ts";
import type { Database } from "../db/database.ts";
import { ledgerHistory } from "../loyalty/ledger.ts";
import { memberView } from "../loyalty/member.ts";
import { loadProgram } from "../loyalty/program.ts";
import { likeContains } from "../reviews/review-list.ts";

// Customer support: find a shopper by their id or an address they used (orders, reviews), then
// see everything the loyalty program knows about them. Addresses stay on the admin side: this is
// the merchant's own customer data, behind the customers:read scope.

const FOUND_MAX = 20;
const LEDGER_SHOWN = 200;

export interface CustomerMatch {
  customerId: string;
  emails: string[];
  balance: number | null;
}

async function emailsOf(
  db: Database,
  storeId: string,
  customerIds: string[],
): Promise<Map<string, string[]>> {
  const found = new Map<string, Set<string>>();
  if (customerIds.length === 0) return new Map();
  const orders = await db.kysely
    .selectFrom("orders")
    .select(["customer_id", "email"])
    .where("store_id", "=", storeId)
    .where("customer_id", "in", customerIds)
    .where("email", "is not", null)
    .execute();
  const reviews = await db.kysely
    .selectFrom("reviews")
    .select(["customer_id", "author_email as email"])
    .where("store_id", "=", storeId)
    .where("customer_id", "in", customerIds)
    .execute();
  for (const row of [...orders, ...reviews]) {
    if (!row.customer_id || !row.email) continue;
    const set = found.get(row.customer_id) ?? new Set<string>();
    set.add(row.email.toLowerCase());
    found.set(row.customer_id, set);
  }
  return new Map([...found].map(([id, set]) => [id, [...set].sort()]));
}

/** Customers whose id starts with `q`, or who used the address `q` (case-insensitive, exact). */
export async function findCustomers(db: Database, storeId: string, q: string): Promise<CustomerMatch[]> {
  const term = q.trim();
  const ids = new Set<string>();
  if (term.includes("@")) {
    const email = term.toLowerCase();
    const orders = await db.kysely
      .selectFrom("orders")
      .select("customer_id")
      .distinct()
      .where("store_id", "=", storeId)
      .where((eb) => eb(eb.fn("lower", ["email"]), "=", email))
      .limit(FOUND_MAX)
      .execute();
    const reviews = await db.kysely
      .selectFrom("reviews")
      .select("customer_id")
      .distinct()
      .where("store_id", "=", storeId)
      .where("customer_id", "is not", null)
      .where((eb) => eb(eb.fn("lower", ["author_email"]), "=", email))
      .limit(FOUND_MAX)
      .execute();
    for (const row of [...orders, ...reviews]) if (row.customer_id) ids.add(row.customer_id);
  } else {
    // A prefix match: `%`, `_` and `\` in the term match themselves.
    const pattern = likeContains(term).slice(1);
    const [balances, orders] = await Promise.all([
      db.kysely
        .selectFrom("loyalty_balances")
        .select("customer_id")
        .where("store_id", "=", storeId)
        .where((eb) =>
          eb.or([eb("customer_id", "=", term), sql<SqlBool>`lower(customer_id) like ${pattern} escape '\\'`]),
        )
        .orderBy("customer_id")
        .limit(FOUND_MAX)
        .execute(),
      db.kysely
        .selectFrom("orders")
        .select("customer_id")
        .distinct()
        .where("store_id", "=", storeId)
        .where("customer_id", "=", term)
        .execute(),
    ]);
    for (const row of [...balances, ...orders]) ids.add(row.customer_id);
  }
  const list = [...ids].sort().slice(0, FOUND_MAX);
  const emails = await emailsOf(db, storeId, list);
  const balances =
    list.length > 0
      ? await db.kysely
          .selectFrom("loyalty_balances")
          .select(["customer_id", "balance"])
          .where("store_id", "=", storeId)
          .where("customer_id", "in", list)
          .execute()
      : [];
  const balanceOf = new Map(balances.map((b) => [b.customer_id, Number(b.balance)]));
  return list.map((customerId) => ({
    customerId,
    emails: emails.get(customerId) ?? [],
    balance: balanceOf.get(customerId) ?? null,
  }));
}

/** A redemption keeps the reward as it was (JSON); support sees its name. */
function rewardName(stored: string): string {
  try {
    const reward = JSON.parse(stored) as { name?: unknown; id?: unknown };
    return typeof reward.name === "string" ? reward.name : String(reward.id ?? "");
  } catch {
    return stored;
  }
}

/** Everything support needs about one customer; undefined when the store has never seen them. */
export async function customerDetail(ctx: AppContext, storeId: string, customerId: string) {
  const db = ctx.db.kysely;
  const [balance, program, emails, redemptions, orders, ledger] = await Promise.all([
    db
      .selectFrom("loyalty_balances")
      .select(["balance", "lifetime_earned"])
      .where("store_id", "=", storeId)
      .where("customer_id", "=", customerId)
      .executeTakeFirst(),
    loadProgram(ctx.db, storeId),
    emailsOf(ctx.db, storeId, [customerId]),
    db
      .selectFrom("loyalty_redemptions")
      .select(["id", "reward", "points_spent", "status", "code", "created_at"])
      .where("store_id", "=", storeId)
      .where("customer_id", "=", customerId)
      .orderBy("created_at", "desc")
      .limit(50)
      .execute(),
    db
      .selectFrom("orders")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where("store_id", "=", storeId)
      .where("customer_id", "=", customerId)
      .executeTakeFirst(),
    ledgerHistory(db, { storeId, customerId }, LEDGER_SHOWN),
  ]);
  if (!balance && Number(orders?.n ?? 0) === 0 && (emails.get(customerId) ?? []).length === 0)
    return undefined;
  const member = balance && program ? await memberView(ctx, storeId, customerId, program) : undefined;
  return {
    customerId,
    emails: emails.get(customerId) ?? [],
    orders: Number(orders?.n ?? 0),
    pointsName: program?.pointsName ?? "points",
    balance: Number(balance?.balance ?? 0),
    lifetimeEarned: Number(balance?.lifetime_earned ?? 0),
    tier: member?.tier ?? null,
    nextTier: member?.nextTier ?? null,
    pendingPoints: member?.pendingPoints ?? 0,
    pointsExpireAt: member?.pointsExpireAt ?? null,
    ledger: ledger.map(({ reference: _, ...entry }) => entry),
    redemptions: redemptions.map((r) => ({
      id: r.id,
      reward: rewardName(r.reward),
      pointsSpent: Number(r.points_spent),
      status: r.status,
      code: r.code,
      createdAt: r.created_at,
    })),
  };
}
