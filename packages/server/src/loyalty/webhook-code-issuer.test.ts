import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
    new WebhookCodeIssuer({ url, secret: "sk_test", timeoutMs, now: () => new Date("2026-03-01T12:00:00Z") });

  it("posts the redemption signed with HMAC-SHA256 and returns the merchant's code", async () => {
    behaviour = "ok";
    expect(await issuer().issue(request)).toBe("SHOP-42");
    const last = seen.at(-1);
    expect(last?.headers["x-plaudit-timestamp"]).toBe("1772366400");
    expect(last?.headers["x-plaudit-signature"]).toBe(signWebhook("sk_test", "1772366400", last?.body ?? ""));
    expect(last?.headers["idempotency-key"]).toBe("rd_1");
    expect(JSON.parse(last?.body ?? "{}")).toMatchObject({
      redemptionId: "rd_1",
      customerId: "alice",
      reward: { id: "five-off" },
    });
  });

  it("fails on a timeout, an error status, or an answer without a code", async () => {
    behaviour = "slow";
    await expect(issuer(150).issue(request)).rejects.toThrow();
    behaviour = "500";
    await expect(issuer().issue(request)).rejects.toThrow(/500/);
    behaviour = "no-code";
    await expect(issuer().issue(request)).rejects.toThrow(/without a code/);
  });
});
