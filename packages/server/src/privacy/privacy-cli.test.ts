import { execFile } from "node:child_process";
import { userInfo } from "node:os";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliBin } from "../../testing/cli-process.ts";
import { postJson } from "../../testing/fixtures.ts";
import { type LoyaltyKit, startLoyaltyKit } from "../../testing/loyalty-test-kit.ts";

const run = promisify(execFile);

/** Runs `plaudit-server privacy …` against the test server's SQLite file; never throws. */
async function privacy(kit: LoyaltyKit, ...args: string[]) {
  const database = kit.server.db.sqlitePath as string;
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [cliBin, "privacy", ...args, "--database-url", database],
      { env: { ...process.env, PLAUDIT_MEDIA_DIR: kit.server.mediaDir } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

// The command line runs the same export and erasure as the API (tested on both databases in
// privacy.test.ts); this proves the command itself, on SQLite beside a running server.
describe("plaudit-server privacy", () => {
  let kit: LoyaltyKit;
  beforeAll(async () => {
    kit = await startLoyaltyKit("sqlite");
    expect((await kit.order("o-1", "c-ana", 30, { email: "ana.cli@example.com" })).status).toBe(201);
    const review = await postJson(`${kit.server.url}/v1/stores/${kit.storeId}/products/tee/reviews`, {
      rating: 5,
      body: "Soft and warm.",
      author: { name: "Ana Clifford", email: "ana.cli@example.com" },
    });
    expect(review.status).toBe(201);
  });
  afterAll(() => kit.close());

  it("exports, erases, erases again harmlessly, and says so for an unknown person", async () => {
    const exported = await privacy(kit, "export", "--store", kit.storeId, "--customer", "c-ana");
    expect(exported.code).toBe(0);
    const doc = JSON.parse(exported.stdout);
    expect(doc.reviews.map((r: { author: { name: string } }) => r.author.name)).toEqual(["Ana Clifford"]);
    expect(doc.orders.map((o: { orderId: string }) => o.orderId)).toEqual(["o-1"]);

    const erased = await privacy(kit, "erase", "--store", kit.storeId, "--email", "ana.cli@example.com");
    expect(erased).toEqual({
      code: 0,
      stdout: `${JSON.stringify({ erased: { reviews: 1, orders: 1, questions: 0, requests: 0 } })}\n`,
      stderr: "",
    });
    const again = await privacy(kit, "erase", "--store", kit.storeId, "--customer", "c-ana");
    expect(JSON.parse(again.stdout)).toEqual({
      erased: { reviews: 0, orders: 0, questions: 0, requests: 0 },
    });

    const audit = await kit.server.db.kysely
      .selectFrom("audit_log")
      .select(["action", "actor_kind", "actor_id", "target", "ip", "request_id"])
      .where("action", "like", "privacy.%")
      .orderBy("at")
      .execute();
    // The export is recorded as the admin's download is; the second erasure erased nothing: one
    // erasure recorded. Every CLI row has one shape: the operating-system user, address `cli`.
    // The export named the person by their customer id, now the erasure's pseudonym.
    const erasedAs = audit[1]?.target;
    expect(erasedAs).toMatch(/^erased-/);
    const cli = { actor_kind: "cli", actor_id: userInfo().username, ip: "cli", request_id: "" };
    expect(audit).toEqual([
      { action: "privacy.export", target: erasedAs, ...cli },
      { action: "privacy.erase", target: erasedAs, ...cli },
    ]);

    // operations.md runs `privacy export … > ana.json`: a refusal goes to the terminal (stderr),
    // never into the file as if it were the export (it did: the file held the sentence, the
    // terminal showed nothing).
    expect(await privacy(kit, "export", "--store", kit.storeId, "--email", "nobody@example.com")).toEqual({
      code: 2,
      stdout: "",
      stderr: "plaudit-server: this store holds nothing about this customer id or address\n",
    });
    expect(await privacy(kit, "export", "--store", "no-such-shop", "--email", "ana@example.com")).toEqual({
      code: 1,
      stdout: "",
      stderr: 'plaudit-server: no store "no-such-shop"\n',
    });
    // Each run starts a Node process with tsx: slow on a loaded machine, never asserted.
  }, 180_000);
});
