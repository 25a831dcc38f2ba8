import { LIMITS, PlauditError } from "@plaudit/core";
import { describe, expect, it } from "vitest";
import {
  characterCount,
  checkDraft,
  checkField,
  emptyDraft,
  fieldsFromServer,
  firstProblemField,
  type ReviewDraft,
  toReviewInput,
} from "./review-draft.ts";
import { failureMessageKey } from "./submit-failure.ts";

const valid = (): ReviewDraft => ({
  rating: 5,
  title: "",
  body: "Lovely.",
  name: "Noa",
  email: "noa@example.co.il",
  website: "",
});

describe("review draft checks", () => {
  it("finds every missing required field, in form order", () => {
    const problems = checkDraft(emptyDraft());
    expect(Object.keys(problems)).toEqual(["rating", "body", "name", "email"]);
    expect(firstProblemField(problems)).toBe("rating");
    expect(checkDraft(valid())).toEqual({});
  });

  it("counts like the server: trimmed, an emoji is one character", () => {
    expect(characterCount("  héllo 👍🏽 ")).toBe(8);
    const atLimit = { ...valid(), body: "👍".repeat(LIMITS.bodyMax) };
    expect(checkField("body", atLimit)).toBeUndefined();
    expect(checkField("body", { ...atLimit, body: `${atLimit.body}!` })).toEqual({
      key: "error.body.tooLong",
      params: { max: LIMITS.bodyMax },
    });
    expect(checkField("body", { ...valid(), body: "   " })?.key).toBe("error.body.required");
  });

  it("holds title and name to their limits", () => {
    expect(checkField("title", { ...valid(), title: "t".repeat(LIMITS.titleMax) })).toBeUndefined();
    expect(checkField("title", { ...valid(), title: "t".repeat(LIMITS.titleMax + 1) })?.key).toBe(
      "error.title.tooLong",
    );
    expect(checkField("name", { ...valid(), name: "n".repeat(LIMITS.authorNameMax + 1) })?.key).toBe(
      "error.name.tooLong",
    );
  });

  it("accepts ordinary email shapes and refuses broken ones", () => {
    for (const email of ["a@b.co", "first.last+tag@shop.example.de", " noa@example.co.il "]) {
      expect(checkField("email", { ...valid(), email }), email).toBeUndefined();
    }
    for (const email of [
      "noa",
      "noa@",
      "@example.com",
      "noa@example",
      "no a@example.com",
      "noa@example..com",
    ]) {
      expect(checkField("email", { ...valid(), email })?.key, email).toBe("error.email.invalid");
    }
  });
});

describe("the request body", () => {
  it("trims, leaves out an empty title, and always carries the honeypot", () => {
    expect(toReviewInput({ ...valid(), body: " Lovely. ", name: " Noa " })).toEqual({
      rating: 5,
      body: "Lovely.",
      author: { name: "Noa", email: "noa@example.co.il" },
      website: "",
    });
  });

  it("carries the customer token when there is one", () => {
    expect(toReviewInput({ ...valid(), title: "Yes" }, "c1.1790000000.ff")).toMatchObject({
      title: "Yes",
      customerToken: "c1.1790000000.ff",
    });
  });
});

describe("server field errors", () => {
  it("maps the API's dotted paths onto form fields, in form order, ignoring the rest", () => {
    expect(
      fieldsFromServer({
        "author.email": "must be an email address",
        mediaIds: "unknown media",
        rating: "must be an integer from 1 to 5",
        "author.name": "too long",
      }),
    ).toEqual(["rating", "name", "email"]);
    expect(fieldsFromServer({ website: "x" })).toEqual([]);
  });
});

describe("failure messages", () => {
  it("tells the shopper what to do for each kind of failure", () => {
    expect(failureMessageKey(new PlauditError("network", "offline"))).toBe("failed.network");
    expect(failureMessageKey(new PlauditError("timeout", "slow"))).toBe("failed.timeout");
    expect(failureMessageKey(new PlauditError("http", "x", { status: 429, code: "rate_limited" }))).toBe(
      "failed.rateLimited",
    );
    expect(
      failureMessageKey(new PlauditError("http", "x", { status: 401, code: "expired_customer_token" })),
    ).toBe("failed.session");
    expect(
      failureMessageKey(new PlauditError("http", "x", { status: 403, code: "origin_not_allowed" })),
    ).toBe("failed.generic");
    expect(failureMessageKey(new Error("boom"))).toBe("failed.generic");
  });
});
