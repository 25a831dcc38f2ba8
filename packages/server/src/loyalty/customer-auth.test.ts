import type { Context } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeStore, testClock } from "../../testing/fixtures.ts";
import { databasesUnderTest, openTestDatabase } from "../../testing/test-server.ts";
import type { AppContext } from "../context.ts";
import { signCustomerToken } from "../customer-token.ts";
import type { Database } from "../db/database.ts";
import { ApiError } from "../errors.ts";
import { plainSecretBox } from "../keys/secret-box.ts";
import { findStore, type StoreRecord } from "../stores/store-repo.ts";
import { customerOf } from "./customer-auth.ts";

// customerOf() on its own: where the token is taken from (header first, then the body), and the
// caps on the token (512 characters) and on the customer id it names (200 code points), each to
// the character, told apart by what the 401 says.
describe.each(databasesUnderTest())("the customer a loyalty request speaks for on %s", (kind) => {
  const time = testClock();
  let db: Database;
  let drop: () => Promise<void>;
  let store: StoreRecord;
  let secret: string;
  let ctx: AppContext;

  beforeAll(async () => {
    ({ db, drop } = await openTestDatabase(kind));
    const made = await makeStore(db);
    secret = made.signingSecret;
    store = (await findStore(db, made.storeId)) as StoreRecord;
    ctx = { db, secrets: plainSecretBox, clock: time.clock } as unknown as AppContext;
  });
  afterAll(async () => {
    await db.close();
    await drop();
  });

  const withHeader = (header?: string) =>
    ({ req: { header: (name: string) => (name === "x-plaudit-customer" ? header : undefined) } }) as Context;
  const token = (customerId: string) => signCustomerToken(secret, customerId, time.clock());
  async function refusal(promise: Promise<string>): Promise<ApiError> {
    const error = await promise.then(
      (id) => new Error(`taken as ${id}`),
      (e: unknown) => e,
    );
    if (!(error instanceof ApiError)) throw error;
    return error;
  }

  it("takes the header's token, else the body's; an empty header counts as none", async () => {
    expect(await customerOf(ctx, withHeader(token("from-header")), store, token("from-body"))).toBe(
      "from-header",
    );
    expect(await customerOf(ctx, withHeader(undefined), store, token("from-body"))).toBe("from-body");
    expect(await customerOf(ctx, withHeader(""), store, token("from-body"))).toBe("from-body");
  });

  it("asks to sign in when there is no token, or the body's is not a string", async () => {
    for (const [header, body] of [
      [undefined, undefined],
      ["", ""],
      [undefined, 12345],
      [undefined, { token: "x" }],
    ] as const) {
      const error = await refusal(customerOf(ctx, withHeader(header), store, body));
      expect([error.status, error.code]).toEqual([401, "invalid_customer_token"]);
      expect(error.message).toMatch(/^sign in first/);
    }
  });

  it("refuses a token over 512 characters before checking it, and a customer id over 200 code points", async () => {
    // A correctly signed token of exactly 512 characters names a 436-character customer id.
    const longest = token("c".repeat(436));
    expect(longest).toHaveLength(512);
    const atCap = await refusal(customerOf(ctx, withHeader(longest), store));
    expect(atCap.message).toBe("the customer id is longer than 200 characters");
    const over = await refusal(customerOf(ctx, withHeader(token("c".repeat(437))), store));
    expect([over.status, over.code, over.message]).toEqual([
      401,
      "invalid_customer_token",
      "the customer token is not valid",
    ]);
    // Code points, not UTF-16 units: 200 emoji are 400 units and still allowed.
    const emoji = "\u{1F600}";
    expect(await customerOf(ctx, withHeader(token(emoji.repeat(200))), store)).toBe(emoji.repeat(200));
    const tooLong = await refusal(customerOf(ctx, withHeader(token(emoji.repeat(201))), store));
    expect(tooLong.message).toBe("the customer id is longer than 200 characters");
  });

  it("refuses a token signed with another secret", async () => {
    const forged = signCustomerToken("another-secret-of-at-least-32-characters!", "mallory", time.clock());
    const error = await refusal(customerOf(ctx, withHeader(forged), store));
    expect([error.status, error.code]).toEqual([401, "invalid_customer_token"]);
  });
});
