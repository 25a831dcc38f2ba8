import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  oneClickUrlOf,
  postOneClick,
  type RequestKit,
  recipientOf,
  startRequestKit,
} from "../../testing/request-test-kit.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";
import { signedInUser } from "../../testing/test-session.ts";

// The merchant stops or resumes review requests to one address (suppression-routes.ts), through
// real HTTP, with the real worker and SMTP peer behind it.

const DAY = 24 * 60 * 60 * 1000;
const PATH = "/v1/admin/review-requests/suppressions";

describe.each(databasesUnderTest())("stopping review requests to an address on %s", (kind) => {
  let kit: RequestKit;
  beforeAll(async () => {
    kit = await startRequestKit(kind);
    await kit.settings();
    await kit.product("lamp", "Desk lamp");
    await kit.product("bulb", "Warm bulb");
  });
  afterAll(() => kit.close());

  const mailsTo = (address: string) => kit.sink.messages.filter((m) => recipientOf(m) === address).length;
  const auditRows = (action: string) =>
    kit.server.db.kysely
      .selectFrom("audit_log")
      .selectAll()
      .where("store_id", "=", kit.storeId)
      .where("action", "=", action)
      .execute();
  const status = (email: string) => kit.call("GET", `${PATH}?email=${encodeURIComponent(email)}`);

  it("stops a scheduled request in the same write, so it is never mailed, and audits a pseudonym", async () => {
    await kit.order("o-stop", { email: "ana.stop@example.com" });
    expect((await kit.requestOf("o-stop")).status).toBe("scheduled");

    const res = await kit.call("POST", PATH, { email: "  Ana.Stop@Example.COM " });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      email: "ana.stop@example.com",
      suppressed: true,
      reason: "unsubscribed",
      liftable: true,
      stopped: 1,
    });
    const request = await kit.requestOf("o-stop");
    expect(request.status).toBe("suppressed");
    expect(request.last_error).toMatch(/merchant/);

    // The job queued for it runs, and the later order's too: nothing reaches the address.
    await kit.order("o-stop-2", { email: "ana.stop@example.com" });
    await kit.runner().drain();
    kit.time.advance(30 * DAY);
    await kit.runner().drain();
    expect(mailsTo("ana.stop@example.com")).toBe(0);
    expect((await kit.requestOf("o-stop-2")).status).toBe("suppressed");

    const rows = await auditRows("suppression.add");
    expect(rows).toHaveLength(1);
    expect(rows[0]?.target).toBe(res.json.auditTarget);
    expect(JSON.stringify(rows)).not.toMatch(/ana/i);

    // Again: the same answer, nothing more stopped, no second audit row.
    const again = await kit.call("POST", PATH, { email: "ana.stop@example.com" });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ suppressed: true, stopped: 0, since: res.json.since });
    expect(await auditRows("suppression.add")).toHaveLength(1);
  });

  it("obeys a stop that lands while the worker is already on the request: nothing goes out", async () => {
    await kit.order("o-race", { email: "ivy@example.com" });
    const answers: number[] = [];
    // The worker has read the request and the list (not stopped yet); the merchant stops it now.
    const runner = kit.runner({
      beforeSlot: async () => {
        answers.push((await kit.call("POST", PATH, { email: "ivy@example.com" })).status);
      },
    });
    await runner.drain();
    expect(answers).toEqual([200]);
    expect(mailsTo("ivy@example.com")).toBe(0);
    const request = await kit.requestOf("o-race");
    expect(request.status).toBe("suppressed");
    expect(request.sent_at).toBeNull();
  });

  it("records one stop when the same stop comes five times at once (a double-click, a retry)", async () => {
    await kit.order("o-twice", { email: "hal@example.com" });
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => kit.call("POST", PATH, { email: "hal@example.com" })),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.reduce((sum, a) => sum + a.json.stopped, 0)).toBe(1);
    const rows = (await auditRows("suppression.add")).filter(
      (r) => r.target === answers[0]?.json.auditTarget,
    );
    expect(rows).toHaveLength(1);
  });

  it("agrees with the one-click unsubscribe on the same address in another case and spacing", async () => {
    await kit.order("o-click", { email: "cy@example.com" });
    await kit.runner().drain();
    expect(mailsTo("cy@example.com")).toBe(1);
    const before = await status(" CY@Example.com");
    expect(before.json).toMatchObject({ suppressed: false, reason: null, liftable: false });
    const click = await postOneClick(oneClickUrlOf(kit.sink.messages.at(-1)!));
    expect(click.status).toBe(200);
    const after = await status(" CY@Example.com\t");
    expect(after.status).toBe(200);
    expect(after.json).toMatchObject({ email: "cy@example.com", suppressed: true, reason: "unsubscribed" });
    expect(after.json.auditTarget).toBe(before.json.auditTarget);

    // The shopper asks to be asked again: the merchant lifts it, and the next order is mailed.
    const lifted = await kit.call("POST", `${PATH}/lift`, { email: "Cy@EXAMPLE.com" });
    expect(lifted.status).toBe(200);
    expect(lifted.json).toMatchObject({ suppressed: false, reason: null });
    expect(await auditRows("suppression.lift")).toHaveLength(1);
    await kit.order("o-click-2", { email: "cy@example.com" });
    kit.time.advance(DAY);
    await kit.runner().drain();
    expect(mailsTo("cy@example.com")).toBe(2);
    expect((await kit.requestOf("o-click-2")).status).toBe("sent");

    // Lifting an address not on the list changes nothing and records nothing.
    const twice = await kit.call("POST", `${PATH}/lift`, { email: "cy@example.com" });
    expect(twice.status).toBe(200);
    expect(await auditRows("suppression.lift")).toHaveLength(1);

    // The merchant's stop is what the one-click's list reads: an order to the address in another case is suppressed.
    await kit.call("POST", PATH, { email: "DEE@example.com " });
    await kit.order("o-dee", { email: " dee@Example.com" });
    await kit.runner().drain();
    expect((await kit.requestOf("o-dee")).status).toBe("suppressed");
  });

  it("refuses to lift an erased person's address back into the mailing", async () => {
    await kit.order("o-erase", { email: "eli@example.com", customerId: "eli" });
    const erased = await kit.call("POST", "/v1/admin/privacy/erase", { email: "eli@example.com" });
    expect(erased.status).toBe(200);
    const seen = await status("Eli@example.com");
    expect(seen.json).toMatchObject({ suppressed: true, reason: "erased", liftable: false });
    const lift = await kit.call("POST", `${PATH}/lift`, { email: "eli@example.com" });
    expect(lift.status).toBe(409);
    expect(lift.json.error.code).toBe("conflict");
    expect((await status("eli@example.com")).json.suppressed).toBe(true);
    expect(await auditRows("suppression.lift")).toHaveLength(1);
  });

  it("refuses a stop first unsubscribed, then erased, from being lifted", async () => {
    await kit.order("o-both", { email: "fay@example.com", customerId: "fay" });
    expect((await kit.call("POST", PATH, { email: "fay@example.com" })).status).toBe(200);
    expect((await kit.call("POST", "/v1/admin/privacy/erase", { email: "fay@example.com" })).status).toBe(
      200,
    );
    // The list keeps its first reason ("unsubscribed"); the erasure record still forbids the lift.
    expect((await status("fay@example.com")).json).toMatchObject({ reason: "unsubscribed", liftable: false });
    expect((await kit.call("POST", `${PATH}/lift`, { email: "fay@example.com" })).status).toBe(409);
  });

  it("answers bad input by field, in the caller's language, and changes nothing", async () => {
    const send = (body: string, headers: Record<string, string> = {}, path = PATH) =>
      fetch(`${kit.server.url}${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${kit.secretKey}`, "content-type": "application/json", ...headers },
        body,
      });
    for (const path of [PATH, `${PATH}/lift`]) {
      const bad = await send(JSON.stringify({ email: "ana at example" }), {}, path);
      expect(bad.status).toBe(422);
      expect(((await bad.json()) as { error: { fields: unknown } }).error.fields).toEqual({
        email: "must be an email address",
      });
      const de = await send(JSON.stringify({ email: 42 }), { "accept-language": "de" }, path);
      expect(((await de.json()) as { error: { fields: unknown } }).error.fields).toEqual({
        email: "muss eine E-Mail-Adresse sein",
      });
      const he = await send(JSON.stringify({}), { "accept-language": "he" }, path);
      expect(he.status).toBe(422);
      expect(((await he.json()) as { error: { fields: unknown } }).error.fields).toEqual({
        email: "שדה חובה",
      });
      expect((await send("{", {}, path)).status).toBe(400);
      expect((await send(JSON.stringify([1]), {}, path)).status).toBe(422);
      expect((await send(JSON.stringify({ email: `${"a".repeat(400)}@example.com` }), {}, path)).status).toBe(
        422,
      );
    }
    const query = await kit.call("GET", `${PATH}?email=nope`);
    expect(query.status).toBe(422);
    expect(query.json.error.fields).toEqual({ email: "must be an email address" });
    expect((await kit.call("GET", PATH)).status).toBe(422);
  });

  it("is the owner's: no key is 401, a moderator's session is 403", async () => {
    const anonymous = await fetch(`${kit.server.url}${PATH}?email=ana@example.com`);
    expect(anonymous.status).toBe(401);
    const moderator = await signedInUser(kit.server.url, kit.server.db, kit.storeId, "moderator");
    const res = await fetch(`${kit.server.url}${PATH}`, {
      method: "POST",
      headers: {
        cookie: moderator.cookie,
        "x-csrf-token": moderator.csrf,
        "content-type": "application/json",
      },
      body: JSON.stringify({ email: "gus@example.com" }),
    });
    expect(res.status).toBe(403);
    expect((await status("gus@example.com")).json.suppressed).toBe(false);
  });
});
