// First step of `npm test`: the PostgreSQL half of the suite must not vanish quietly.
// Locally, PLAUDIT_TEST_PG=off leaves the PostgreSQL variants out (each test file reports them as
// skipped). Under CI (CI=true) that is refused, and an unreachable PostgreSQL stops the run here,
// in a second, with one line — not after the build, as a wall of connection errors.
import net from "node:net";

const url = new URL(process.env.PLAUDIT_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test");
const ci = process.env.CI === "true" || process.env.CI === "1";

function stop(line) {
  process.stderr.write(`npm test: ${line}\n`);
  process.exit(1);
}

if (process.env.PLAUDIT_TEST_PG === "off") {
  if (ci) stop("CI=true refuses PLAUDIT_TEST_PG=off: the suite must run on PostgreSQL too (unset it).");
  process.stderr.write("npm test: PLAUDIT_TEST_PG=off — the PostgreSQL variants are reported as skipped.\n");
  process.exit(0);
}

const host = url.hostname || "127.0.0.1";
const port = Number(url.port || 5432);
const reachable = await new Promise((done) => {
  const socket = net.connect({ host, port });
  socket.setTimeout(3000);
  socket.once("connect", () => {
    socket.destroy();
    done(true);
  });
  socket.once("timeout", () => {
    socket.destroy();
    done(false);
  });
  socket.once("error", () => done(false));
});
if (!reachable) {
  stop(
    `PostgreSQL is not reachable at ${host}:${port} (PLAUDIT_TEST_PG_URL). Start it ` +
      "(pg_ctlcluster <version> main start), or run locally with PLAUDIT_TEST_PG=off.",
  );
}
