import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPublicAddress } from "../http/public-address.ts";
import type { CodeRequest } from "./code-issuer.ts";
import { signWebhook, WebhookCodeIssuer } from "./webhook-code-issuer.ts";

const request: CodeRequest = {
  storeId: "demo",
  redemptionId: "rd_1",
  customerId: "alice",
  reward: { id: "five-off", name: "€5 off", cost: 500, kind: "amount_off", value: 5 },
  pointsSpent: 500,
  createdAt: "2026-03-01T12:00:00.000Z",
};

describe("WebhookCodeIssuer against a local merchant endpoint", () => {
  let server: Server;
  let url: string;
  let behaviour: "ok" | "slow" | "500" | "no-code" = "ok";
  const seen: { headers: IncomingMessage["headers"]; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => {
        body += chunk;
      });
      req.on("end", () => {
        seen.push({ headers: req.headers, body });
        if (behaviour === "slow") return void setTimeout(() => res.end('{"code":"LATE"}'), 1000);
        if (behaviour === "500") return void res.writeHead(500).end("oops");
        res.writeHead(200, { "content-type": "application/json" });
        res.end(behaviour === "no-code" ? "{}" : JSON.stringify({ code: "SHOP-42" }));
      });
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/codes`;
  });
  afterAll(
    () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  );

  const issuer = (timeoutMs = 2000) =>
    new WebhookCodeIssuer({
      url,
      secret: "whsec_test_0123456789abcdefghijklmnopq",
      timeoutMs,
      now: () => new Date("2026-03-01T12:00:00Z"),
      // The merchant endpoint here is on loopback.
      allowPrivateAddresses: true,
    });

  it("posts the redemption signed with HMAC-SHA256 and returns the merchant's code", async () => {
    behaviour = "ok";
    expect(await issuer().issue(request)).toBe("SHOP-42");
    const last = seen.at(-1);
    expect(last?.headers["x-plaudit-timestamp"]).toBe("1772366400");
    expect(last?.headers["x-plaudit-signature"]).toBe(
      signWebhook("whsec_test_0123456789abcdefghijklmnopq", "1772366400", last?.body ?? ""),
    );
    expect(last?.headers["idempotency-key"]).toBe("rd_1");
    expect(JSON.parse(last?.body ?? "{}")).toMatchObject({
      redemptionId: "rd_1",
      customerId: "alice",
      reward: { id: "five-off" },
    });
  });

  it("fails on a timeout, an error status, or an answer without a code", async () => {
    behaviour = "slow";
    await expect(issuer(150).issue(request)).rejects.toThrow(/did not answer within 150 ms/);
    behaviour = "500";
    await expect(issuer().issue(request)).rejects.toThrow(/500/);
    behaviour = "no-code";
    await expect(issuer().issue(request)).rejects.toThrow(/without a code/);
  });
});

describe("WebhookCodeIssuer refuses addresses off the public internet (SSRF)", () => {
  let server: Server;
  let port = 0;
  let hits = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits++;
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ code: "LEAKED" }));
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(
    () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  );

  it.each([
    ["a loopback address", () => `http://127.0.0.1:${port}/codes`],
    ["a name resolving to loopback", () => `http://localhost:${port}/codes`],
    ["IPv6 loopback", () => `http://[::1]:${port}/codes`],
    ["IPv4 loopback written as IPv6", () => `http://[::ffff:127.0.0.1]:${port}/codes`],
    ["the cloud metadata service", () => "http://169.254.169.254/latest/meta-data/"],
    ["a private network address", () => "https://10.0.0.7/codes"],
  ])("does not call %s", async (_what, url) => {
    const before = hits;
    const issuer = new WebhookCodeIssuer({
      url: url(),
      secret: "whsec_test_0123456789abcdefghijklmnopq",
      timeoutMs: 2000,
    });
    await expect(issuer.issue(request)).rejects.toThrow(/not on the public internet/);
    expect(hits).toBe(before);
  });

  it("tells public addresses from the rest", () => {
    for (const address of [
      "8.8.8.8",
      "1.1.1.1",
      "2606:4700:4700::1111",
      "[2a00:1450:4001::200e]",
      "64:ff9b::808:808", // DNS64's answer for 8.8.8.8
      "2002:808:808::1", // 6to4 of 8.8.8.8
    ]) {
      expect(isPublicAddress(address), address).toBe(true);
    }
    for (const address of [
      "127.0.0.1",
      "10.1.2.3",
      "172.20.0.1",
      "192.168.1.1",
      "100.64.0.1",
      "169.254.169.254",
      "0.0.0.0",
      "255.255.255.255",
      "::1",
      "::",
      "fd00::1",
      "fe80::1",
      "::ffff:192.168.0.1",
      "::ffff:a00:1",
      "::127.0.0.1",
      "64:ff9b::7f00:1",
      "64:ff9b::a9fe:a9fe",
      "2002:7f00:1::",
      "2002:c0a8:101::1",
      "fec0::1",
      "not an address",
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
  });
});
