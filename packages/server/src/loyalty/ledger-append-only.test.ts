// The ledger is append-only (DESIGN.md), and the database holds it to that: whatever path a
// refund, an expiry or a sweep takes, it cannot rewrite or remove a row. Proven here against the
// database directly, then over the write paths: every row written before them is still there,
// unchanged, after orders, a refund, redemptions, adjustments, expiry and the sweep.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LoyaltyKit, PROGRAM_AT_ONCE, startLoyaltyKit } from "../../testing/loyalty-test-kit.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";

const DAY = 86_400_000;

describe.each(databasesUnderTest())("the points ledger on %s", (kind) => {
  let kit: LoyaltyKit;
  beforeAll(async () => {
    // Purchase points spendable at once: the orders below write their ledger rows right away.
    kit = await startLoyaltyKit(kind, PROGRAM_AT_ONCE);
  });
  afterAll(() => kit.close());

  const rows = () =>
    kit.server.db.kysely
      .selectFrom("loyalty_ledger")
      .selectAll()
      .where("store_id", "=", kit.storeId)
      .orderBy("id")
      .execute();

  it("refuses to delete a row or rewrite what it says, and lets erasure move it to another id", async () => {
    expect((await kit.order("o-db", "dora", 80)).status).toBe(201);
    const [row] = (await rows()).filter((r) => r.customer_id === "dora");
    if (!row) throw new Error("the order wrote no ledger row");
    const db = kit.server.db.kysely;
    for (const [column, value] of [
      ["delta", 1_000_000],
      ["action", "adjustment"],
      ["reference", "another"],
      ["created_at", "2020-01-01T00:00:00.000Z"],
    ] as const) {
      await expect(
        sql`update loyalty_ledger set ${sql.ref(column)} = ${value} where id = ${row.id}`.execute(db),
        column,
      ).rejects.toThrow(/append-only/);
    }
    await expect(sql`delete from loyalty_ledger where id = ${row.id}`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    // What erasure does (privacy/): the sums stay, under a pseudonymous id.
    await sql`update loyalty_ledger set customer_id = ${"erased-1"} where id = ${row.id}`.execute(db);
    const [moved] = (await rows()).filter((r) => r.id === row.id);
    expect({ ...moved, customer_id: "dora" }).toEqual(row);
  });

  it("keeps every earlier row unchanged through refunds, redemptions, adjustments, expiry and sweeps", async () => {
    expect((await kit.order("o-1", "erin", 300)).status).toBe(201);
    expect((await kit.order("o-2", "erin", 150)).status).toBe(201);
    const before = await rows();
    expect(before.length).toBeGreaterThan(1);

    expect((await kit.admin("POST", "/v1/admin/orders/o-2/refund")).status).toBe(201);
    const reward = (await kit.admin("GET", "/v1/admin/loyalty/program")).json.rewards[0];
    if (reward) await kit.redeem("erin", reward.id, "k-append");
    expect((await kit.adjust("erin", -5)).status).toBe(201);
    kit.time.advance(800 * DAY);
    expect((await kit.admin("POST", "/v1/admin/loyalty/sweep")).status).toBe(200);

    const after = await rows();
    expect(after.length).toBeGreaterThan(before.length);
    const byId = new Map(after.map((r) => [r.id, r]));
    for (const row of before) expect(byId.get(row.id), row.id).toEqual(row);
  });
});
