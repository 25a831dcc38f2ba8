// The server under load for bench/snippet.ts, in its own process: the real app over a fresh,
// seeded SQLite database, plus one empty route (the framework's floor). Prints its port.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { seedDemo } from "@plaudit/demo";
import { createApp, migrate, openDatabase, silentLogger, unlimitedRateLimiter } from "@plaudit/server";

const db = openDatabase(join(mkdtempSync(join(tmpdir(), "plaudit-bench-")), "bench.sqlite"));
await migrate(db);
await seedDemo(db);
const { app } = createApp({ db, logger: silentLogger, rateLimiter: unlimitedRateLimiter });
app.get("/bench/empty", (c) => c.body(null, 204));
const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
  process.stdout.write(`port ${info.port}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
