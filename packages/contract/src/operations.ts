import * as v from "valibot";

/** GET /v1/openapi.json: an OpenAPI 3.1 document (its own schema is OpenAPI's). */
export const OpenApiDocument = v.objectWithRest(
  { openapi: v.literal("3.1.0"), paths: v.record(v.string(), v.unknown()) },
  v.unknown(),
);

/** GET /healthz while the database answers. */
export const Health = v.object({ ok: v.literal(true) });
