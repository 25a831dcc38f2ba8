import type { Context } from "hono";
import { ApiError } from "../errors.ts";

/**
 * The request body's bytes, at most `limit`: `tooLarge()` past it, judged on the declared
 * Content-Length and on the bytes streamed (a chunked body declares none). A body that stops
 * before its Content-Length — the client closed the connection — is the client's 400, not an
 * unhandled error: nobody is left to read the answer, but the log and the metrics would count our
 * 500.
 */
export async function readBodyBytes(c: Context, limit: number, tooLarge: () => ApiError): Promise<Buffer> {
  const declared = c.req.header("content-length");
  if (declared !== undefined && Number(declared) > limit) throw tooLarge();
  const stream = c.req.raw.body;
  if (!stream) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    let read: ReadableStreamReadResult<Uint8Array>;
    try {
      read = await reader.read();
    } catch {
      throw new ApiError(
        400,
        "bad_request",
        "the body ended before its Content-Length: the connection closed",
      );
    }
    if (read.done) break;
    size += read.value.byteLength;
    if (size > limit) {
      // Not cancel: that destroys the socket before the 413 is written (see lingering-close.ts).
      reader.releaseLock();
      throw tooLarge();
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks);
}
