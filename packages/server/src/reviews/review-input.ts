import * as v from "valibot";
import { LIMITS } from "../limits.ts";
import { text } from "../validation.ts";

// Checks of a review submission (API.md), each with the message a shopper can act on.

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const ReviewSubmission = v.object(
  {
    rating: v.pipe(
      v.number("must be an integer from 1 to 5"),
      v.integer("must be an integer from 1 to 5"),
      v.minValue(1, "must be an integer from 1 to 5"),
      v.maxValue(5, "must be an integer from 1 to 5"),
    ),
    title: v.optional(text(0, LIMITS.titleMax, "a title"), ""),
    body: text(1, LIMITS.bodyMax, "a review"),
    author: v.object(
      {
        name: text(1, LIMITS.authorNameMax, "a name"),
        email: v.pipe(
          v.string("must be an email address"),
          v.trim(),
          v.maxLength(LIMITS.emailMax, "must be an email address"),
          v.regex(EMAIL, "must be an email address"),
        ),
      },
      "must be an object with name and email",
    ),
    mediaIds: v.optional(
      v.pipe(
        v.array(
          v.pipe(v.string("must be media ids"), v.minLength(1), v.maxLength(64)),
          "must be a list of media ids",
        ),
        v.maxLength(LIMITS.mediaPerReview, `must hold at most ${LIMITS.mediaPerReview} media ids`),
      ),
      [],
    ),
    customerToken: v.optional(v.pipe(v.string("must be a string"), v.maxLength(512, "is too long"))),
    website: v.optional(v.string("must be a string"), ""),
  },
  "must be a JSON object",
);

export type ReviewSubmission = v.InferOutput<typeof ReviewSubmission>;

export const VoteSubmission = v.object(
  {
    value: v.picklist(["up", "down"], 'must be "up" or "down"'),
    voter: text(1, LIMITS.voterMax, "a voter id"),
  },
  "must be a JSON object",
);

export type VoteSubmission = v.InferOutput<typeof VoteSubmission>;
