// A TCP relay to PostgreSQL that a test controls, to make the database go away and come back
// while a server (or a pool) uses it: PostgreSQL itself cannot be restarted here.
import { createServer, type Socket, connect as tcpConnect } from "node:net";

type Mode = "pass" | "refuse" | "hang";

/** A relay to PostgreSQL: passes bytes, closes new connections at once, or holds them silent. */
export async function relayTo(target: { hostname: string; port: number }) {
  let mode: Mode = "pass";
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
  };
  const server = createServer((client) => {
    track(client);
    if (mode === "hang") return;
    if (mode === "refuse") return void client.destroy();
    const upstream = tcpConnect(target.port, target.hostname);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return {
    port: (server.address() as { port: number }).port,
    /** From now on; open connections are cut, as a database going away cuts them. */
    set(next: Mode) {
      mode = next;
      if (next !== "pass") for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}
