// Request timeouts and the connection cap are set on the real server (http/server-limits.ts).
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databasesUnderTest, openTestDatabase } from "../../testing/test-server.ts";
import { createApp } from "../app.ts";
import type { Database } from "../db/database.ts";
import { listen } from "./listen.ts";
import { DEFAULT_SERVER_LIMITS } from "./server-limits.ts";

/** Resolves with what the server sent before it closed the socket. */
const closed = (socket: Socket) =>
  new Promise<string>((done) => {
    let heard = "";
    socket.on("data", (chunk) => {
      heard += chunk.toString();
    });
    socket.on("close", () => done(heard));
    socket.on("error", () => undefined);
  });

describe.each(databasesUnderTest())("connection limits on %s", (kind) => {
  let db: Database;
  let drop: () => Promise<void>;
  let port = 0;
  let server: ReturnType<typeof listen>;

  beforeAll(async () => {
    ({ db, drop } = await openTestDatabase(kind));
    const app = createApp({ db, logger: { info() {}, warn() {}, error() {} } });
    const limits = { ...DEFAULT_SERVER_LIMITS, maxConnections: 1, headersMs: 300, checkEveryMs: 100 };
    await new Promise<void>((ready) => {
      server = listen(app, { port: 0, hostname: "127.0.0.1", limits }, (info) => {
        port = info.port;
        ready();
      });
    });
  });
  afterAll(async () => {
    await new Promise<void>((done) => {
      server.close(() => done());
      if ("closeAllConnections" in server) server.closeAllConnections();
    });
    await db.close();
    await drop();
  });

  it("closes a connection whose headers never finish", async () => {
    const socket = connect(port, "127.0.0.1");
    socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\n");
    const heard = await closed(socket);
    // Node answers 408 Request Timeout (or just closes) — either way the slow client is gone.
    expect(heard === "" || heard.startsWith("HTTP/1.1 408")).toBe(true);
  });

  it("refuses connections beyond the cap while one is held", async () => {
    const held = connect(port, "127.0.0.1");
    await new Promise((ready) => held.once("connect", ready));
    held.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    await new Promise((answered) => held.once("data", answered));
    const extra = connect(port, "127.0.0.1");
    extra.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    expect(await closed(extra)).toBe("");
    held.destroy();
  });
});
