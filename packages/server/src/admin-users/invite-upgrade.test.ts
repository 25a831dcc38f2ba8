import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeStore, postJson, testClock } from "../../testing/fixtures.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../testing/test-server.ts";
import { testAudit } from "../../testing/test-session.ts";
import { randomToken, sha256 } from "./secrets.ts";
import { createUser, INVITE_HOURS, legacyInviteMac } from "./users.ts";

// Set-password links sent before invites had their own secret (signed with the store's
// `secret_key` column, empty since migration 0010) keep working after the upgrade until they
// expire: nobody has to be re-invited. Only links made before the store's first invite secret are
// checked that way; the link must still be one the server stored, unused and unexpired.

const HOUR = 3_600_000;

describe.each(databasesUnderTest())("invite links from before the upgrade on %s", (kind) => {
  let server: TestServer;
  let storeId: string;
  const time = testClock();

  const audit = () => testAudit(storeId, "admin.user.create", time.clock());

  /**
   * A user invited the way the server did before the upgrade: its link, as the mail carried it.
   * `sign` makes the signature (default: the old way, with the store's `secret_key` column).
   */
  async function oldInvite(
    email: string,
    issuedAt: Date,
    sign: (key: string, nonce: string, userId: string, expiresAt: string) => string = legacyInviteMac,
  ) {
    const userId = `usr_${randomUUID()}`;
    await server.db.kysely
      .insertInto("admin_users")
      .values({
        id: userId,
        store_id: storeId,
        email,
        role: "moderator",
        password_hash: null,
        created_at: issuedAt.toISOString(),
        password_set_at: null,
      })
      .execute();
    const store = await server.db.kysely
      .selectFrom("stores")
      .select("secret_key")
      .where("id", "=", storeId)
      .executeTakeFirstOrThrow();
    const expiresAt = new Date(issuedAt.getTime() + INVITE_HOURS * HOUR).toISOString();
    const nonce = randomToken(24);
    const token = `${nonce}.${sign(store.secret_key, nonce, userId, expiresAt)}`;
    await server.db.kysely
      .insertInto("admin_invites")
      .values({
        token_hash: sha256(token),
        user_id: userId,
        created_at: issuedAt.toISOString(),
        expires_at: expiresAt,
        used_at: null,
      })
      .execute();
    return token;
  }

  const setPassword = (token: string) =>
    postJson(`${server.url}/v1/admin/password`, { token, password: "a long passphrase" });

  beforeAll(async () => {
    server = await startTestServer({ db: kind, clock: time.clock });
    ({ storeId } = await makeStore(server.db));
  });
  afterAll(() => server.close());

  it("accepts an old link until it expires, once, even after new invites made the store's invite secret", async () => {
    const issued = time.clock();
    const first = await oldInvite("first@shop.example", issued);
    const second = await oldInvite("second@shop.example", issued);
    const late = await oldInvite("late@shop.example", issued);
    // Upgraded: the next invite makes the store's admin_invite secret.
    time.advance(HOUR);
    await createUser(
      server.db,
      {
        storeId,
        email: "new@shop.example",
        role: "support",
        now: time.clock(),
        origin: "http://x",
        secrets: server.app.ctx.secrets,
      },
      audit(),
    );
    const set = await setPassword(first);
    expect(set.status).toBe(200);
    expect(set.json.user).toMatchObject({ email: "first@shop.example", active: true });
    expect((await setPassword(first)).status).toBe(410);
    // A tampered old link is refused as before.
    const [nonce, mac = ""] = second.split(".");
    expect((await setPassword(`${nonce}.${mac.slice(1)}A`)).json.error.code).toBe("invite_invalid");
    expect((await setPassword(second)).status).toBe(200);
    // The old key is empty: the signature is what an old link is checked by, even when its hash is
    // stored (a row nobody signed — a write straight to the database — makes no working link). Its
    // signature made for another user, and one made with a key other than the store's column:
    const otherUser = await oldInvite("forged@shop.example", issued, (key, n, _userId, expiresAt) =>
      legacyInviteMac(key, n, "usr_someone-else", expiresAt),
    );
    const otherKey = await oldInvite("forged2@shop.example", issued, (_key, n, userId, expiresAt) =>
      legacyInviteMac("not-the-store-key", n, userId, expiresAt),
    );
    for (const forged of [otherUser, otherKey]) {
      const refused = await setPassword(forged);
      expect(refused.status).toBe(410);
      expect(refused.json.error.code).toBe("invite_invalid");
    }
    // Past its 72 hours an old link is refused like any other.
    time.advance(INVITE_HOURS * HOUR);
    const expired = await setPassword(late);
    expect(expired.status).toBe(410);
    expect(expired.json.error.code).toBe("invite_invalid");
  });

  it("refuses a link signed the old way for an invite made after the store's invite secret", async () => {
    await createUser(
      server.db,
      {
        storeId,
        email: "another@shop.example",
        role: "support",
        now: time.clock(),
        origin: "http://x",
        secrets: server.app.ctx.secrets,
      },
      audit(),
    );
    time.advance(HOUR);
    const res = await setPassword(await oldInvite("after@shop.example", time.clock()));
    expect(res.status).toBe(410);
    expect(res.json.error.code).toBe("invite_invalid");
  });
});
