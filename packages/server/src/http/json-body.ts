import { LIMITS } from "@plaudit/contract";
import type { Context } from "hono";
import { ApiError } from "../errors.ts";
import { assertNoNul } from "./nul-guard.ts";
import { readBodyBytes } from "./read-body.ts";

// The rest of the body is left unread, so the connection cannot carry another request: say so,
// or a keep-alive client would send its next request into a socket the server is closing.
const tooLarge = () =>
  new ApiError(
    413,
    "payload_too_large",
    `the JSON body must be at most ${LIMITS.jsonBodyBytes} bytes`,
    undefined,
    {
      Connection: "close",
    },
  );

/**
 * Reads a JSON request body as `unknown`, enforcing the content type and the size limit both on the
 * declared Content-Length and on the bytes actually streamed (a chunked body has no length).
 */
export async function readJsonBody(c: Context, limit: number = LIMITS.jsonBodyBytes): Promise<unknown> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type.trim())) {
    throw new ApiError(400, "bad_request", "the body must be JSON (Content-Type: application/json)");
  }
  if (!c.req.raw.body) throw new ApiError(400, "malformed_json", "the request has no JSON body");
  const bytes = await readBodyBytes(c, limit, tooLarge);
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, "malformed_json", "the body is not valid JSON");
  }
  assertNoNul(body);
  return body;
}

/**
 * A JSON body a route may go without: no body at all (no Content-Length or 0, not chunked) reads as
 * `{}`; a body that is there must be JSON like any other (a date sent without a Content-Type is
 * refused, not silently dropped).
 */
export async function readOptionalJsonBody(c: Context): Promise<unknown> {
  const length = c.req.header("content-length");
  if (length === "0" || (length === undefined && !c.req.header("transfer-encoding"))) return {};
  return readJsonBody(c);
}
