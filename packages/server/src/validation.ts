import type { Context } from "hono";
import * as v from "valibot";
import { validationFailed } from "./errors.ts";

/**
 * Parses `input` with a valibot schema; on failure throws 422 validation_failed with one message
 * per field (the first issue of each dotted path; the whole
 * body is the field "(body)" when no path).
 */
export function parseOrFail<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  alsoBad: Record<string, string> = {},
): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (result.success && Object.keys(alsoBad).length === 0) return result.output;
  const fields: Record<string, string> = { ...alsoBad };
  for (const issue of result.issues ?? []) {
    const path = v.getDotPath(issue);
    // A missing key is reported against its parent object's schema: name it plainly instead.
    const message =
      path && issue.input === undefined && issue.type === "object" ? "is required" : issue.message;
    fields[path ?? "(body)"] ??= message;
  }
  throw validationFailed(fields);
}

/**
 * A route's query string, parsed by the contract schema its description documents (limits, sorts
 * and defaults live there): 422 validation_failed with one message per bad parameter, together
 * with `alsoBad` (what only the server can judge, such as a cursor it cannot decode).
 */
export function parseQuery<S extends v.GenericSchema>(
  c: Context,
  schema: S,
  options: { alsoBad?: Record<string, string> } = {},
): v.InferOutput<S> {
  return parseOrFail(schema, c.req.query(), options.alsoBad);
}

/** A cursor the server could not decode, as `alsoBad` names it. */
export const NOT_A_CURSOR = { cursor: "is not a cursor of this list; start again without it" };
