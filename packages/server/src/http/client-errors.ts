// A request Node's HTTP parser refuses before it reaches the app gets API.md's error shape ("one
// shape everywhere"), not Node's bare status line: a request line and headers over 16 KB (a theme
// template that put long product facts and URLs into a snippet URL), a head that took too long, a
// request that is not HTTP. The status is Node's own (431, 408, 400); the connection is closed.
import type { Duplex } from "node:stream";

const ANSWERS: Record<string, [status: number, reason: string, message: string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    "Request Header Fields Too Large",
    "the request's URL and headers must be at most 16 KB together",
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [408, "Request Timeout", "the request's headers did not arrive in time"],
};
const MALFORMED: [number, string, string] = [400, "Bad Request", "the request is not well-formed HTTP"];

/** The server's `clientError` listener: answers as Node would, in API.md's error shape. */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // Node's own rule: answer only on a socket that can still be written and whose response has not
  // begun (a reset connection, or an error in the middle of an answer, is just closed).
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (!socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, reason, message] = ANSWERS[error.code ?? ""] ?? MALFORMED;
  const body = JSON.stringify({ error: { code: "bad_request", message } });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
