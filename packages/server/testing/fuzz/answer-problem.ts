import type { FuzzRequest } from "./fuzz-request.ts";

// The oracle every fuzz and sweep request is judged by (API.md, "Errors — one shape everywhere").

/** What is wrong with an answer, or undefined. */
export function answerProblem(
  request: Pick<FuzzRequest, "path">,
  status: number,
  type: string,
  text: string,
): string | undefined {
  if (status >= 500) return `answered ${status}: ${text.slice(0, 300)}`;
  let json: unknown;
  if (type.includes("json") && text !== "") {
    try {
      json = JSON.parse(text);
    } catch {
      return `answered ${status} with unparseable JSON: ${text.slice(0, 200)}`;
    }
  }
  const api = request.path.startsWith("/v1/") || request.path.startsWith("/media/");
  if (api && status >= 400) {
    if (!/^application\/json\s*(;|$)/i.test(type))
      return `${status} as ${type || "no content type"}, not application/json: ${text.slice(0, 200)}`;
    const error = (json as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | undefined)
      ?.error;
    if (typeof error?.code !== "string" || typeof error.message !== "string")
      return `${status} without API.md's error shape: ${text.slice(0, 200)}`;
    if (
      error.fields !== undefined &&
      (typeof error.fields !== "object" ||
        error.fields === null ||
        Object.values(error.fields).some((v) => typeof v !== "string"))
    )
      return `${status} with fields that are not strings: ${text.slice(0, 200)}`;
  }
  return undefined;
}
