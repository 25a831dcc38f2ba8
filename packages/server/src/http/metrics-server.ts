import { createServer, type Server } from "node:http";
import type { Registry } from "prom-client";

/**
 * `/metrics` on a port of its own, bound to 127.0.0.1 (PLAUDIT_METRICS_PORT): a Prometheus on the
 * same machine (or a sidecar) scrapes it without a token, and nothing else can reach it.
 */
export function serveMetrics(
  registry: Registry,
  options: { port: number; hostname?: string },
  onListening?: (port: number) => void,
): Server {
  const server = createServer((req, res) => {
    if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found\n");
      return;
    }
    registry
      .metrics()
      .then((text) =>
        res.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" }).end(text),
      )
      .catch(() => res.writeHead(500).end());
  });
  server.listen(options.port, options.hostname ?? "127.0.0.1", () => {
    const address = server.address();
    onListening?.(typeof address === "object" && address ? address.port : options.port);
  });
  return server;
}
