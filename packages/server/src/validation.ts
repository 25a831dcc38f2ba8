import * as v from "valibot";
import { validationFailed } from "./errors.ts";

/**
 * Parses `input` with a valibot schema; on failure throws 422 validation_failed with one message
 * per field (the first issue of each dotted path; the whole body is the field "body" when no path).
 */
export function parseOrFail<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const fields: Record<string, string> = {};
  for (const issue of result.issues) {
    const path = v.getDotPath(issue);
    // A missing key is reported against its parent object's schema: name it plainly instead.
    const message =
      path && issue.input === undefined && issue.type === "object" ? "is required" : issue.message;
    fields[path ?? "(body)"] ??= message;
  }
  throw validationFailed(fields);
}

/** A string of `min`–`max` characters (code points, so emoji count once), trimmed first. */
export function text(min: number, max: number, what = "text") {
  const message =
    min > 0 ? `must be ${what} of ${min}–${max} characters` : `must be ${what} of at most ${max} characters`;
  return v.pipe(
    v.string(message),
    v.trim(),
    v.check((s) => [...s].length >= min && [...s].length <= max, message),
  );
}

/** An absolute http(s) URL of at most 500 characters. */
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
);
