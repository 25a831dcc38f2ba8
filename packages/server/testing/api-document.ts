import { Hono } from "hono";
import type { AppContext, AppEnv } from "../src/context.ts";
import { openApiDocument } from "../src/openapi/document.ts";
import { routeModules } from "../src/routes/index.ts";

/**
 * The OpenAPI document without a running app (tests, the fuzzer, scripts): every route module
 * registers onto a bare router. Registering reads nothing from the context — handlers do, later —
 * so an empty one serves.
 */
export function apiDocument(): ReturnType<typeof openApiDocument> {
  const router = new Hono<AppEnv>();
  for (const module of routeModules) module.register(router, {} as AppContext);
  return openApiDocument(router.routes);
}
