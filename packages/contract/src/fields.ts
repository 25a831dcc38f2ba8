import * as v from "valibot";

// Building blocks of the schemas, each carrying the message a shopper or merchant can act on and
// (through `metadata`) what JSON Schema cannot read from a `check`.

/** A string of `min`–`max` characters (code points, so emoji count once), trimmed first. */
/* @__NO_SIDE_EFFECTS__ */
export function text(min: number, max: number, what = "text") {
  const message =
    min > 0 ? `must be ${what} of ${min}–${max} characters` : `must be ${what} of at most ${max} characters`;
  return v.pipe(
    v.string(message),
    v.trim(),
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

/** A query flag: `1`/`true` on, `0`/`false`/empty off. */
export const queryFlag = v.optional(v.picklist(["1", "0", "true", "false", ""], "must be 1 or 0"));
