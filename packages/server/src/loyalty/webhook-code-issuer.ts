import { createHmac } from "node:crypto";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { NotPublicAddressError, privateLiteralOf, publicOnlyLookup } from "../http/public-address.ts";
import type { CodeIssuer, CodeRequest } from "./code-issuer.ts";

// Asks the merchant's platform for a discount code: POST JSON to their URL, signed so they know it
// is us. Signature: hex(HMAC-SHA256(codeWebhookSecret, timestamp + "." + body)) in X-Plaudit-Signature,
// the unix-seconds timestamp in X-Plaudit-Timestamp (reject old ones to stop replays). The answer
// must be 2xx JSON { "code": "…" } (1–100 characters, body at most 64 KB) within the timeout.
// Redirects are not followed. Only public addresses are called (http/public-address.ts) unless the
// operator allows private ones (PLAUDIT_ALLOW_PRIVATE_WEBHOOKS=1: a merchant platform on the same
// private network as a self-hosted Plaudit).

const MAX_ANSWER_BYTES = 64 * 1024;

export class WebhookCodeIssuer implements CodeIssuer {
  constructor(
    private readonly options: {
      url: string;
      /** The store's code-webhook secret (keys/signing-secrets.ts), or how to read it. */
      secret: string | (() => Promise<string>);
      timeoutMs?: number;
      now?: () => Date;
      /** Also call loopback and private-network addresses (tests; a platform on the private network). */
      allowPrivateAddresses?: boolean;
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
    const secret =
      typeof this.options.secret === "string" ? this.options.secret : await this.options.secret();
    const timestamp = String(Math.floor((this.options.now?.() ?? new Date()).getTime() / 1000));
    const response = await postJson(
      new URL(this.options.url),
      {
        "x-plaudit-timestamp": timestamp,
        "x-plaudit-signature": signWebhook(secret, timestamp, body),
        // The merchant can dedupe on it: the same redemption never needs two codes.
        "idempotency-key": request.redemptionId,
      },
      body,
      {
        timeoutMs: this.options.timeoutMs ?? 5000,
        allowPrivate: this.options.allowPrivateAddresses ?? false,
      },
    );
    if (response.status < 200 || response.status > 299)
      throw new Error(`code webhook answered ${response.status}`);
    const answer: unknown = JSON.parse(response.text);
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

/** POSTs JSON over node:http(s), so the address connected to can be checked (fetch cannot). */
function postJson(
  url: URL,
  headers: Record<string, string>,
  body: string,
  options: { timeoutMs: number; allowPrivate: boolean },
): Promise<{ status: number; text: string }> {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return Promise.reject(new Error(`code webhook URL must be http(s), not ${url.protocol}`));
  }
  const literal = options.allowPrivate ? undefined : privateLiteralOf(url);
  if (literal !== undefined) return Promise.reject(new NotPublicAddressError(url.hostname, literal));
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, fail) => {
    const deadline = AbortSignal.timeout(options.timeoutMs);
    // Node reports the abort as "The operation was aborted": say which deadline passed.
    const reject = (error: unknown) =>
      fail(
        deadline.aborted ? new Error(`code webhook did not answer within ${options.timeoutMs} ms`) : error,
      );
    const req = send(
      url,
      {
        method: "POST",
        headers: {
          ...headers,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        },
        signal: deadline,
        ...(options.allowPrivate ? {} : { lookup: publicOnlyLookup }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_ANSWER_BYTES) req.destroy(new Error("code webhook answered more than 64 KB"));
          else chunks.push(chunk);
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", reject);
        res.on("close", () => {
          if (!res.complete) reject(new Error("code webhook answer was cut short"));
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
