import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeStore, reviewBody, testClock } from "../../testing/fixtures.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../testing/test-server.ts";
import { inviteTokenOf, testAudit } from "../../testing/test-session.ts";
import { linkSecretFor } from "../keys/link-secret.ts";
import { linkOrigin, usersCommand } from "./cli-users.ts";
import { sha256 } from "./secrets.ts";
import { SIGN_IN_LIMITS } from "./throttle.ts";
import { createUser, inviteMac } from "./users.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are arbitrary JSON the assertions check
type Json = any;

describe.each(databasesUnderTest())("admin app accounts on %s", (kind) => {
  let server: TestServer;
  let storeId: string;
  let secretKey: string;
  const time = testClock();

  async function call(
    method: string,
    path: string,
    options: { body?: unknown; cookie?: string; csrf?: string; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; json: Json; setCookie: string | null; headers: Headers }> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers["content-type"] = "application/json";
    if (options.cookie) headers.cookie = options.cookie;
    if (options.csrf) headers["x-csrf-token"] = options.csrf;
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await res.text();
    return {
      status: res.status,
      json: text ? JSON.parse(text) : null,
      setCookie: res.headers.get("set-cookie"),
      headers: res.headers,
    };
  }

  async function invite(email: string, role: "owner" | "moderator" | "support") {
    const created = await createUser(
      server.db,
      { storeId, email, role, now: time.clock(), origin: "http://x", secrets: server.app.ctx.secrets },
      testAudit(storeId, "admin.user.create"),
    );
    return { ...created, token: inviteTokenOf(created.inviteUrl) };
  }

  async function signIn(email: string, password: string, extra: { cookie?: string } = {}) {
    const res = await call("POST", "/v1/admin/session", {
      body: { store: storeId, email, password },
      ...extra,
    });
    const cookie = res.setCookie?.split(";")[0] ?? "";
    return { ...res, cookie, csrf: res.json?.csrfToken as string };
  }

  async function member(email: string, role: "owner" | "moderator" | "support") {
    const { token } = await invite(email, role);
    const password = `correct horse ${role}`;
    expect((await call("POST", "/v1/admin/password", { body: { token, password } })).status).toBe(200);
    return signIn(email, password);
  }

  beforeAll(async () => {
    server = await startTestServer({ db: kind, clock: time.clock });
    ({ storeId, secretKey } = await makeStore(server.db, { moderation: "hold" }));
  });
  afterAll(() => server.close());

  it("sets a password once through the invite link, stored as argon2id", async () => {
    const { token, user, inviteUrl } = await invite("Ada@Shop.example", "owner");
    expect(user).toMatchObject({ email: "ada@shop.example", role: "owner", active: false });
    expect(inviteUrl).toMatch(/^http:\/\/x\/admin\/#\/set-password\?/);
    const short = await call("POST", "/v1/admin/password", { body: { token, password: "short" } });
    expect(short.status).toBe(422);
    expect(short.json.error.fields.password).toMatch(/at least/);
    const set = await call("POST", "/v1/admin/password", { body: { token, password: "a long passphrase" } });
    expect(set.status).toBe(200);
    expect(set.json.user).toMatchObject({ email: "ada@shop.example", active: true });
    const again = await call("POST", "/v1/admin/password", {
      body: { token, password: "another passphrase" },
    });
    expect(again.status).toBe(410);
    expect(again.json.error.code).toBe("invite_invalid");
    const row = await server.db.kysely
      .selectFrom("admin_users")
      .select("password_hash")
      .where("email", "=", "ada@shop.example")
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it("makes the CLI's links on the port `start` listens on, or PLAUDIT_PUBLIC_URL", () => {
    expect(linkOrigin({})).toBe("http://localhost:8787");
    expect(linkOrigin({ PORT: "9000" })).toBe("http://localhost:9000");
    // An empty PORT is unset for `start`; 0 is any free port, which a link cannot name.
    expect(linkOrigin({ PORT: "" })).toBe("http://localhost:8787");
    expect(linkOrigin({ PORT: "0" })).toBe("http://localhost:8787");
    expect(linkOrigin({ PORT: "0", PLAUDIT_PUBLIC_URL: " https://reviews.shop.example " })).toBe(
      "https://reviews.shop.example",
    );
  });

  it("prints a one-time link from `users create` and refuses a second account for the address", async () => {
    const out = await usersCommand(
      server.db,
      { action: "create", store: storeId, email: "cli@shop.example", role: "moderator" },
      time.clock(),
      server.app.ctx.secrets,
    );
    expect(out).toMatch(/Created moderator cli@shop\.example/);
    // Made without PLAUDIT_PUBLIC_URL (as here): the link names this machine, and says so.
    expect(out).toMatch(/PLAUDIT_PUBLIC_URL is not set, so the link names this machine/);
    const link = /(http\S+\/admin\/#\/set-password\?\S+)/.exec(out)?.[1] ?? "";
    const token = new URLSearchParams(link.split("?")[1]).get("token");
    const set = await call("POST", "/v1/admin/password", { body: { token, password: "a long passphrase" } });
    expect(set.status).toBe(200);
    await expect(
      usersCommand(
        server.db,
        { action: "create", store: storeId, email: "CLI@shop.example", role: "owner" },
        time.clock(),
        server.app.ctx.secrets,
      ),
    ).rejects.toThrow(/already has an account/);
    await expect(
      usersCommand(
        server.db,
        { action: "create", store: storeId, email: "x@shop.example", role: "king" },
        time.clock(),
        server.app.ctx.secrets,
      ),
    ).rejects.toThrow(/--role/);
  });

  it("refuses tampered and expired invite links", async () => {
    const { token } = await invite("tamper@shop.example", "support");
    const [nonce, mac] = token.split(".");
    const forged = await call("POST", "/v1/admin/password", {
      body: { token: `${nonce}.${mac?.slice(1)}A`, password: "a long passphrase" },
    });
    expect(forged.status).toBe(410);
    time.advance(73 * 3_600_000);
    const late = await call("POST", "/v1/admin/password", { body: { token, password: "a long passphrase" } });
    expect(late.status).toBe(410);
  });

  it("signs invite links with the store's own admin_invite secret; another purpose's secret is refused", async () => {
    const { token, user, expiresAt } = await invite("purpose@shop.example", "moderator");
    const box = server.app.ctx.secrets;
    const secretOf = async (purpose: "admin_invite" | "links" | "customer_token" | "code_webhook") => {
      const row = await server.db.kysely
        .selectFrom("signing_secrets")
        .select("secret")
        .where("store_id", "=", storeId)
        .where("purpose", "=", purpose)
        .where("retired_at", "is", null)
        .executeTakeFirst();
      return row ? box.open(row.secret) : undefined;
    };
    await linkSecretFor(server.app.ctx, storeId);
    const own = await secretOf("admin_invite");
    expect(own).toMatch(/^ais_/);
    const [nonce = ""] = token.split(".");
    expect(token).toBe(`${nonce}.${inviteMac(own ?? "", nonce, user.id, storeId, expiresAt)}`);
    // The same link, signed as the invite would be but with each other secret the store has (and
    // its admin key): stored as a real invite, so only the signature can refuse it.
    const others = [
      await secretOf("links"),
      await secretOf("customer_token"),
      await secretOf("code_webhook"),
      secretKey,
    ].filter((s, i, all): s is string => typeof s === "string" && s !== own && all.indexOf(s) === i);
    expect(others.length).toBeGreaterThanOrEqual(3);
    const plant = async (secret: string) => {
      const n = `n${Math.random().toString(36).slice(2)}`;
      const forged = `${n}.${inviteMac(secret, n, user.id, storeId, expiresAt)}`;
      await server.db.kysely
        .insertInto("admin_invites")
        .values({
          token_hash: sha256(forged),
          user_id: user.id,
          created_at: time.clock().toISOString(),
          expires_at: expiresAt,
          used_at: null,
        })
        .execute();
      return forged;
    };
    for (const secret of others) {
      const res = await call("POST", "/v1/admin/password", {
        body: { token: await plant(secret), password: "a long passphrase" },
      });
      expect(res.status).toBe(410);
      expect(res.json.error.code).toBe("invite_invalid");
    }
    // The control: planted the same way with the invite secret, it works.
    const good = await call("POST", "/v1/admin/password", {
      body: { token: await plant(own ?? ""), password: "a long passphrase" },
    });
    expect(good.status).toBe(200);
  });

  it("signs in with an HttpOnly, SameSite=Lax cookie scoped to the admin API, Secure on https", async () => {
    const res = await member("cookie@shop.example", "owner");
    expect(res.status).toBe(200);
    expect(res.setCookie).toMatch(/HttpOnly/);
    expect(res.setCookie).toMatch(/SameSite=Lax/);
    expect(res.setCookie).toMatch(/Path=\/v1\/admin/);
    expect(res.setCookie).not.toMatch(/Secure/);
    expect(res.json).toMatchObject({ user: { email: "cookie@shop.example", role: "owner" }, scopes: ["*"] });
    const session = await call("GET", "/v1/admin/session", { cookie: res.cookie });
    expect(session.json.csrfToken).toBe(res.csrf);
  });

  it("marks the cookie Secure when the public origin is https", async () => {
    const proxied = await startTestServer({
      db: kind,
      clock: time.clock,
      publicUrl: "https://reviews.shop.example",
    });
    try {
      const { storeId: other } = await makeStore(proxied.db);
      const created = await createUser(
        proxied.db,
        {
          storeId: other,
          email: "tls@shop.example",
          role: "owner",
          now: time.clock(),
          origin: "https://x",
          secrets: proxied.app.ctx.secrets,
        },
        testAudit(other, "admin.user.create"),
      );
      const token = inviteTokenOf(created.inviteUrl);
      await fetch(`${proxied.url}/v1/admin/password`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token, password: "a long passphrase" }),
      });
      const res = await fetch(`${proxied.url}/v1/admin/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ store: other, email: "tls@shop.example", password: "a long passphrase" }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("set-cookie")).toMatch(/Secure/);
    } finally {
      await proxied.close();
    }
  });

  it("needs the session's CSRF token on every write, not on reads", async () => {
    const { cookie, csrf } = await member("csrf@shop.example", "moderator");
    const review = await fetch(`${server.url}/v1/stores/${storeId}/products/p/reviews`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(reviewBody()),
    }).then((r) => r.json() as Promise<Json>);
    const id = review.review.id;
    expect((await call("GET", "/v1/admin/reviews?status=pending", { cookie })).status).toBe(200);
    const without = await call("PATCH", `/v1/admin/reviews/${id}`, { cookie, body: { status: "published" } });
    expect(without.status).toBe(403);
    expect(without.json.error.code).toBe("csrf_failed");
    const wrong = await call("PATCH", `/v1/admin/reviews/${id}`, {
      cookie,
      csrf: `${csrf}x`,
      body: { status: "published" },
    });
    expect(wrong.status).toBe(403);
    const ok = await call("PATCH", `/v1/admin/reviews/${id}`, {
      cookie,
      csrf,
      body: { status: "published" },
    });
    expect(ok.status).toBe(200);
    expect(ok.json.status).toBe("published");
  });

  it("gives each role its scopes: a moderator is 403 on the program, adjustments and users", async () => {
    const mod = await member("mod@shop.example", "moderator");
    const as = { cookie: mod.cookie, csrf: mod.csrf };
    const refused = [
      await call("GET", "/v1/admin/loyalty/program", as),
      await call("PUT", "/v1/admin/loyalty/program", { ...as, body: {} }),
      await call("POST", "/v1/admin/loyalty/adjustments", {
        ...as,
        body: { customerId: "c", delta: 5, reason: "x" },
        headers: { "idempotency-key": "k-mod" },
      }),
      await call("GET", "/v1/admin/users", as),
      await call("POST", "/v1/admin/users", { ...as, body: { email: "new@shop.example", role: "owner" } }),
    ];
    for (const res of refused) {
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe("insufficient_scope");
    }
    const support = await member("support@shop.example", "support");
    expect((await call("GET", "/v1/admin/reviews", { cookie: support.cookie })).status).toBe(403);
    const adjusted = await call("POST", "/v1/admin/loyalty/adjustments", {
      cookie: support.cookie,
      csrf: support.csrf,
      body: { customerId: "c-support", delta: 5, reason: "goodwill" },
      headers: { "idempotency-key": "k-support" },
    });
    expect(adjusted.status).toBe(201);
  });

  it("lets an owner invite and remove users, and still accepts the store's key", async () => {
    const owner = await member("boss@shop.example", "owner");
    const created = await call("POST", "/v1/admin/users", {
      cookie: owner.cookie,
      csrf: owner.csrf,
      body: { email: "helper@shop.example", role: "support" },
    });
    expect(created.status).toBe(201);
    expect(created.json.inviteUrl).toContain("/admin/#/set-password?");
    const dup = await call("POST", "/v1/admin/users", {
      cookie: owner.cookie,
      csrf: owner.csrf,
      body: { email: "HELPER@shop.example", role: "support" },
    });
    expect(dup.status).toBe(409);
    const bad = await call("POST", "/v1/admin/users", {
      cookie: owner.cookie,
      csrf: owner.csrf,
      body: { email: "<script>", role: "king" },
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(["email", "role"]);
    const list = await call("GET", "/v1/admin/users", { headers: { authorization: `Bearer ${secretKey}` } });
    expect(list.json.items.map((u: Json) => u.email)).toContain("helper@shop.example");
    const removed = await call("DELETE", `/v1/admin/users/${created.json.user.id}`, {
      cookie: owner.cookie,
      csrf: owner.csrf,
    });
    expect(removed.status).toBe(204);
  });

  it("changes roles at once (the session's next request), and keeps the store's last owner", async () => {
    const shop = await makeStore(server.db);
    const key = { authorization: `Bearer ${shop.secretKey}` };
    const add = async (email: string, role: string) =>
      (await call("POST", "/v1/admin/users", { headers: key, body: { email, role } })).json.user.id as string;
    const first = await add("first-owner@shop.example", "owner");
    const patch = (id: string, body: unknown, extra: Record<string, string> = key) =>
      call("PATCH", `/v1/admin/users/${id}`, { headers: extra, body });
    const alone = await patch(first, { role: "moderator" });
    expect(alone.status).toBe(409);
    expect(alone.json.error.code).toBe("conflict");
    expect((await call("DELETE", `/v1/admin/users/${first}`, { headers: key })).status).toBe(409);
    expect((await patch(first, { role: "boss" })).status).toBe(422);
    expect((await patch("usr_nobody", { role: "owner" })).status).toBe(404);

    const second = await add("second-owner@shop.example", "owner");
    const demoted = await patch(first, { role: "support" });
    expect(demoted.status).toBe(200);
    expect(demoted.json).toMatchObject({ id: first, role: "support" });
    // Now `second` is the only owner.
    expect((await patch(second, { role: "moderator" })).status).toBe(409);
    const listed = await call("GET", "/v1/admin/users", { headers: key });
    expect(listed.json.items.map((u: Json) => [u.email, u.role])).toEqual([
      ["first-owner@shop.example", "support"],
      ["second-owner@shop.example", "owner"],
    ]);
    const audit = await server.db.kysely
      .selectFrom("audit_log")
      .select("action")
      .where("target", "=", first)
      .where("action", "=", "admin.user.role")
      .execute();
    expect(audit).toHaveLength(1);

    // A signed-in moderator made support: the next request already has support's scopes.
    const mod = await member("promoted@shop.example", "moderator");
    expect((await call("GET", "/v1/admin/reviews", { cookie: mod.cookie })).status).toBe(200);
    const modId = (await call("GET", "/v1/admin/session", { cookie: mod.cookie })).json.user.id;
    expect(
      (
        await call("PATCH", `/v1/admin/users/${modId}`, {
          headers: { authorization: `Bearer ${secretKey}` },
          body: { role: "support" },
        })
      ).status,
    ).toBe(200);
    expect((await call("GET", "/v1/admin/reviews", { cookie: mod.cookie })).status).toBe(403);
    expect((await call("GET", "/v1/admin/session", { cookie: mod.cookie })).json.user.role).toBe("support");
  });

  it("rotates the session on sign-in and ends it on sign-out, here or everywhere", async () => {
    const first = await member("rotate@shop.example", "owner");
    const second = await signIn("rotate@shop.example", "correct horse owner", { cookie: first.cookie });
    expect(second.cookie).not.toBe(first.cookie);
    expect((await call("GET", "/v1/admin/reviews", { cookie: first.cookie })).status).toBe(401);
    const third = await signIn("rotate@shop.example", "correct horse owner");
    const out = await call("DELETE", "/v1/admin/session", { cookie: second.cookie, csrf: second.csrf });
    expect(out.status).toBe(204);
    expect(out.setCookie).toMatch(/plaudit_admin=;/);
    expect((await call("GET", "/v1/admin/reviews", { cookie: second.cookie })).status).toBe(401);
    expect((await call("GET", "/v1/admin/session", { cookie: third.cookie })).status).toBe(200);
    const fourth = await signIn("rotate@shop.example", "correct horse owner");
    const everywhere = await call("DELETE", "/v1/admin/sessions", {
      cookie: fourth.cookie,
      csrf: fourth.csrf,
    });
    expect(everywhere.status).toBe(204);
    expect((await call("GET", "/v1/admin/reviews", { cookie: third.cookie })).status).toBe(401);
    expect((await call("GET", "/v1/admin/reviews", { cookie: fourth.cookie })).status).toBe(401);
  });

  it("ends a session after its lifetime", async () => {
    const res = await member("late@shop.example", "owner");
    time.advance(12 * 3_600_000 + 1000);
    expect((await call("GET", "/v1/admin/reviews", { cookie: res.cookie })).status).toBe(401);
  });

  it("locks an account after repeated failures, right password or not, until the lock runs out", async () => {
    await member("locked@shop.example", "owner");
    for (let i = 0; i < SIGN_IN_LIMITS.account.failures; i++) {
      const res = await signIn("locked@shop.example", "wrong password!");
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe("invalid_credentials");
    }
    const locked = await signIn("locked@shop.example", "correct horse owner");
    expect(locked.status).toBe(423);
    expect(locked.json.error.code).toBe("locked");
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    time.advance(SIGN_IN_LIMITS.account.lockMinutes * 60_000 + 1000);
    expect((await signIn("locked@shop.example", "correct horse owner")).status).toBe(200);
  });

  it("locks an address trying many accounts", async () => {
    time.advance(60 * 60_000);
    for (let i = 0; i < SIGN_IN_LIMITS.address.failures; i++) {
      const res = await signIn(`nobody-${i}@shop.example`, "wrong password!");
      expect(res.status).toBe(401);
    }
    expect((await signIn("nobody-x@shop.example", "wrong password!")).status).toBe(423);
    time.advance(SIGN_IN_LIMITS.address.lockMinutes * 60_000 + 1000);
  });

  it("answers 'nobody' (204) when the app asks who is signed in without a session", async () => {
    expect((await call("GET", "/v1/admin/session")).status).toBe(204);
    const forged = await call("GET", "/v1/admin/session", { cookie: "plaudit_admin=forged" });
    expect(forged.status).toBe(204);
    expect(forged.setCookie).toMatch(/plaudit_admin=;/);
  });

  it("answers a missing or forged cookie with 401", async () => {
    expect((await call("GET", "/v1/admin/reviews", { cookie: "plaudit_admin=forged" })).status).toBe(401);
    expect((await call("GET", "/v1/admin/reviews")).status).toBe(401);
  });
});
