import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeStore, testClock } from "../../testing/fixtures.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../testing/test-server.ts";
import { inviteTokenOf, testAudit } from "../../testing/test-session.ts";
import { ROLE_SCOPES, type Role } from "../auth/scopes.ts";
import { sha256 } from "./secrets.ts";
import { endAllSessions, findSession, SESSION_HOURS, startSession, sweepSessions } from "./sessions.ts";
import { SIGN_IN_LIMITS } from "./throttle.ts";
import { createUser } from "./users.ts";

const HOUR = 3_600_000;
const audit = (storeId: string, at: Date) => testAudit(storeId, "admin.session.start", at);

// biome-ignore lint/suspicious/noExplicitAny: response bodies are arbitrary JSON the assertions check
type Json = any;

// The admin app's sessions (sessions.ts) and the middleware that reads them (session-auth.ts):
// the expiry boundary, the sweep, rows a hand could have edited, the cookie's size cap and
// attributes, and what GET /v1/admin/session answers to a key, a stale cookie or nobody.
describe.each(databasesUnderTest())("admin sessions on %s", (kind) => {
  let server: TestServer;
  let storeId: string;
  let secretKey: string;
  const time = testClock();
  let n = 0;

  beforeAll(async () => {
    server = await startTestServer({ db: kind, clock: time.clock });
    ({ storeId, secretKey } = await makeStore(server.db));
  });
  afterAll(() => server.close());

  async function user(role: "owner" | "moderator" | "support" = "owner") {
    const created = await createUser(
      server.db,
      {
        storeId,
        email: `s${++n}@shop.example`,
        role,
        now: time.clock(),
        origin: "http://x",
        secrets: server.app.ctx.secrets,
      },
      audit(storeId, time.clock()),
    );
    return created.user;
  }

  async function session(
    userId: string,
    now = time.clock(),
    extra: { ip?: string; userAgent?: string } = {},
  ) {
    return startSession(
      server.db,
      { userId, now, ip: extra.ip ?? "127.0.0.1", userAgent: extra.userAgent ?? "test" },
      audit(storeId, now),
    );
  }

  async function call(method: string, path: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${server.url}${path}`, { method, headers });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as Json) : null, headers: res.headers };
  }

  const sessionRows = (userId: string) =>
    server.db.kysely.selectFrom("admin_sessions").selectAll().where("user_id", "=", userId).execute();

  it("finds a session until the millisecond it expires, with the user's role and scopes", async () => {
    const u = await user("moderator");
    const now = time.clock();
    const { token, expiresAt } = await session(u.id, now);
    expect(expiresAt.getTime()).toBe(now.getTime() + SESSION_HOURS * HOUR);
    const found = await findSession(server.db, token, new Date(expiresAt.getTime() - 1));
    expect(found).toEqual({
      userId: u.id,
      storeId,
      email: u.email,
      role: "moderator",
      scopes: ROLE_SCOPES.moderator,
      idHash: sha256(token),
      expiresAt: expiresAt.toISOString(),
    });
    expect(await findSession(server.db, token, expiresAt)).toBeUndefined();
    expect(await findSession(server.db, `${token}x`, now)).toBeUndefined();
  });

  it("refuses a session whose user's role is not one of the roles", async () => {
    const u = await user();
    const { token } = await session(u.id);
    // Rows a hand (or an older version) could have written: the column's type says Role, the data may not.
    for (const role of ["king", "toString", "__proto__", ""] as string[] as Role[]) {
      await server.db.kysely.updateTable("admin_users").set({ role }).where("id", "=", u.id).execute();
      expect(await findSession(server.db, token, time.clock())).toBeUndefined();
    }
    await server.db.kysely
      .updateTable("admin_users")
      .set({ role: "support" })
      .where("id", "=", u.id)
      .execute();
    expect((await findSession(server.db, token, time.clock()))?.scopes).toEqual(ROLE_SCOPES.support);
  });

  it("keeps at most 100 characters of the address and 300 of the user agent", async () => {
    const u = await user();
    await session(u.id, time.clock(), { ip: "1".repeat(150), userAgent: "a".repeat(400) });
    const [row] = await sessionRows(u.id);
    expect(row?.ip).toBe("1".repeat(100));
    expect(row?.user_agent).toBe("a".repeat(300));
  });

  it("sweeps the sessions that ran out, up to and including now, and no others", async () => {
    const u = await user();
    const t0 = time.clock();
    // One ends at t0, one a millisecond later, one in SESSION_HOURS (the other tests' are live too).
    const endsNow = await session(u.id, new Date(t0.getTime() - SESSION_HOURS * HOUR));
    const endsNext = await session(u.id, new Date(t0.getTime() - SESSION_HOURS * HOUR + 1));
    const live = await session(u.id, t0);
    const hashes = async () => (await sessionRows(u.id)).map((r) => r.id_hash).sort();
    expect(await sweepSessions(server.db, t0)).toBe(1);
    expect(await hashes()).toEqual([sha256(endsNext.token), sha256(live.token)].sort());
    expect(await sweepSessions(server.db, new Date(t0.getTime() + 1))).toBe(1);
    expect(await hashes()).toEqual([sha256(live.token)]);
    expect(await sweepSessions(server.db, new Date(t0.getTime() + 1))).toBe(0);
    expect(sha256(endsNow.token)).not.toBe(sha256(live.token));
  });

  it("signs a user out everywhere and says how many sessions ended", async () => {
    const u = await user();
    const other = await user();
    await session(u.id);
    await session(u.id);
    const kept = await session(other.id);
    expect(await endAllSessions(server.db, u.id, audit(storeId, time.clock()))).toBe(2);
    expect(await sessionRows(u.id)).toHaveLength(0);
    expect(await findSession(server.db, kept.token, time.clock())).toBeDefined();
  });

  it("answers GET /v1/admin/session: 204 no-store for nobody, clearing only a cookie that was sent", async () => {
    const nobody = await call("GET", "/v1/admin/session");
    expect(nobody.status).toBe(204);
    expect(nobody.headers.get("cache-control")).toBe("no-store");
    expect(nobody.headers.get("set-cookie")).toBeNull();

    // A stale cookie of the longest accepted size (100 characters) is cleared, with the
    // attributes it was set with, so the browser really drops it.
    const stale = await call("GET", "/v1/admin/session", { cookie: `plaudit_admin=${"x".repeat(100)}` });
    expect(stale.status).toBe(204);
    expect(stale.headers.get("cache-control")).toBe("no-store");
    const cleared = stale.headers.get("set-cookie") ?? "";
    expect(cleared).toMatch(/^plaudit_admin=;/);
    expect(cleared).toMatch(/Max-Age=0/);
    expect(cleared).toMatch(/Path=\/v1\/admin(;|$)/);
    expect(cleared).toMatch(/HttpOnly/);
    expect(cleared).toMatch(/SameSite=Lax/);
    expect(cleared).not.toMatch(/Secure/);

    // A longer one is no session cookie of ours at all: nothing to clear.
    const tooLong = await call("GET", "/v1/admin/session", { cookie: `plaudit_admin=${"x".repeat(101)}` });
    expect(tooLong.status).toBe(204);
    expect(tooLong.headers.get("set-cookie")).toBeNull();

    // A session that has run out is "nobody" too.
    const u = await user();
    const old = await session(u.id, new Date(time.clock().getTime() - SESSION_HOURS * HOUR));
    const ended = await call("GET", "/v1/admin/session", { cookie: `plaudit_admin=${old.token}` });
    expect(ended.status).toBe(204);
    expect(ended.headers.get("set-cookie")).toMatch(/^plaudit_admin=;/);
  });

  it("refuses a cookie over 100 characters on other admin routes as if none was sent", async () => {
    const u = await user();
    const { token } = await session(u.id);
    const live = await call("GET", "/v1/admin/reviews", { cookie: `plaudit_admin=${token}` });
    expect(live.status).toBe(200);
    const tooLong = await call("GET", "/v1/admin/reviews", { cookie: `plaudit_admin=${"x".repeat(101)}` });
    expect(tooLong.status).toBe(401);
    // No session: the key check answered (it names the Bearer scheme).
    expect(tooLong.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const stale = await call("GET", "/v1/admin/reviews", { cookie: `plaudit_admin=${"x".repeat(100)}` });
    expect(stale.status).toBe(401);
    expect(stale.headers.get("www-authenticate")).toBeNull();
    expect(stale.json.error.message).toMatch(/session has ended/);
  });

  it("lets an Authorization header decide, whatever cookie comes with it", async () => {
    const u = await user("moderator");
    const { token } = await session(u.id);
    const cookie = `plaudit_admin=${token}`;
    const key = { authorization: `Bearer ${secretKey}` };
    // GET /v1/admin/session is about sessions: asked with a key, it is 404, not "nobody" (204).
    const withKey = await call("GET", "/v1/admin/session", key);
    expect(withKey.status).toBe(404);
    expect(withKey.json.error.code).toBe("not_found");
    const both = await call("GET", "/v1/admin/session", { ...key, cookie });
    expect(both.status).toBe(404);
    // A forged cookie beside a good key: the key is checked, the cookie ignored.
    const forged = await call("GET", "/v1/admin/users", { ...key, cookie: "plaudit_admin=forged" });
    expect(forged.status).toBe(200);
    // A moderator's live cookie beside a bad key: refused, not signed in as the moderator.
    const badKey = await call("GET", "/v1/admin/reviews", { authorization: "Bearer sk_nope", cookie });
    expect(badKey.status).toBe(401);
    expect(badKey.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("answers other methods on /v1/admin/session without a session with 401, not 'nobody'", async () => {
    const noSession: Record<string, string>[] = [{}, { cookie: "plaudit_admin=forged" }];
    for (const headers of noSession) {
      const out = await call("DELETE", "/v1/admin/session", headers);
      expect(out.status).toBe(401);
      expect(out.json.error.code).toBe("unauthorized");
    }
  });

  it("sets the cookie for the session's lifetime and clears it on https as it was set", async () => {
    const proxied = await startTestServer({
      db: kind,
      clock: time.clock,
      publicUrl: "https://reviews.shop.example",
    });
    try {
      const stale = await fetch(`${proxied.url}/v1/admin/session`, {
        headers: { cookie: `plaudit_admin=${"x".repeat(40)}` },
      });
      expect(stale.status).toBe(204);
      expect(stale.headers.get("set-cookie")).toMatch(/^plaudit_admin=;.*Secure/);
    } finally {
      await proxied.close();
    }
  });

  it("signs in with a cookie that expires with the session, and a sign-in forgets the account's failures", async () => {
    const created = await createUser(
      server.db,
      {
        storeId,
        email: "cookie-life@shop.example",
        role: "owner",
        now: time.clock(),
        origin: "http://x",
        secrets: server.app.ctx.secrets,
      },
      audit(storeId, time.clock()),
    );
    const token = inviteTokenOf(created.inviteUrl);
    const password = "a long passphrase";
    const set = await fetch(`${server.url}/v1/admin/password`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token, password }),
    });
    expect(set.status).toBe(200);
    const signIn = (pw: string) =>
      fetch(`${server.url}/v1/admin/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ store: storeId, email: "cookie-life@shop.example", password: pw }),
      });

    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < SIGN_IN_LIMITS.account.failures - 1; i++) {
        expect((await signIn("wrong password!")).status).toBe(401);
      }
      const ok = await signIn(password);
      expect(ok.status).toBe(200);
      const cookie = ok.headers.get("set-cookie") ?? "";
      const expires = /Expires=([^;]+)/.exec(cookie)?.[1] ?? "";
      expect(new Date(expires).toISOString()).toBe(
        new Date(Math.floor((time.clock().getTime() + SESSION_HOURS * HOUR) / 1000) * 1000).toISOString(),
      );
      expect(((await ok.json()) as Json).expiresAt).toBe(
        new Date(time.clock().getTime() + SESSION_HOURS * HOUR).toISOString(),
      );
    }
    // Two rounds of limit − 1 failures with a sign-in between: never locked.
    expect((await signIn("wrong password!")).status).toBe(401);
  });
});
