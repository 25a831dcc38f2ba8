import type { IncomingMessage } from "node:http";
import type { Context } from "hono";

/** How long the refused rest of a body is read and dropped before the socket is cut. */
const LINGER_MS = 5_000;
/** …and how much of it. */
const LINGER_BYTES = 64 * 1024 * 1024;

/**
 * An answer sent before the request body was read (413, 415, 429 on an upload) ends the connection
 * (Connection: close). But closing a socket that still holds unread bytes makes the kernel send a
 * reset, and a reset that overtakes our answer leaves the client with "connection reset" instead of
 * the 413 — it happened under load. So, like nginx's lingering close: after the answer, half-close,
 * and read and drop what the client still sends until it closes its side, for at most LINGER_MS and
 * LINGER_BYTES. Outside Node's HTTP server (app.request in tests) there is no socket: nothing to do.
 */
export function lingerAfterEarlyAnswer(c: Context): void {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const socket = incoming?.socket;
  if (!incoming || !socket || incoming.complete || socket.destroyed) return;

  // Node ends a Connection: close response with socket.destroySoon() (flush, then destroy).
  socket.destroySoon = () => {
    socket.end();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once("close", () => clearTimeout(timer));
  };
  // The request's web body stream keeps a 'data' listener that pauses the request while nobody
  // reads it (and cancelling that stream would destroy the socket at once): drop it, and the rest
  // of the body flows in and is thrown away.
  incoming.removeAllListeners("data");
  let dropped = 0;
  incoming.on("data", (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > LINGER_BYTES) socket.destroy();
  });
  incoming.resume();
}
