import { Health, OpenApiDocument } from "@plaudit/contract";
import { sql } from "kysely";
import type { RouteModule } from "../context.ts";
import { ApiError, errorBody, notFound } from "../errors.ts";
import { sameSecret } from "../keys/same-secret.ts";
import { describeRoute } from "../openapi/describe-route.ts";
import { openApiDocument } from "../openapi/document.ts";

/** How long /healthz waits for the database's answer before it says 503. */
export const HEALTH_TIMEOUT_MS = 3_000;

/** Health, metrics and the machine-readable contract. */
export const operationRoutes: RouteModule = {
  name: "operations",
  register(app, ctx) {
    app.get(
      "/healthz",
      describeRoute({
        summary: "Liveness: the database answers",
        responses: {
          200: Health,
          503: { description: "The database does not answer (error code database_unavailable)" },
        },
        examples: [{ summary: "a live server", status: 200 }],
      }),
      async (c) => {
        c.header("Cache-Control", "no-store");
        // A database that hangs (a host gone, packets dropped) is as down as one that refuses: the
        // check answers 503 after HEALTH_TIMEOUT_MS rather than never (a balancer's check times out
        // blind, and each hung check held a connection).
        let timer: NodeJS.Timeout | undefined;
        try {
          await Promise.race([
            sql`select 1`.execute(ctx.db.kysely),
            new Promise((_, late) => {
              timer = setTimeout(() => late(new Error("no answer in time")), HEALTH_TIMEOUT_MS);
            }),
          ]);
          return c.json({ ok: true });
        } catch {
          return c.json(
            { ok: false, ...errorBody("database_unavailable", "the database does not answer") },
            503,
          );
        } finally {
          clearTimeout(timer);
        }
      },
    );

    app.get(
      "/metrics",
      describeRoute({
        summary: "Prometheus metrics (request counts and latencies by route and status, database timings)",
        description:
          "Not public: 404 unless the server has PLAUDIT_METRICS_TOKEN, then `Authorization: Bearer <token>` (401 without it). Or scrape PLAUDIT_METRICS_PORT on 127.0.0.1.",
        responses: { 200: { contentType: "text/plain" } },
        errors: [401, 404],
        examples: [
          {
            summary: "with the metrics token",
            headers: { Authorization: "Bearer {{metricsToken}}" },
            status: 200,
          },
          { summary: "without it", status: 401 },
        ],
      }),
      async (c) => {
        const token = ctx.metricsToken;
        if (token === undefined) throw notFound("not_found", "no route for GET /metrics");
        const presented = /^Bearer\s+(\S{1,512})\s*$/i.exec(c.req.header("authorization") ?? "")?.[1] ?? "";
        if (!sameSecret(presented, token))
          throw new ApiError(
            401,
            "unauthorized",
            "/metrics needs Authorization: Bearer <PLAUDIT_METRICS_TOKEN>",
          );
        const text = await ctx.metrics.registry.metrics();
        return c.body(text, 200, {
          "Content-Type": ctx.metrics.registry.contentType,
          "Cache-Control": "no-store",
        });
      },
    );

    // Made from the router on first request, when every module has registered its routes.
    let document: object | undefined;
    app.get(
      "/v1/openapi.json",
      describeRoute({
        summary: "This document: the HTTP contract, generated from @plaudit/contract",
        responses: { 200: { description: "An OpenAPI 3.1 document", schema: OpenApiDocument } },
        examples: [{ summary: "the document", status: 200 }],
      }),
      (c) => {
        document ??= openApiDocument(app.routes);
        c.header("Access-Control-Allow-Origin", "*");
        c.header("Cache-Control", "public, max-age=300");
        return c.json(document);
      },
    );
  },
};
