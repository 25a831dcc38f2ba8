import { existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import type { AddressInfo, Server as NetServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { linkOrigin, usersCommand } from "./admin-users/cli-users.ts";
import { sweepSessions } from "./admin-users/sessions.ts";
import { sweepSignInFailures } from "./admin-users/throttle.ts";
import { createApp } from "./app.ts";
import { CliError } from "./cli-error.ts";
import { signCustomerToken } from "./customer-token.ts";
import { backupSqlite } from "./db/backup.ts";
import { type Database, describeDatabaseUrl, openDatabase, redactDatabaseUrl } from "./db/database.ts";
import { DatabaseNewerError, migrate } from "./db/migrate.ts";
import { type DemoHook, DemoMissingError, type DemoNotice, loadDemo } from "./demo-hook.ts";
import { unknownSettingWarnings } from "./env-settings.ts";
import { listen } from "./http/listen.ts";
import { serveMetrics } from "./http/metrics-server.ts";
import { parseReadCacheMs } from "./http/read-cache.ts";
import { DEFAULT_SERVER_LIMITS } from "./http/server-limits.ts";
import { keysCreate, keysList, keysRevoke, webhookSecretRotate } from "./keys/keys-cli.ts";
import { type SecretBox, SecretsKeyError, secretBox } from "./keys/secret-box.ts";
import { assertStrongSecret, WeakSecretError } from "./keys/secret-strength.ts";
import { assertSecretsOpen, currentSigningSecret, sealPlainSecrets } from "./keys/signing-secrets.ts";
import { jsonLogger, jsonStderrLines, stderrLine } from "./logger.ts";
import { IDEMPOTENCY_KEY_DAYS, sweepIdempotencyKeys } from "./loyalty/idempotency-sweep.ts";
import { mailSettingsFromEnv } from "./mail/mail-settings.ts";
import { smtpMailer } from "./mail/smtp-mailer.ts";
import { loadSharp } from "./media/image-processing.ts";
import { mediaSettingsCommand } from "./media/media-cli.ts";
import { MEDIA_LIMITS } from "./media/media-limits.ts";
import { sweepOrphans } from "./media/orphan-sweep.ts";
import { mediaStorageFromEnv } from "./media/storage-from-env.ts";
import { PRIVACY_USAGE, runPrivacyCommand } from "./privacy/privacy-cli.ts";
import { createMemoryRateLimiter, unlimitedRateLimiter } from "./rate-limit.ts";
import { SEND_STEPS, type SendOptions } from "./review-requests/send.ts";
import { graceful } from "./shutdown.ts";
import { cspAdvice } from "./snippet/csp-advice.ts";
import { findStore } from "./stores/store-repo.ts";
import { storesCreate, storesList, storesUpdate } from "./stores/stores-cli.ts";
import { serverJobRunner } from "./worker.ts";

const USAGE = `plaudit-server <command> [options]

Commands:
  start            migrate and serve (default): production, no demo store and no demo pages
  start --demo     also seed the demo store if missing and serve the demo shop (npm start;
                   needs the repository's private @plaudit/demo package)
  migrate          bring the database schema up to date
  seed             create the demo store if missing; --reviews N adds N benchmark reviews
                   (the demo package too)
  backup <file>    consistent snapshot of the SQLite database while the server runs
  token            print a customer token (loyalty, verified reviews) for testing:
                   plaudit-server token --store demo --customer alice
  stores create <storeId> --name NAME --origin URL [--origin URL…] [--time-zone ZONE] [--json]
                   create a store; prints its first admin key and signing secret once
                   (--time-zone: the IANA zone the admin counts its days in; default UTC;
                   --moderation hold: every review waits for a moderator; default publish)
  stores update <storeId> [--origin URL…] [--moderation publish|hold] [--name NAME]
                   change a store: the origins given replace its list
  stores list      the stores on this database
  keys create --store ID --name NAME [--scopes a,b]   a new admin key (printed once)
  keys list --store ID                                 keys (no secrets), revoked ones marked
  keys revoke --store ID KEY_ID                        refuse that key from now on
  webhook-secret rotate --store ID [--json]           a new code-webhook secret (printed once)
  media settings --store ID [--quota SIZE|default] [--hold-unverified on|off] [--json]
                   a store's upload rules: storage quota (bytes or 10GB, default 5GB) and
                   holding the photos/videos of reviewers without a verified purchase
  worker           run the job runner alone (review-request emails, notifications);
                   start runs one too — run as many workers as you like on one database
  csp              print what a strict Content-Security-Policy needs for server-rendered
                   widgets: the inline styles' sha256 sources and the stylesheet's name
  users create     an admin app user and their one-time set-password link:
                   plaudit-server users create --store demo --email a@shop.example --role owner
                   (roles: owner, moderator, support; users invite … prints a new link)
  sweep            delete media uploads never attached to a review, older than 45 minutes,
                   and idempotency keys older than 30 days (start does both hourly)
${PRIVACY_USAGE}
Options:
  --port N             port to listen on (env PORT, default 8787)
  --database-url URL   SQLite path / file: URL, or postgres:// URL (env DATABASE_URL,
                       default ./data/plaudit.sqlite)
  --reviews N          (seed) add N reviews to product "bench-product" of the demo store
  --product ID         (seed --reviews) product to add them to
  --store ID           (token) store id, default demo
  --name, --origin, --moderation, --scopes, --json   (stores, keys) see above
  --customer ID        (token, privacy) the customer id the token speaks for / the request is about
  --email E, --role R  (users) the user's address and role; --json prints one JSON line
                       (privacy) --email is the address the request is about
  --voter ID           (privacy) a voter id the shopper gave, to include or erase their votes
  -h, --help           this text
`;

/** PLAUDIT_SECRETS_KEY seals signing secrets at rest (keys/secret-box.ts); a weak one is refused. */
function secretsFromEnv(): SecretBox {
  const key = process.env.PLAUDIT_SECRETS_KEY?.trim() || undefined;
  try {
    return secretBox(key);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}

/** A built folder of a package the server serves, found by its manifest wherever npm installed it. */
function builtFolder(
  manifest: "@plaudit/embed/package.json" | "@plaudit/admin/package.json",
  folder: string,
) {
  return join(dirname(createRequire(import.meta.url).resolve(manifest)), folder);
}

/**
 * The database of DATABASE_URL (or --database-url), opened and migrated. Anything that stops it —
 * an unknown scheme, a PostgreSQL that does not answer or refuses the login, a file that cannot be
 * made, a database a newer Plaudit migrated — is the operator's to fix: one line naming the
 * setting (the password hidden), no stack, and nothing started.
 */
async function openMigrated(databaseUrl: string | undefined, applied: string[] = []): Promise<Database> {
  let db: Database | undefined;
  try {
    db = openDatabase(databaseUrl);
    const { results = [] } = await migrate(db);
    for (const one of results) if (one.status === "Success") applied.push(one.migrationName);
    return db;
  } catch (error) {
    await db?.close().catch(() => {});
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof DatabaseNewerError || message.startsWith("DATABASE_URL:"))
      throw new CliError(message);
    throw new CliError(`cannot use the database DATABASE_URL=${redactDatabaseUrl(databaseUrl)}: ${message}`);
  }
}

/** The stored signing secrets open with PLAUDIT_SECRETS_KEY, or the process stops in one line. */
async function secretsOpenOrFail(db: Database, secrets: SecretBox): Promise<void> {
  try {
    await assertSecretsOpen(db.kysely, secrets);
  } catch (error) {
    if (!(error instanceof SecretsKeyError)) throw error;
    await db.close();
    throw new CliError(error.message);
  }
}

/** Where media go (PLAUDIT_S3_* / PLAUDIT_MEDIA_DIR); a half-set bucket is the operator's to fix. */
function mediaStorageOrFail(db: Database) {
  try {
    return mediaStorageFromEnv(db);
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}

/** A server that would refuse every photo says so at start, in one line, rather than on uploads. */
async function sharpOrFail(): Promise<void> {
  try {
    await loadSharp();
  } catch (error) {
    const why = (error instanceof Error ? error.message : String(error)).split("\n")[0];
    fail(
      `${why}: photo uploads need it. Install it with its optional dependencies for this platform (npm install --include=optional sharp)`,
    );
  }
}

/** A demo notice as `seed` prints it: the message, then its fields on an indented line. */
function noticeText({ msg, ...fields }: DemoNotice): string {
  const rest = Object.entries(fields).map(([name, value]) => `${name}: ${value}`);
  return `${msg}\n${rest.length > 0 ? `  ${rest.join("  ")}\n` : ""}`;
}

function fail(message: string): never {
  stderrLine("error", { msg: message }, `plaudit-server: ${message}`);
  process.exit(1);
}

/** parseArgs, with a mistyped option (`--prot 80`) as one line instead of a TypeError's stack. */
function parsedArgs<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new CliError(
      `${error instanceof Error ? error.message : String(error)} (plaudit-server --help lists them)`,
    );
  }
}

const OPTIONS = {
  port: { type: "string" },
  "database-url": { type: "string" },
  reviews: { type: "string" },
  product: { type: "string" },
  store: { type: "string" },
  customer: { type: "string" },
  name: { type: "string" },
  origin: { type: "string", multiple: true },
  "time-zone": { type: "string" },
  scopes: { type: "string" },
  email: { type: "string" },
  voter: { type: "string" },
  role: { type: "string" },
  quota: { type: "string" },
  "hold-unverified": { type: "string" },
  moderation: { type: "string" },
  json: { type: "boolean" },
  demo: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

async function main(): Promise<void> {
  // `start` and `worker` write every line as their JSON log, from the first one: a refusal of a
  // mistyped option too (unknown options are let by here, and refused just below).
  const intended = parseArgs({ allowPositionals: true, strict: false, options: OPTIONS }).positionals[0];
  if (intended === undefined || intended === "start" || intended === "worker") jsonStderrLines();
  const { values, positionals } = parsedArgs(() => parseArgs({ allowPositionals: true, options: OPTIONS }));
  const command = positionals[0] ?? "start";
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  // A mistyped setting would leave the one meant at its default without a word: name it.
  for (const warning of unknownSettingWarnings(process.env))
    stderrLine("warn", { msg: warning }, `plaudit-server: warning: ${warning}`);
  const databaseUrl = values["database-url"] ?? process.env.DATABASE_URL;
  const secrets = secretsFromEnv();

  if (command === "backup") {
    const target = positionals[1];
    if (!target) fail("backup needs a target file: plaudit-server backup ./plaudit-backup.sqlite");
    let where: ReturnType<typeof describeDatabaseUrl>;
    try {
      where = describeDatabaseUrl(databaseUrl);
    } catch (error) {
      throw new CliError((error as Error).message);
    }
    // A refusal, not advice and exit 0: run from cron, that "succeeded" and backed up nothing.
    if (where.kind === "postgres")
      fail(
        'this database is PostgreSQL: back it up with pg_dump --format=custom --file=plaudit.dump "$DATABASE_URL" and restore with pg_restore --clean --if-exists --dbname="$DATABASE_URL" plaudit.dump (docs/operations.md)',
      );
    if (!existsSync(where.path)) fail(`no SQLite database at ${where.path}`);
    const file = resolve(target);
    // The first cron run of `backup ./backups/plaudit-$(date +%F).sqlite` makes its folder.
    mkdirSync(dirname(file), { recursive: true });
    let pages: number;
    try {
      pages = await backupSqlite(where.path, file);
    } catch (error) {
      fail(`cannot back up to ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
    process.stdout.write(`Backed up ${where.path} to ${file} (${pages} pages)\n`);
    return;
  }

  if (command === "stores" || command === "keys" || command === "webhook-secret" || command === "media") {
    const db = await openMigrated(databaseUrl);
    try {
      const sub = positionals[1];
      const json = values.json ?? false;
      let output: string;
      if (command === "stores" && sub === "create")
        output = await storesCreate(db, secrets, {
          id: positionals[2],
          name: values.name,
          origins: values.origin ?? [],
          timeZone: values["time-zone"],
          moderation: values.moderation,
          json,
        });
      else if (command === "stores" && sub === "update")
        output = await storesUpdate(db, {
          id: positionals[2],
          name: values.name,
          origins: values.origin,
          moderation: values.moderation,
        });
      else if (command === "stores" && sub === "list") output = await storesList(db, { json });
      else if (command === "keys" && sub === "create")
        output = await keysCreate(db, {
          store: values.store,
          name: values.name,
          scopes: values.scopes,
          json,
        });
      else if (command === "keys" && sub === "list")
        output = await keysList(db, { store: values.store, json });
      else if (command === "keys" && sub === "revoke")
        output = await keysRevoke(db, { store: values.store, keyId: positionals[2] });
      else if (command === "webhook-secret" && sub === "rotate")
        output = await webhookSecretRotate(db, secrets, { store: values.store, json });
      else if (command === "media" && sub === "settings")
        output = await mediaSettingsCommand(db, {
          store: values.store,
          json,
          ...(values.quota !== undefined ? { quota: values.quota } : {}),
          ...(values["hold-unverified"] !== undefined ? { holdUnverified: values["hold-unverified"] } : {}),
        });
      else throw new CliError(`unknown: ${command} ${sub ?? ""}\n\n${USAGE}`);
      process.stdout.write(output);
    } catch (error) {
      if (error instanceof CliError || error instanceof WeakSecretError) fail(error.message);
      throw error;
    } finally {
      await db.close();
    }
    return;
  }

  if (command === "csp") {
    process.stdout.write(cspAdvice());
    return;
  }

  if (command === "token") {
    if (!values.customer)
      fail("token needs --customer ID: plaudit-server token --store demo --customer alice");
    const db = await openMigrated(databaseUrl);
    const storeId = values.store ?? "demo";
    const secret = (await findStore(db, storeId))
      ? await currentSigningSecret(db.kysely, secrets, { storeId, purpose: "customer_token" })
      : undefined;
    // The stores there, for the refusal: on production there is no demo store to default to.
    const stores = secret
      ? []
      : (await db.kysely.selectFrom("stores").select("id").orderBy("id").limit(10).execute()).map(
          (s) => s.id,
        );
    await db.close();
    if (!secret)
      fail(
        `no store ${JSON.stringify(storeId)}: name the store with --store ID (${stores.length > 0 ? `stores here: ${stores.join(", ")}` : "this database has none: plaudit-server stores create …"})`,
      );
    // Made as a merchant's server would (docs/loyalty.md); valid for the store's token lifetime.
    process.stdout.write(`${signCustomerToken(secret, values.customer)}\n`);
    return;
  }

  if (command === "worker") {
    await runWorker(databaseUrl, secrets);
    return;
  }

  if (command === "privacy") {
    const db = await openMigrated(databaseUrl);
    const code = await runPrivacyCommand(
      {
        action: positionals[1],
        store: values.store,
        customer: values.customer,
        email: values.email,
        voter: values.voter,
      },
      {
        db,
        mediaStorage: mediaStorageOrFail(db),
        logger: jsonLogger,
        out: (text) => process.stdout.write(text),
        refuse: (message) => process.stderr.write(`plaudit-server: ${message}\n`),
      },
    );
    await db.close();
    process.exitCode = code;
    return;
  }

  if (command === "users") {
    const db = await openMigrated(databaseUrl);
    try {
      process.stdout.write(
        await usersCommand(
          db,
          {
            action: positionals[1],
            ...(values.store ? { store: values.store } : {}),
            ...(values.email ? { email: values.email } : {}),
            ...(values.role ? { role: values.role } : {}),
            json: values.json ?? false,
          },
          new Date(),
          secrets,
        ),
      );
    } catch (error) {
      await db.close();
      fail(error instanceof Error ? error.message : String(error));
    }
    await db.close();
    return;
  }

  if (command !== "start" && command !== "migrate" && command !== "seed" && command !== "sweep")
    fail(`unknown command ${command}\n\n${USAGE}`);

  // Production (`start`) seeds nothing and loads no demo code: the demo store, its owner and its
  // pages come from the private @plaudit/demo package, loaded only for `--demo` and `seed` —
  // before the database is touched, so a production install asked for it stops at once.
  const demoAsked = command === "seed" || values.demo === true;
  let demo: DemoHook | undefined;
  if (demoAsked) {
    try {
      demo = await loadDemo(undefined, command === "seed" ? "seed" : "--demo");
    } catch (error) {
      if (error instanceof DemoMissingError) fail(error.message);
      throw error;
    }
  }

  const settings = command === "start" ? serverSettings(values.port) : undefined;
  if (command === "start") await sharpOrFail();
  const applied: string[] = [];
  const db = await openMigrated(databaseUrl, applied);
  if (command === "sweep") {
    const { deleted } = await sweepOrphans(db, mediaStorageOrFail(db), {
      now: new Date(),
      logger: jsonLogger,
    });
    process.stdout.write(`Deleted ${deleted} media upload(s) never attached to a review.\n`);
    const keys = await sweepIdempotencyKeys(db, { now: new Date() });
    process.stdout.write(
      `Deleted ${keys.deleted} idempotency key(s) older than ${IDEMPOTENCY_KEY_DAYS} days.\n`,
    );
    await db.close();
    return;
  }
  if (command === "migrate") {
    // What an upgrade changed (docs/operations.md, "Upgrading"), not only that it is done.
    process.stdout.write(
      applied.length > 0
        ? `Applied ${applied.length} migration(s): ${applied.join(", ")}.\nDatabase is up to date.\n`
        : "No migration to apply. Database is up to date.\n",
    );
    await db.close();
    return;
  }

  await secretsOpenOrFail(db, secrets);
  const sealed = await sealPlainSecrets(db.kysely, secrets);
  if (sealed > 0) jsonLogger.info({ msg: "sealed signing secrets with PLAUDIT_SECRETS_KEY", sealed });

  // The same storage createApp picks below, so the seeded photos are served.
  const mediaStorage = mediaStorageOrFail(db);
  let seeded: Awaited<ReturnType<DemoHook["seed"]>> | undefined;
  if (demo) {
    try {
      seeded = await demo.seed({
        db,
        secrets,
        mediaStorage,
        env: process.env,
      });
    } catch (error) {
      if (error instanceof CliError) {
        await db.close();
        fail(error.message);
      }
      throw error;
    }
    // `start` is a server: what it says goes to its JSON log. `seed` is a command run by hand.
    if (command === "seed")
      for (const notice of [...seeded.notices, seeded.adminSignIn(`${linkOrigin()}/admin/`)])
        process.stdout.write(noticeText(notice));
    else for (const notice of seeded.notices) jsonLogger.info(notice);
  }

  if (command === "seed") {
    if (values.reviews !== undefined) {
      const count = Number(values.reviews);
      if (!Number.isInteger(count) || count < 1) fail("--reviews needs a positive integer");
      const started = performance.now();
      await demo?.seedBenchmarkReviews(db, {
        count,
        ...(values.product ? { productId: values.product } : {}),
      });
      process.stdout.write(`Added ${count} reviews in ${Math.round(performance.now() - started)} ms.\n`);
    } else {
      process.stdout.write(
        seeded?.created
          ? `Seeded the demo store with ${seeded.reviews} reviews and ${seeded.photos} photos.\n`
          : `The demo store exists; kept its data${seeded && seeded.photos > 0 ? ` and added ${seeded.photos} photos` : ""}.\n`,
      );
    }
    await db.close();
    return;
  }

  const {
    port,
    hostname,
    readCacheMs,
    mail,
    trustProxy,
    metricsToken,
    metricsPort,
    maxConnections,
    mediaBaseUrl,
  } = settings as NonNullable<typeof settings>;
  const plaudit = createApp({
    readCacheMs,
    ...(mail.publicUrl ? { publicUrl: mail.publicUrl } : {}),
    ...(mail.smtpUrl ? { mailer: smtpMailer(mail.smtpUrl) } : {}),
    db,
    secrets,
    mediaStorage,
    ...(mediaBaseUrl ? { mediaBaseUrl } : {}),
    logger: jsonLogger,
    processMetrics: true,
    trustProxy,
    ...(metricsToken ? { metricsToken } : {}),
    allowPrivateWebhooks: process.env.PLAUDIT_ALLOW_PRIVATE_WEBHOOKS === "1",
    rateLimiter: process.env.PLAUDIT_RATE_LIMITS === "off" ? unlimitedRateLimiter : createMemoryRateLimiter(),
    // The demo's pages and sign-in (`--demo` only); production mounts nothing more.
    ...(demo ? { routes: demo.routes(process.env) } : {}),
    assets: {
      // plaudit.js and its chunks; the admin app (scripts/build.mjs builds both).
      embedDir: process.env.PLAUDIT_EMBED_DIR ?? builtFolder("@plaudit/embed/package.json", "dist/browser"),
      adminDir: process.env.PLAUDIT_ADMIN_DIR ?? builtFolder("@plaudit/admin/package.json", "dist"),
    },
  });
  const { ctx } = plaudit;
  const limits = { ...DEFAULT_SERVER_LIMITS, maxConnections };
  // Nothing else runs (jobs, sweeps, the metrics port) until the server holds its port: a port in
  // use or a HOST that is not this machine's is one line and exit 1 — it was an unhandled 'error'
  // event (a stack) after the job runner had already started claiming and sending.
  const server = listen(plaudit, { port, hostname, limits });
  let metricsServer: ReturnType<typeof serveMetrics> | undefined;
  let info: AddressInfo;
  try {
    info = await bound(server, `HOST ${hostname}, port ${port} (PORT or --port)`);
    if (metricsPort !== undefined) {
      metricsServer = serveMetrics(ctx.metrics.registry, { port: metricsPort });
      const metricsInfo = await bound(metricsServer, `127.0.0.1, port ${metricsPort} (PLAUDIT_METRICS_PORT)`);
      const metricsUrl = `http://127.0.0.1:${metricsInfo.port}/metrics`;
      jsonLogger.info({ msg: `metrics on ${metricsUrl}`, url: metricsUrl, port: metricsInfo.port });
    }
  } catch (error) {
    server.close();
    metricsServer?.close();
    await db.close();
    throw error;
  }
  // Every line `start` writes is one of its JSON log (a log shipper parsing JSON lines dropped the
  // plain ones); the message still reads "listening on <url>" for a person watching.
  const url = `http://localhost:${info.port}/`;
  jsonLogger.info(
    demo
      ? {
          msg: `Plaudit is listening on ${url} (demo: ${url}demo/)`,
          url,
          port: info.port,
          demo: `${url}demo/`,
        }
      : {
          msg: `Plaudit is listening on ${url} (production: no demo; plaudit-server stores create … makes a store)`,
          url,
          port: info.port,
        },
  );
  // Production without the secrets key works, but keeps every store's signing secrets readable in
  // the database and in each backup of it: say so at every start, once it
  // listens (a refusal to start stays its one line; the demo keeps its quiet start).
  if (!demo && !process.env.PLAUDIT_SECRETS_KEY?.trim()) {
    const msg =
      "PLAUDIT_SECRETS_KEY is not set: the stores' signing secrets are kept in the clear in the database and its backups; set it (openssl rand -base64 32, docs/operations.md) and start again: start seals them";
    stderrLine("warn", { msg }, `plaudit-server: warning: ${msg}`);
  }
  // Without it, media URLs and links are made from each request's Host: behind a proxy that is often
  // an inner name, and a CDN keyed by path serves one Host's URLs to everyone (public caching).
  if (!demo && !mail.publicUrl) {
    const msg =
      "PLAUDIT_PUBLIC_URL is not set: media URLs and links are made from each request's Host, and review-request emails cannot be sent; set it to the https origin shoppers reach (docs/operations.md, step 6)";
    stderrLine("warn", { msg }, `plaudit-server: warning: ${msg}`);
  }

  // The demo owner's sign-in, once the server listens: the port it really bound (`--port 0`).
  if (seeded) jsonLogger.info(seeded.adminSignIn(`${url}admin/`));

  // Uploads never attached to a review go within the hour (MEDIA_LIMITS), idempotency keys after
  // 30 days; a pass every ten minutes keeps both promises.
  const sweep = () => {
    sweepOrphans(ctx.db, ctx.mediaStorage, { now: new Date(), logger: jsonLogger })
      .then(({ deleted }) => deleted > 0 && jsonLogger.info({ msg: "swept orphaned media", deleted }))
      .catch((error: unknown) => jsonLogger.error({ msg: "media sweep failed", error: String(error) }));
    sweepIdempotencyKeys(ctx.db, { now: new Date() })
      .then(({ deleted }) => deleted > 0 && jsonLogger.info({ msg: "swept idempotency keys", deleted }))
      .catch((error: unknown) => jsonLogger.error({ msg: "key sweep failed", error: String(error) }));
    sweepSessions(ctx.db, new Date())
      .then((deleted) => deleted > 0 && jsonLogger.info({ msg: "swept ended admin sessions", deleted }))
      .catch((error: unknown) => jsonLogger.error({ msg: "session sweep failed", error: String(error) }));
    sweepSignInFailures(ctx.db, new Date())
      .then((deleted) => deleted > 0 && jsonLogger.info({ msg: "swept old sign-in failures", deleted }))
      .catch((error: unknown) =>
        jsonLogger.error({ msg: "sign-in failure sweep failed", error: String(error) }),
      );
  };
  const sweeper = setInterval(sweep, MEDIA_LIMITS.orphanSweepEveryMs);
  sweeper.unref();
  const jobs = serverJobRunner(ctx);
  jobs.start();

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(sweeper);
    metricsServer?.close();
    jsonLogger.info({ msg: "shutting down", signal });
    // Stop accepting and let the requests in flight finish; at the same time the job runner hands
    // back the jobs it had not begun (another worker takes them at once) and finishes the ones it
    // is running. Connections kept alive are closed as soon as they are idle (a browser's would
    // otherwise hold the process for its whole keep-alive time). After SHUTDOWN_GRACE_MS the
    // process exits anyway: what is still running then is rolled back or retried (a crash's rules).
    const serverClosed = new Promise<void>((done) => server.close(() => done()));
    const idle = setInterval(() => "closeIdleConnections" in server && server.closeIdleConnections(), 100);
    idle.unref();
    void graceful([serverClosed, jobs.stop()], db).then(() => {
      jsonLogger.info({ msg: "stopped", signal });
      process.exit(0);
    });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

/** Resolves when `server` listens; a refused address (in use, not this machine's) is a CliError. */
function bound(server: NetServer, where: string): Promise<AddressInfo> {
  return new Promise((done, refuse) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const why =
        error.code === "EADDRINUSE"
          ? "the port is in use"
          : error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND"
            ? "no such address on this machine"
            : error.code === "EACCES"
              ? "not allowed to bind it"
              : error.message;
      refuse(new CliError(`cannot listen on ${where}: ${why}`));
    };
    server.once("error", onError);
    server.once("listening", () => {
      server.removeListener("error", onError);
      done(server.address() as AddressInfo);
    });
  });
}

/**
 * `start`'s settings from the environment (and --port), all checked before the database is
 * touched: a mistyped one stops the process with one line naming it, before any migration.
 */
function serverSettings(portFlag: string | undefined) {
  // An empty PORT (a compose file's `PORT=`) is unset, not port 0 (any free port, silently).
  const port = Number(portFlag ?? (process.env.PORT?.trim() || 8787));
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(
      `PORT (or --port) must be a port number from 0 to 65535, not ${JSON.stringify(portFlag ?? process.env.PORT)}`,
    );
  let readCacheMs: number;
  try {
    readCacheMs = parseReadCacheMs(process.env.PLAUDIT_READ_CACHE_MS);
  } catch (error) {
    fail((error as Error).message);
  }
  let mail: ReturnType<typeof mailSettingsFromEnv>;
  try {
    mail = mailSettingsFromEnv(process.env);
  } catch (error) {
    fail((error as Error).message);
  }
  const trustProxy = Number(process.env.PLAUDIT_TRUST_PROXY?.trim() || 0);
  if (!Number.isInteger(trustProxy) || trustProxy < 0 || trustProxy > 10)
    fail("PLAUDIT_TRUST_PROXY must be the number of proxies you run in front (0–10)");
  const metricsToken = process.env.PLAUDIT_METRICS_TOKEN?.trim() || undefined;
  if (metricsToken) {
    try {
      assertStrongSecret("PLAUDIT_METRICS_TOKEN", metricsToken);
    } catch (error) {
      fail((error as Error).message);
    }
  }
  const metricsPort = process.env.PLAUDIT_METRICS_PORT?.trim()
    ? Number(process.env.PLAUDIT_METRICS_PORT)
    : undefined;
  if (metricsPort !== undefined && (!Number.isInteger(metricsPort) || metricsPort < 0 || metricsPort > 65535))
    fail("PLAUDIT_METRICS_PORT must be a port number");
  const maxConnections = Number(
    process.env.PLAUDIT_MAX_CONNECTIONS?.trim() || DEFAULT_SERVER_LIMITS.maxConnections,
  );
  if (!Number.isInteger(maxConnections) || maxConnections < 1)
    fail("PLAUDIT_MAX_CONNECTIONS must be a positive integer");
  const mediaBaseUrl = process.env.PLAUDIT_MEDIA_BASE_URL?.trim() || undefined;
  if (mediaBaseUrl !== undefined && !/^https?:\/\/[^/?#\s]+/i.test(mediaBaseUrl))
    fail("PLAUDIT_MEDIA_BASE_URL must be an http(s) URL such as https://cdn.example.com/plaudit");
  const hostname = process.env.HOST?.trim() || "0.0.0.0";
  return {
    port,
    hostname,
    readCacheMs,
    mail,
    trustProxy,
    metricsToken,
    metricsPort,
    maxConnections,
    mediaBaseUrl,
  };
}

/**
 * Fault injection for the crash tests (review-requests/worker-sigkill.test.ts), never set in
 * production: with PLAUDIT_TEST_HALT_AT=before-smtp|after-smtp|after-record a send that reaches
 * that step logs "halted for a test" and goes no further, so the test can SIGKILL this process
 * exactly there.
 */
function haltForTests(step: string | undefined): { send?: SendOptions } {
  const steps: readonly string[] = SEND_STEPS;
  if (!step) return {};
  if (!steps.includes(step)) fail(`PLAUDIT_TEST_HALT_AT must be one of ${SEND_STEPS.join(", ")}`);
  return {
    send: {
      atStep: async (where, requestId) => {
        if (where !== step) return;
        jsonLogger.info({ msg: "halted for a test", step: where, requestId });
        // A send that really hangs holds its socket open, and with it the process; a bare pending
        // promise holds nothing (on SQLite no pool socket does either), so the halt holds a timer.
        setInterval(() => undefined, 60_000);
        await new Promise<never>(() => {});
      },
    },
  };
}

/** `plaudit-server worker`: the job runner without the HTTP server. */
async function runWorker(databaseUrl: string | undefined, secrets: SecretBox): Promise<void> {
  let mail: ReturnType<typeof mailSettingsFromEnv>;
  try {
    mail = mailSettingsFromEnv(process.env);
  } catch (error) {
    fail((error as Error).message);
  }
  const db = await openMigrated(databaseUrl);
  await secretsOpenOrFail(db, secrets);
  const mailer = mail.smtpUrl ? smtpMailer(mail.smtpUrl) : undefined;
  const { ctx } = createApp({
    db,
    // The links in review requests are signed with the store's links secret, sealed under
    // PLAUDIT_SECRETS_KEY like the others: without the key the worker failed every request.
    secrets,
    logger: jsonLogger,
    mediaStorage: mediaStorageOrFail(db),
    ...(mail.publicUrl ? { publicUrl: mail.publicUrl } : {}),
    ...(mailer ? { mailer } : {}),
  });
  const jobs = serverJobRunner(ctx, { ...haltForTests(process.env.PLAUDIT_TEST_HALT_AT) });
  jobs.start();
  jsonLogger.info({ msg: "worker started", workerId: jobs.workerId });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    jsonLogger.info({ msg: "worker stopping", signal });
    // Jobs not begun go back to the queue at once; the running ones get SHUTDOWN_GRACE_MS (a mail
    // server that hangs kept the worker up for its timeouts, batch after batch of the turn).
    await graceful([jobs.stop()], db);
    mailer?.close();
    ctx.metrics.detach();
    jsonLogger.info({ msg: "worker stopped", signal });
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  // The operator's to fix (a setting, the database): one line. Anything else is a bug: its stack.
  if (error instanceof CliError || error instanceof SecretsKeyError) fail(error.message);
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error ? error.stack : undefined;
  stderrLine("error", { msg: message, ...(stack ? { stack } : {}) }, `plaudit-server: ${stack ?? message}`);
  process.exit(1);
});
