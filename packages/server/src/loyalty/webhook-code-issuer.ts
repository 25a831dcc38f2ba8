import { createHmac } from "node:crypto";
import type { CodeIssuer, CodeRequest } from "./code-issuer.ts";

// Asks the merchant's platform for a discount code: POST JSON to their URL, signed so they know it
// is us. Signature: hex(HMAC-SHA256(storeSecret, timestamp + "." + body)) in X-Plaudit-Signature,
// the unix-seconds timestamp in X-Plaudit-Timestamp (reject old ones to stop replays). The answer
// must be 2xx JSON { "code": "…" } (1–100 characters) within the timeout.

export class WebhookCodeIssuer implements CodeIssuer {
  constructor(
    private readonly options: {
      url: string;
      secret: string;
      timeoutMs?: number;
      now?: () => Date;
      fetch?: typeof fetch;
    },
  ) {}

  async issue(request: CodeRequest): Promise<string> {
    const body = JSON.stringify({
      type: "loyalty.redemption",
      storeId: request.storeId,
      redemptionId: request.redemptionId,
      customerId: request.customerId,
      reward: request.reward,
      pointsSpent: request.pointsSpent,
      createdAt: request.createdAt,
    });
    const timestamp = String(Math.floor((this.options.now?.() ?? new Date()).getTime() / 1000));
    const response = await (this.options.fetch ?? fetch)(this.options.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-plaudit-timestamp": timestamp,
        "x-plaudit-signature": signWebhook(this.options.secret, timestamp, body),
        // The merchant can dedupe on it: the same redemption never needs two codes.
        "idempotency-key": request.redemptionId,
      },
      body,
      redirect: "error",
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
    });
    if (!response.ok) throw new Error(`code webhook answered ${response.status}`);
    const answer: unknown = await response.json();
    const code =
      typeof answer === "object" && answer !== null ? (answer as { code?: unknown }).code : undefined;
    if (typeof code !== "string" || code.length < 1 || code.length > 100) {
      throw new Error("code webhook answered without a code of 1–100 characters");
    }
    return code;
  }
}

export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}
