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
