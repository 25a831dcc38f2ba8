import type { Database } from "./db/database.ts";
import { jsonLogger } from "./logger.ts";

/**
 * How long a stopping process waits for its requests in flight and running jobs before it exits
 * anyway (exit 0 either way): under the 30 s an orchestrator gives before SIGKILL.
 */
export const SHUTDOWN_GRACE_MS = 10_000;

/** Waits for `work` (at most SHUTDOWN_GRACE_MS), then closes the database (at most 2 s more). */
export async function graceful(work: Promise<unknown>[], db: Database): Promise<void> {
  const within = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
  const finished = await Promise.race([
    Promise.all(work).then(() => true),
    within(SHUTDOWN_GRACE_MS).then(() => false),
  ]);
  if (!finished) jsonLogger.info({ msg: "stopped before everything finished", graceMs: SHUTDOWN_GRACE_MS });
  await Promise.race([db.close().catch(() => {}), within(2_000)]);
}
