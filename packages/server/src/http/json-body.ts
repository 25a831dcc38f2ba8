import { LIMITS } from "@plaudit/contract";
import type { Context } from "hono";
import { ApiError } from "../errors.ts";
import { assertNoNul } from "./nul-guard.ts";

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
  const declared = c.req.header("content-length");
  if (declared !== undefined && Number(declared) > limit) throw tooLarge();

  const stream = c.req.raw.body;
  if (!stream) throw new ApiError(400, "malformed_json", "the request has no JSON body");
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Not cancel: that destroys the socket before the 413 is written (see lingering-close.ts).
      reader.releaseLock();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, "malformed_json", "the body is not valid JSON");
  }
  assertNoNul(body);
  return body;
}
