import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import type { PlauditApp } from "../app.ts";
import { answerClientError } from "./client-errors.ts";
import {
  capConnections,
  DEFAULT_SERVER_LIMITS,
  type ServerLimits,
  serverOptionsOf,
} from "./server-limits.ts";

/**
 * Serves the app over HTTP on Node (the CLI and the test servers both start here). A public read
 * the read cache holds is answered by the app's front door straight onto Node's response, before
 * the Hono adapter makes a Request and a Response for it: on the reads every product page repeats,
 * those two objects were a good part of the cost (bench/api.ts). Everything else takes the usual way.
 */
export function listen(
  plaudit: PlauditApp,
  options: { port: number; hostname: string; limits?: ServerLimits },
  onListening?: (info: AddressInfo) => void,
): ServerType {
  const frontDoor = plaudit.frontDoor;
  const limits = options.limits ?? DEFAULT_SERVER_LIMITS;
  const server = serve(
    {
      serverOptions: serverOptionsOf(limits),
      // Past the front door the cache has been asked already: straight to the app.
      fetch: frontDoor ? plaudit.app.fetch : plaudit.fetch,
      port: options.port,
      hostname: options.hostname,
      ...(frontDoor
        ? {
            createServer: ((serverOptions: object, listener: RequestListener) =>
              createServer(serverOptions, (req: IncomingMessage, res: ServerResponse) => {
                let answered = false;
                try {
                  answered = frontDoor(req, res);
                } catch (error) {
                  // A fault in the fast path must not take the process down: the app answers instead.
                  plaudit.ctx.logger.error({ msg: "read cache front door failed", error: String(error) });
                  answered = res.headersSent;
                  // Half an answer cannot be finished; a whole one (the fault came after) stands.
                  if (answered && !res.writableEnded) res.destroy();
                }
                if (!answered) listener(req, res);
              })) as typeof createServer,
          }
        : {}),
    },
    onListening,
  );
  capConnections(server as unknown as Parameters<typeof capConnections>[0], limits);
  // What the HTTP parser refuses (a head over 16 KB, one too slow, not HTTP): API.md's error shape.
  server.on("clientError", answerClientError);
  return server;
}
