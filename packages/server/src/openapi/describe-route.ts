import type { MiddlewareHandler } from "hono";
import type * as v from "valibot";

// A route's entry in /v1/openapi.json, written next to its handler:
//
//   app.post("/v1/stores/:store/reviews/:id/votes", describeRoute({ summary, body, responses, … }),
//     async (c) => { … parseOrFail(VoteSubmission, …) … });
//
// The schemas are @plaudit/contract's — the same ones the handler validates with — so the document
// cannot drift from the code. openapi/document.ts walks the router and turns every described route
// into an operation; a /v1 route without a description fails openapi/document.test.ts.

/** A header the API reads, documented once (openapi/parameters.ts). */
export type KnownHeader = "X-Plaudit-Customer" | "Idempotency-Key" | "If-Match";

/** Statuses answered with the one error shape; each becomes a `$ref` to a shared response. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 423 | 429;

export interface ResponseSpec {
  description?: string;
  /** A @plaudit/contract schema of the JSON body. */
  schema?: v.GenericSchema;
  /** A body that is not JSON (HTML, text, a file): its media type, described only. */
  contentType?: string;
}

/** One request a reader can send as it is written; openapi/examples.test.ts sends every one. */
export interface RouteExample {
  /** What it shows, e.g. "a 5-star review with a title". */
  summary: string;
  /**
   * Path parameters, query, headers and body. A string `{{name}}` stands for a fixture value the
   * example test fills in (see packages/server/testing/example-fixtures.ts): e.g. `{{customerToken}}`, `{{reviewId}}`.
   */
  params?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
  /** The status this request answers with. */
  status: number;
}

export interface RouteSpec {
  /** One line: what the route does, in the shop's words. */
  summary: string;
  description?: string;
  /** Path parameters: a description, and a schema when it is not a plain 1–200 character string. */
  params?: Record<string, { description: string; schema?: v.GenericSchema }>;
  /** A contract `v.object` whose entries are the query parameters. */
  query?: v.ObjectSchema<v.ObjectEntries, v.ErrorMessage<v.ObjectIssue> | undefined>;
  headers?: { name: KnownHeader; required: boolean }[];
  /** The body's schema (the one the handler parses with). */
  body?: v.GenericSchema;
  /** The body's media type; default application/json. */
  bodyType?: "application/json" | "multipart/form-data" | "application/x-www-form-urlencoded";
  /** The body may be left out (e.g. POST …/loyalty/join). */
  bodyOptional?: boolean;
  /** Success answers: a schema, or a ResponseSpec for descriptions and non-JSON bodies. */
  responses: Partial<Record<number, v.GenericSchema | ResponseSpec>>;
  /** Error answers this route gives (the one error shape). */
  errors?: ErrorStatus[];
  /**
   * Who may call an admin route (`/v1/admin/…`): by default the store's key or the admin app's
   * session cookie; `session`: only a signed-in admin app user; `none`: anyone (sign-in itself).
   */
  auth?: "session" | "none";
  /** Sends ETag and Cache-Control and answers If-None-Match with 304. */
  cacheable?: boolean;
  examples?: RouteExample[];
  /** Why the route has no example (it is exercised elsewhere), when it has none. */
  noExample?: string;
}

const SPEC = Symbol.for("plaudit.routeSpec");

type Described = MiddlewareHandler & { [SPEC]: RouteSpec };

/** The route's description as a pass-through middleware placed before its handler. */
export function describeRoute(spec: RouteSpec): MiddlewareHandler {
  const middleware: MiddlewareHandler = async (_c, next) => {
    await next();
  };
  return Object.assign(middleware, { [SPEC]: spec }) as Described;
}

/** The description a router entry carries, if it is a describeRoute middleware. */
export function routeSpecOf(handler: unknown): RouteSpec | undefined {
  return typeof handler === "function" && SPEC in handler ? (handler as Described)[SPEC] : undefined;
}
