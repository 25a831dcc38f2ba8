// What a connection may cost the server, instead of Node's defaults (no idle timeout, no cap on
// connections, headers for up to a minute): a slow or idle client is let go, and a flood of
// connections is refused at the door instead of exhausting file descriptors and memory.

export interface ServerLimits {
  /** The whole request head must arrive within this (slowloris). */
  headersMs: number;
  /** The whole request, body included, must arrive within this (uploads: 100 MB on a slow line). */
  requestMs: number;
  /** A kept-alive connection with no request is closed after this. */
  keepAliveMs: number;
  /** A socket with no traffic at all is closed after this. */
  idleMs: number;
  /** Connections held at once; more are closed as they arrive (PLAUDIT_MAX_CONNECTIONS). */
  maxConnections: number;
  /** How often Node checks the two request timeouts. */
  checkEveryMs: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  headersMs: 10_000,
  requestMs: 120_000,
  keepAliveMs: 5_000,
  idleMs: 60_000,
  maxConnections: 2_000,
  checkEveryMs: 1_000,
};

/** Options for http.createServer (the request timeouts are checked from these). */
export function serverOptionsOf(limits: ServerLimits) {
  return {
    headersTimeout: limits.headersMs,
    requestTimeout: limits.requestMs,
    keepAliveTimeout: limits.keepAliveMs,
    connectionsCheckingInterval: limits.checkEveryMs,
  };
}

/** What is set on the server once made: the connection cap and the idle timeout. */
export function capConnections(
  server: { maxConnections: number; setTimeout(ms: number): unknown },
  limits: ServerLimits,
): void {
  server.maxConnections = limits.maxConnections;
  server.setTimeout(limits.idleMs);
}
