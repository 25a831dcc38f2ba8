import { sql } from "kysely";
import type { RouteModule } from "../context.ts";
import { openApiDocument } from "../openapi.ts";

/** Health, metrics and the machine-readable contract. */
export const operationRoutes: RouteModule = {
  name: "operations",
  register(app, ctx) {
    app.get("/healthz", async (c) => {
      c.header("Cache-Control", "no-store");
      try {
        await sql`select 1`.execute(ctx.db.kysely);
        return c.json({ ok: true });
      } catch {
        return c.json(
          { ok: false, error: { code: "database_unavailable", message: "the database does not answer" } },
          503,
        );
      }
    });

    app.get("/metrics", async (c) => {
      const text = await ctx.metrics.registry.metrics();
      return c.body(text, 200, {
        "Content-Type": ctx.metrics.registry.contentType,
        "Cache-Control": "no-store",
      });
    });

    app.get("/v1/openapi.json", (c) => {
      c.header("Access-Control-Allow-Origin", "*");
      c.header("Cache-Control", "public, max-age=300");
      return c.json(openApiDocument);
    });
  },
};
