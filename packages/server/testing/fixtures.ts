import { randomBytes } from "node:crypto";
import { request } from "node:http";
import type { Database } from "../src/db/database.ts";
import type { SecretBox } from "../src/keys/secret-box.ts";
import { createStore, type NewStore } from "../src/stores/create-store.ts";

/**
 * A new store with a unique id; returns its id, its first (full-scope) admin key as `secretKey`,
 * and its customer-token `signingSecret` (a different secret: customer tokens are signed with it).
 */
export async function makeStore(
  db: Database,
  options: Partial<NewStore> = {},
  secrets?: SecretBox,
): Promise<{ storeId: string; secretKey: string; signingSecret: string; keyId: string }> {
  const storeId = options.id ?? `s-${randomBytes(4).toString("hex")}`;
  const created = await createStore(
    db,
    { name: "Test store", allowedOrigins: ["https://shop.example"], ...options, id: storeId },
    new Date(),
    secrets,
  );
  return {
    storeId,
    secretKey: created.adminKey,
    signingSecret: created.signingSecret,
    keyId: created.adminKeyId,
  };
}

// biome-ignore lint/suspicious/noExplicitAny: response bodies are arbitrary JSON that the tests' assertions check
type ResponseJson = any;

export function reviewBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    rating: 5,
    title: "Great",
    body: "Lovely product, would buy again.",
    author: { name: "Alex", email: "alex.private@example.com" },
    ...overrides,
  };
}

const LONG_REVIEW =
  "Bought this for my sister after reading every review here. The fabric feels heavier than the photos " +
  "suggest, stitching along the hem is neat, and after six washes the colour has barely faded. Sizing runs " +
  "slightly small, so order one up if you like a relaxed fit. Delivery took four days, packaging was " +
  "plastic free, and customer service answered a question about returns within an hour. ";

/**
 * A long review body of about `length` characters that reads like one (the spam rules hold text made
 * of a few repeated words, as `"So good. ".repeat(200)` would be).
 */
export function longReviewText(length: number): string {
  return LONG_REVIEW.repeat(Math.ceil(length / LONG_REVIEW.length))
    .slice(0, length)
    .trim();
}

export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: ResponseJson }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
}

export async function getJson(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: ResponseJson; text: string }> {
  const response = await fetch(url, { headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null, text };
}

/** A clock the test moves by hand. */
export function testClock(start = new Date("2026-03-01T12:00:00.000Z")) {
  let now = start.getTime();
  return {
    clock: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

/** A raw GET that sends the path exactly as given (fetch would normalise away the `..`). */
export function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const { hostname, port } = new URL(url);
    const req = request({ hostname, port, path, method: "GET" }, (res) => {
      let body = "";
      res.on("data", (chunk) => {
        body += chunk;
      });
      res.on("end", () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", fail);
    req.end();
  });
}
