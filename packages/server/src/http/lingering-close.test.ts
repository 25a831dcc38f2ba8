import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeStore } from "../../testing/fixtures.ts";
import { startTestServer, type TestServer } from "../../testing/test-server.ts";

// A 413 answered while the client is still sending: the answer must arrive (no reset overtaking
// it), the server must keep taking what still comes for a while, and close when the client is done.
describe("an answer before the body is read", () => {
  let server: TestServer;
  let storeId: string;
  beforeAll(async () => {
    server = await startTestServer({ db: "sqlite" });
    ({ storeId } = await makeStore(server.db));
  });
  afterAll(() => server.close());

  it("reaches the client, and the connection lingers until the client is done", async () => {
    const { port } = new URL(server.url);
    // Half-open: keep sending after the server has said its last word, as a slow uploader would.
    const socket = connect({ port: Number(port), host: "127.0.0.1", allowHalfOpen: true });
    const chunk = (text: string) => `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`;
    const filler = chunk("x".repeat(16 * 1024));
    const outcome = await new Promise<{ answer: string; writesAfterAnswer: number; serverEnded: boolean }>(
      (done, fail) => {
        let answer = "";
        let writesAfterAnswer = 0;
        let serverEnded = false;
        socket.on("error", fail);
        socket.setEncoding("utf8");
        socket.on("data", (text: string) => {
          const first = answer === "";
          answer += text;
          if (!first) return;
          // Still sending after the answer: a server that closed at once would reset us.
          const more = setInterval(() => {
            if (writesAfterAnswer === 20) {
              clearInterval(more);
              socket.end("0\r\n\r\n");
              return;
            }
            socket.write(filler);
            writesAfterAnswer++;
          }, 5);
        });
        socket.on("end", () => {
          serverEnded = true;
        });
        socket.on("close", () => done({ answer, writesAfterAnswer, serverEnded }));
        socket.write(
          `POST /v1/stores/${storeId}/products/p/reviews HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
            chunk('{"rating":5,"body":"'),
        );
        const timer = setInterval(() => {
          if (answer !== "" || socket.destroyed) return clearInterval(timer);
          if (socket.writableLength < 256 * 1024) socket.write(filler);
        }, 2);
      },
    );
    expect(outcome.answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(outcome.answer.toLowerCase()).toContain("connection: close");
    expect(outcome.answer).toContain('"code":"payload_too_large"');
    expect(outcome.writesAfterAnswer).toBe(20);
    expect(outcome.serverEnded).toBe(true);
  });
});
