// A page running Prototype.js 1.6 (Magento 1 stores) has an Array.prototype.toJSON that makes
// every array a string of JSON inside JSON.stringify: what Plaudit sends and writes must not change.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { json, recordingFetch } from "../testing/test-fetch.ts";
import { createClient } from "./client.ts";
import { toJson } from "./to-json.ts";

type WithToJson = { toJSON?: (this: unknown[]) => string };
const arrays = Array.prototype as unknown as WithToJson;

beforeEach(() => {
  // What Prototype 1.6.0.3 defines (its Object.toJSON of each item, joined): a string, not a list.
  Object.defineProperty(Array.prototype, "toJSON", {
    configurable: true,
    writable: true,
    value(this: unknown[]) {
      return `[${this.map((item) => JSON.stringify(item)).join(", ")}]`;
    },
  });
  expect(JSON.stringify({ ids: ["a"] })).toBe('{"ids":"[\\"a\\"]"}');
});
afterEach(() => {
  delete arrays.toJSON;
});

describe("JSON on a page whose arrays have their own toJSON", () => {
  it("writes arrays as arrays, at any depth, and leaves other toJSON (dates) alone", () => {
    const value = { ids: ["a", "b"], nested: [{ list: [1, [2]] }], when: new Date(0), text: "x" };
    expect(JSON.parse(toJson(value))).toEqual({
      ids: ["a", "b"],
      nested: [{ list: [1, [2]] }],
      when: "1970-01-01T00:00:00.000Z",
      text: "x",
    });
    expect(toJson([1, 2])).toBe("[1,2]");
  });

  it("posts a review's media ids as a list", async () => {
    const recorder = recordingFetch(() => json({ status: "pending" }, { status: 201 }));
    const client = createClient({
      apiBase: "https://reviews.example.com",
      store: "demo",
      fetch: recorder.fetch,
    });
    const input = {
      rating: 5 as const,
      body: "Great",
      author: { name: "Ana", email: "ana@example.com" },
      mediaIds: ["m1", "m2"],
    };
    await client.submitReview("p1", input).catch(() => undefined);
    expect(JSON.parse(recorder.calls[0]!.body)).toEqual(input);
  });
});
