// `plaudit-server start` as an operator runs it, with a setting wrong: every refusal is one line on
// stderr naming the setting, exit 1, no stack, and nothing started (no URL printed, no file made).
// `start` and `worker` write it as a JSON log line, as everything else they write (a log shipper
// parsing JSON lines dropped a plain one); a command typed by hand (`migrate`) as `plaudit-server: …`.
// Before, a PostgreSQL that did not answer, a database a newer Plaudit migrated, a port in use or
// an unknown option printed a stack (a port in use after the job runner had started), and
// DATABASE_URL=mysql://… made an empty SQLite file in a folder named "mysql:" and served from it.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { cliBin } from "../testing/cli-process.ts";
import { TEST_PG_URL } from "../testing/pg-schema.ts";
import { databasesUnderTest, openTestDatabase } from "../testing/test-server.ts";

const dir = mkdtempSync(join(tmpdir(), "plaudit-refusals-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  command: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in `dir` to its end: its exit code and output. */
function cli(args: string[], env: Record<string, string> = {}) {
  return new Promise<Run>((done) => {
    const child = execFile(
      process.execPath,
      [cliBin, ...args],
      { cwd: dir, env: { ...process.env, HOST: "127.0.0.1", ...env }, timeout: 60_000 },
      (_error, stdout, stderr) => done({ command: args[0] ?? "start", code: child.exitCode, stdout, stderr }),
    );
  });
}

/**
 * One refusal: exit 1, a single line — for `start` and `worker` a JSON log line (level error, the
 * reason its `msg`), for other commands `plaudit-server: …` — no stack, no server.
 */
function expectRefusal(run: Run, says: RegExp) {
  expect(run.code, run.stderr).toBe(1);
  expect(run.stderr).toMatch(/^[^\n]+\n$/);
  if (run.command === "start" || run.command === "worker") {
    const line = JSON.parse(run.stderr);
    expect(Object.keys(line)).toEqual(["level", "time", "msg"]);
    expect(line.level).toBe("error");
    expect(line.msg).toMatch(says);
  } else {
    expect(run.stderr).toMatch(/^plaudit-server: /);
    expect(run.stderr).toMatch(says);
  }
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stdout).not.toContain("listening");
}

/** A port something else holds. */
async function takenPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return { port: (server.address() as { port: number }).port, server };
}

describe("plaudit-server start refuses what it cannot run with", () => {
  it("a PostgreSQL that does not answer: names DATABASE_URL, hides its password", async () => {
    const url = new URL(TEST_PG_URL);
    url.port = "1";
    url.password = "pg-password-123";
    const run = await cli(["start", "--port", "0"], { DATABASE_URL: url.href });
    expectRefusal(run, /DATABASE_URL=postgres:\/\/[^ ]*:\*\*\*@127\.0\.0\.1:1\/.*ECONNREFUSED/);
    expect(run.stderr).not.toContain("pg-password-123");
  }, 90_000);

  it("a database scheme Plaudit does not run on: no SQLite file made in its stead", async () => {
    const run = await cli(["start", "--port", "0"], { DATABASE_URL: "mysql://shop:pw@db/reviews" });
    expectRefusal(run, /DATABASE_URL: mysql:\/\/ is not a database Plaudit runs on/);
    expect(readdirSync(dir)).not.toContain("mysql:");
  }, 90_000);

  it("a port in use, and a metrics port in use", async () => {
    const taken = await takenPort();
    try {
      const database = join(dir, "ports.sqlite");
      expectRefusal(
        await cli(["start", "--port", String(taken.port), "--database-url", database]),
        new RegExp(
          `cannot listen on HOST 127\\.0\\.0\\.1, port ${taken.port} \\(PORT or --port\\): the port is in use`,
        ),
      );
      expectRefusal(
        await cli(["start", "--port", "0", "--database-url", database], {
          PLAUDIT_METRICS_PORT: String(taken.port),
        }),
        /PLAUDIT_METRICS_PORT\): the port is in use/,
      );
    } finally {
      taken.server.close();
    }
  }, 120_000);

  it("an empty PORT is the default port, 8787, not any free one", async () => {
    // Whoever holds 8787 (this test, or another server on the machine), start must find it taken.
    const holder = createServer();
    await new Promise<void>((done) => {
      holder.once("error", () => done());
      holder.listen(8787, "127.0.0.1", done);
    });
    try {
      expectRefusal(
        await cli(["start", "--database-url", join(dir, "empty-port.sqlite")], { PORT: "" }),
        /cannot listen on HOST 127\.0\.0\.1, port 8787 \(PORT or --port\): the port is in use/,
      );
    } finally {
      holder.close();
    }
  }, 90_000);

  it("settings checked before the database is touched, and a mistyped option", async () => {
    const database = join(dir, "untouched.sqlite");
    expectRefusal(await cli(["start", "--database-url", database], { PORT: "80x" }), /PORT \(or --port\)/);
    expectRefusal(
      await cli(["start", "--port", "0", "--database-url", database], { PLAUDIT_MEDIA_BASE_URL: "cdn" }),
      /PLAUDIT_MEDIA_BASE_URL must be an http\(s\) URL/,
    );
    const smtp = await cli(["start", "--port", "0", "--database-url", database], {
      PLAUDIT_PUBLIC_URL: "https://reviews.example",
      PLAUDIT_SMTP_URL: "smtp://mailer:Xy%9q-smtp-pass@127.0.0.1:2525",
    });
    expectRefusal(smtp, /PLAUDIT_SMTP_URL: the user name and password must be URL-encoded/);
    expect(smtp.stderr).not.toContain("smtp-pass");
    expect(existsSync(database)).toBe(false);
    expectRefusal(await cli(["start", "--prot", "80"]), /Unknown option '--prot'/);
  }, 120_000);

  for (const kind of databasesUnderTest()) {
    it(`a migration that fails (${kind}): start, migrate and worker name it, and nothing of it is applied`, async () => {
      // A table of the first migration's name already there (another application's, say).
      const opened = await openTestDatabase(kind, { migrated: false });
      try {
        await sql`create table stores (legacy integer)`.execute(opened.db.kysely);
        for (const args of [["start", "--port", "0"], ["migrate"], ["worker"]]) {
          expectRefusal(
            await cli([...args, "--database-url", opened.url]),
            /migration 0001-reviews failed and none of this run's migrations were applied \(the database is as it was\): .*stores/,
          );
        }
        const done = await sql<{ n: number }>`select count(*) as n from ${sql.table(
          opened.schema ? `${opened.schema}.kysely_migration` : "kysely_migration",
        )}`
          .execute(opened.db.kysely)
          .then((result) => Number(result.rows[0]?.n))
          .catch(() => 0);
        expect(done).toBe(0);
      } finally {
        await opened.db.close();
        await opened.drop();
      }
    }, 180_000);

    it(`a database a newer Plaudit migrated (${kind}): start, migrate and worker refuse it`, async () => {
      const opened = await openTestDatabase(kind);
      try {
        // What a newer version leaves behind: a migration this code does not have.
        const table = opened.schema
          ? sql.table(`${opened.schema}.kysely_migration`)
          : sql.table("kysely_migration");
        await sql`insert into ${table} (name, timestamp) values ('9999-from-the-future', '2027-01-01T00:00:00.000Z')`.execute(
          opened.db.kysely,
        );
        for (const args of [["start", "--port", "0"], ["migrate"], ["worker"]]) {
          expectRefusal(
            await cli([...args, "--database-url", opened.url]),
            /migrated by a newer version of Plaudit \(its migration 9999-from-the-future is not in this one\)/,
          );
        }
      } finally {
        await opened.db.close();
        await opened.drop();
      }
    }, 180_000);
  }
});
