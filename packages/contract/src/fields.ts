import * as v from "valibot";
import { LIMITS } from "./limits.ts";

// Building blocks of the schemas, each carrying the message a shopper or merchant can act on and
// (through `metadata`) what JSON Schema cannot read from a `check`.

/**
 * Why a text holding U+0000 is refused: PostgreSQL's text type cannot store it (a query carrying
 * one fails), and no person's text needs one. The server's JSON reader refuses it anywhere in a
 * body with this message; `text` refuses it in the fields that arrive by other ways (forms).
 */
export const NUL_MESSAGE = "must not contain the NUL character (U+0000)";

/** A string of `min`–`max` characters (code points, so emoji count once), trimmed first. */
/* @__NO_SIDE_EFFECTS__ */
export function text(min: number, max: number, what = "text") {
  const message =
    min > 0 ? `must be ${what} of ${min}–${max} characters` : `must be ${what} of at most ${max} characters`;
  return v.pipe(
    v.string(message),
    v.trim(),
    v.check((s) => !s.includes("\u0000"), NUL_MESSAGE),
    v.check((s) => {
      const length = [...s].length;
      return length >= min && length <= max;
    }, message),
    // JSON Schema counts code points too.
    v.metadata({ minLength: min, maxLength: max }),
  );
}

/** A whole number from `min` to `max`. */
/* @__NO_SIDE_EFFECTS__ */
export const count = (min: number, max: number) =>
  v.pipe(
    v.number("must be a number"),
    v.integer("must be an integer"),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  );

/** A finite number from 0 to `max` (money, points per currency unit). */
/* @__NO_SIDE_EFFECTS__ */
export const amount = (max: number) =>
  v.pipe(
    v.number("must be a number"),
    v.finite("must be a number"),
    v.minValue(0, "must not be negative"),
    v.maxValue(max, `must be at most ${max}`),
  );

/** A shopper's signed customer token in a body (the X-Plaudit-Customer header's alternative). */
export const optionalCustomerToken = v.optional(
  v.pipe(v.string("must be a string"), v.maxLength(LIMITS.customerTokenMax, "is too long")),
);

/** An http(s) URL of at most 500 characters. */
export const httpUrl = v.pipe(
  v.string("must be a URL"),
  v.maxLength(500, "is too long"),
  v.check((s) => {
    try {
      return ["http:", "https:"].includes(new URL(s).protocol);
    } catch {
      return false;
    }
  }, "must be an http(s) URL"),
  // Not `format: uri`: a referral template holds `{code}`, which a URI may not.
  v.description("an http(s) URL"),
);

/** An ISO 8601 UTC time as the server writes it. */
export const timestamp = v.pipe(v.string(), v.metadata({ format: "date-time" }));

/** `{ items, nextCursor }`: one page of a cursor-paged list. */
/* @__NO_SIDE_EFFECTS__ */
export const cursorPage = <T extends v.GenericSchema>(item: T) =>
  v.object({ items: v.array(item), nextCursor: v.nullable(v.string()) });

// Query strings: every value arrives as a string. Each parameter's schema checks it with the
// message the client gets (422 validation_failed, one per field), then turns it into the value the
// server uses; the OpenAPI document shows what it takes as input (up to the first transform) and
// its default.

/** A query flag: `1`/`true` on, `0`/`false`/empty off (default off); a boolean once parsed. */
export const queryFlag = v.optional(
  v.pipe(
    v.picklist(["1", "0", "true", "false", ""], "must be 1 or 0"),
    v.transform((flag) => flag === "1" || flag === "true"),
  ),
  "0",
);

/** A page size from 1 to `max` (default `fallback`); a number once parsed. */
/* @__NO_SIDE_EFFECTS__ */
export function queryLimit(max: number, fallback: number) {
  const message = `must be an integer from 1 to ${max}`;
  return v.optional(
    v.pipe(
      v.string(message),
      v.regex(/^\d{1,3}$/, message),
      v.description(`an integer from 1 to ${max}`),
      v.transform(Number),
      v.minValue(1, message),
      v.maxValue(max, message),
    ),
    String(fallback),
  );
}

/** An opaque paging cursor (the server decodes it; empty is none). */
/* @__NO_SIDE_EFFECTS__ */
export const queryCursor = (max: number) =>
  v.optional(
    v.pipe(
      v.string(),
      v.maxLength(max, "is not a cursor of this list; start again without it"),
      v.description("nextCursor of the previous page"),
      v.transform((cursor) => cursor || undefined),
    ),
  );

/** Text of at most `max` characters, trimmed; empty is none. */
/* @__NO_SIDE_EFFECTS__ */
export const queryText = (max: number, description: string) =>
  v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.check((s) => [...s].length <= max, `must be at most ${max} characters`),
      v.metadata({ maxLength: max }),
      v.description(description),
      v.transform((s) => s || undefined),
    ),
  );
