import type { Hono } from "hono";
import type { Actor } from "./auth/actor.ts";
import type { Database } from "./db/database.ts";
import type { ServerHooks } from "./hooks.ts";
import type { AdminFailures } from "./http/admin-failures.ts";
import type { ReadCache } from "./http/read-cache.ts";
import type { SecretBox } from "./keys/secret-box.ts";
import type { Logger } from "./logger.ts";
import type { Mailer } from "./mail/mailer.ts";
import type { MediaStorage } from "./media/media-storage.ts";
import type { Metrics } from "./metrics.ts";
import type { RateLimiter } from "./rate-limit.ts";
import type { ReviewMediaSource } from "./reviews/review-media.ts";
import type { StoreRecord } from "./stores/store-repo.ts";

/** What createApp is given. Everything but `db` has a default. */
export interface AppDeps {
  db: Database;
  clock?: () => Date;
  rateLimiter?: RateLimiter;
  logger?: Logger;
  /** Built widget assets; without it the server serves only the API. */
  assets?: {
    embedDir: string;
    /** The admin app's build (packages/admin/dist). */
    adminDir?: string;
  };
  /**
   * More route modules, mounted after the API and before the widget files: `start --demo` passes
   * the demo package's (its pages, `/` → `/demo/`, its sign-in; demo-hook.ts). Production: none.
   */
  routes?: RouteModule[];
  hooks?: Partial<ServerHooks>;
  /** Media attached to reviews (the media module provides it); without it reviews carry no media. */
  media?: ReviewMediaSource;
  /** Where uploaded media files live; default from the environment (media/storage-from-env.ts). */
  mediaStorage?: MediaStorage;
  /** Prefix of media URLs (e.g. a CDN origin); default "" (root-relative URLs). */
  mediaBaseUrl?: string;
  /** Also export Node's process metrics on /metrics (the CLI turns this on). */
  processMetrics?: boolean;
  /**
   * How many reverse proxies of your own stand in front (PLAUDIT_TRUST_PROXY=N): the client's
   * address is the N-th X-Forwarded-For entry from the right (http/client-ip.ts). 0: the socket's.
   */
  trustProxy?: number;
  /**
   * Serve repeated public reads from memory for this long (http/read-cache.ts); 0 or unset: off.
   * The CLI turns it on (PLAUDIT_READ_CACHE_MS, default 2000).
   */
  readCacheMs?: number;
  /**
   * Let the loyalty code webhook call loopback and private-network addresses (tests; a merchant
   * platform on the same private network). Off: only public addresses (http/public-address.ts).
   * The CLI reads PLAUDIT_ALLOW_PRIVATE_WEBHOOKS=1.
   */
  allowPrivateWebhooks?: boolean;
  /**
   * `GET /metrics` on this app answers only `Authorization: Bearer <this>` (PLAUDIT_METRICS_TOKEN);
   * without it /metrics is 404 here (scrape PLAUDIT_METRICS_PORT on 127.0.0.1 instead).
   */
  metricsToken?: string;
  /** Seals and opens stored signing secrets (PLAUDIT_SECRETS_KEY); default: stored as given. */
  secrets?: SecretBox;
  /** Failed admin authentications per address (default: in memory, http/admin-failures.ts). */
  adminFailures?: AdminFailures;
  /**
   * The origin links in emails and hosted pages use (PLAUDIT_PUBLIC_URL), e.g.
   * `https://reviews.example.com`; required for review requests.
   */
  publicUrl?: string;
  /** Sends mail (PLAUDIT_SMTP_URL); without it review requests and notifications are not sent. */
  mailer?: Mailer;
}

/** The parts every route module gets: deps with defaults filled in. */
export interface AppContext {
  db: Database;
  clock: () => Date;
  rateLimiter: RateLimiter;
  logger: Logger;
  metrics: Metrics;
  hooks: ServerHooks;
  media: ReviewMediaSource;
  mediaStorage: MediaStorage;
  mediaBaseUrl: string;
  assets?: { embedDir: string; adminDir?: string };
  trustProxy: number;
  allowPrivateWebhooks: boolean;
  secrets: SecretBox;
  adminFailures: AdminFailures;
  metricsToken?: string;
  /** The in-process cache of public reads, when on; writes through the API invalidate it. */
  readCache?: ReadCache;
  publicUrl?: string;
  mailer?: Mailer;
}

/** Per-request values set by middleware. */
export interface AppEnv {
  Variables: {
    requestId: string;
    /** Set by the store middleware on every /v1/stores/:store/* route. */
    store: StoreRecord;
    /** Set by admin authentication on every /v1/admin/* route: who acts, with which scopes. */
    actor: Actor;
    /** A shared-cacheable answer as the route made it (http/cache.ts), for the read cache. */
    keepable: { body: string | Uint8Array<ArrayBuffer>; headers: Record<string, string> };
    /** Set by the not-found handler: no route matched (metrics label "unmatched"). */
    unmatched: boolean;
  };
}

export type PlauditHono = Hono<AppEnv>;

/** A route module registers its routes; add one to routes/index.ts to mount it. */
export interface RouteModule {
  name: string;
  register(app: PlauditHono, ctx: AppContext): void;
}
