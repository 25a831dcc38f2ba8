import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signCustomerToken, verifyCustomerToken } from "./customer-token.ts";

const secret = "sk_test_secret";
const now = new Date("2026-06-01T12:00:00Z");
const options = { now, lifetimeSeconds: 3600 };

describe("customer tokens", () => {
  it("accepts a fresh token and returns its customer id, dots included", () => {
    const token = signCustomerToken(secret, "cust.with.dots", now);
    expect(verifyCustomerToken(secret, token, options)).toEqual({
      ok: true,
      customerId: "cust.with.dots",
      issuedAt: now.getTime() / 1000,
    });
  });

  it("matches the HMAC recipe of API.md byte for byte", async () => {
    const { createHmac } = await import("node:crypto");
    const seconds = now.getTime() / 1000;
    const hex = createHmac("sha256", secret).update(`c1.${seconds}`).digest("hex");
    expect(signCustomerToken(secret, "c1", now)).toBe(`c1.${seconds}.${hex}`);
  });

  it("calls a token signed with another secret invalid", () => {
    const token = signCustomerToken("other", "c1", now);
    expect(verifyCustomerToken(secret, token, options)).toEqual({ ok: false, reason: "invalid" });
  });

  it("calls a tampered customer id invalid", () => {
    const token = signCustomerToken(secret, "c1", now).replace(/^c1/, "c2");
    expect(verifyCustomerToken(secret, token, options)).toEqual({ ok: false, reason: "invalid" });
  });

  it("calls a token older than the lifetime expired", () => {
    const token = signCustomerToken(secret, "c1", new Date(now.getTime() - 3601_000));
    expect(verifyCustomerToken(secret, token, options)).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses a timestamp more than 60 s in the future", () => {
    const ok = signCustomerToken(secret, "c1", new Date(now.getTime() + 59_000));
    const late = signCustomerToken(secret, "c1", new Date(now.getTime() + 61_000));
    expect(verifyCustomerToken(secret, ok, options).ok).toBe(true);
    expect(verifyCustomerToken(secret, late, options)).toEqual({ ok: false, reason: "invalid" });
  });

  it("holds both limits to the second: a token exactly the lifetime old or 60 s ahead is valid", () => {
    const oldest = signCustomerToken(secret, "c1", new Date(now.getTime() - 3600_000));
    const furthest = signCustomerToken(secret, "c1", new Date(now.getTime() + 60_000));
    expect(verifyCustomerToken(secret, oldest, options).ok).toBe(true);
    expect(verifyCustomerToken(secret, furthest, options).ok).toBe(true);
  });

  // Signed correctly by the store's secret, yet not the documented shape: refused, never parsed
  // loosely (a signature is not a licence for an empty customer or a timestamp with extras).
  const signedAs = (payload: string) =>
    `${payload}.${createHmac("sha256", secret).update(payload).digest("hex")}`;
  const seconds = now.getTime() / 1000;
  it.each([
    ["an empty customer id", signedAs(`.${seconds}`)],
    ["a timestamp with a prefix", signedAs(`c1.+${seconds}`)],
    ["a timestamp with letters before it", signedAs(`c1.x${seconds}`)],
    ["a timestamp with a suffix", signedAs(`c1.${seconds}x`)],
  ])("calls a signed token with %s invalid", (_name, token) => {
    expect(verifyCustomerToken(secret, token, options)).toEqual({ ok: false, reason: "invalid" });
  });

  it.each([
    ["junk before", (sig: string) => `zz${sig}`],
    ["junk after", (sig: string) => `${sig}zz`],
    ["half of it", (sig: string) => sig.slice(0, 32)],
  ])("calls a signature with %s invalid (no exception)", (_name, change) => {
    const token = signCustomerToken(secret, "c1", now);
    const cut = token.lastIndexOf(".");
    const changed = `${token.slice(0, cut)}.${change(token.slice(cut + 1))}`;
    expect(verifyCustomerToken(secret, changed, options)).toEqual({ ok: false, reason: "invalid" });
  });

  it.each(["", "abc", "c1.123", "c1.x.abcdef", ".123.ab", `c1.123.${"z".repeat(64)}`])(
    "calls the malformed token %j invalid",
    (token) => {
      expect(verifyCustomerToken(secret, token, options)).toEqual({ ok: false, reason: "invalid" });
    },
  );
});
