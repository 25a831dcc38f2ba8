import type { RouterRoute } from "hono/types";
import type * as v from "valibot";
import { type ErrorStatus, type ResponseSpec, type RouteSpec, routeSpecOf } from "./describe-route.ts";
import { jsonSchemaOf, namedJsonSchemas } from "./json-schema.ts";
import { ERROR_RESPONSES, headerParameter, pathParameter } from "./parameters.ts";

// /v1/openapi.json, generated: every route the router holds with a describeRoute() entry becomes an
// operation; its schemas are @plaudit/contract's, converted by json-schema.ts.

type Json = Record<string, unknown>;

export interface DescribedRoute {
  method: string;
  /** OpenAPI template, e.g. /v1/stores/{store}/reviews/{id}/votes */
  template: string;
  spec: RouteSpec;
}

/** Hono's `:name` (and `:name{regex}`) path parameters as OpenAPI's `{name}`. */
export const openApiTemplate = (honoPath: string): string =>
  honoPath.replace(/:(\w+)(\{[^}]*\})?/g, (_m, name: string) => `{${name}}`);

/** The described routes of a router, in the order they were registered. */
export function describedRoutes(routes: readonly RouterRoute[]): DescribedRoute[] {
  const found: DescribedRoute[] = [];
  for (const route of routes) {
    const spec = routeSpecOf(route.handler);
    if (spec) found.push({ method: route.method.toLowerCase(), template: openApiTemplate(route.path), spec });
  }
  return found;
}

const isSchema = (value: v.GenericSchema | ResponseSpec): value is v.GenericSchema => "~standard" in value;

function response(status: number, answer: v.GenericSchema | ResponseSpec): Json {
  const spec: ResponseSpec = isSchema(answer) ? { schema: answer } : answer;
  const description = spec.description ?? (status === 201 ? "Created" : "OK");
  if (spec.schema) {
    return {
      description,
      content: { "application/json": { schema: jsonSchemaOf(spec.schema, "output") } },
    };
  }
  if (spec.contentType)
    return { description, content: { [spec.contentType]: { schema: { type: "string" } } } };
  return { description };
}

const errorRefs = (statuses: readonly ErrorStatus[]): Json =>
  Object.fromEntries(
    [...new Set(statuses)]
      .sort()
      .map((status) => [String(status), { $ref: `#/components/responses/Error${status}` }]),
  );

function operation({ template, spec }: DescribedRoute): Json {
  const admin = template.startsWith("/v1/admin/") && spec.auth !== "none";
  const security =
    spec.auth === "session" ? [{ adminSession: [] }] : [{ bearerSecret: [] }, { adminSession: [] }];
  const parameters: Json[] = [
    ...[...template.matchAll(/\{(\w+)\}/g)].map((m) => pathParameter(m[1]!, spec.params?.[m[1]!])),
    ...Object.entries(spec.query?.entries ?? {}).map(([name, schema]) => {
      const { description, ...json } = jsonSchemaOf(schema, "input");
      return {
        name,
        in: "query",
        required: schema.type !== "optional",
        schema: json,
        ...(description ? { description } : {}),
      };
    }),
    ...(spec.headers ?? []).map((h) => headerParameter(h.name, h.required)),
  ];
  withParameterExamples(parameters, spec);

  const responses: Json = {};
  for (const [status, answer] of Object.entries(spec.responses)) {
    if (answer) responses[status] = response(Number(status), answer);
  }
  if (spec.cacheable) responses["304"] = { description: "Not modified (If-None-Match matched the ETag)" };
  Object.assign(responses, errorRefs([...(admin ? ([401, 403] as const) : []), ...(spec.errors ?? [])]));

  return {
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    ...(admin ? { security } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...requestBody(spec),
    responses,
  };
}

function requestBody(spec: RouteSpec): Json {
  if (!spec.body) return {};
  const examples = (spec.examples ?? []).filter((e) => e.body !== undefined);
  return {
    requestBody: {
      required: !spec.bodyOptional,
      content: {
        [spec.bodyType ?? "application/json"]: {
          schema: jsonSchemaOf(spec.body, "input"),
          ...(examples.length
            ? {
                examples: Object.fromEntries(
                  examples.map((e, i) => [
                    `example${i + 1}`,
                    { summary: `${e.summary} → ${e.status}`, value: e.body },
                  ]),
                ),
              }
            : {}),
        },
      },
    },
  };
}

/** Each parameter shows the values the route's examples use. */
function withParameterExamples(parameters: Json[], spec: RouteSpec): void {
  for (const parameter of parameters) {
    const source = parameter.in === "path" ? "params" : parameter.in === "query" ? "query" : "headers";
    const examples = (spec.examples ?? []).flatMap((e, i) => {
      const value = e[source]?.[parameter.name as string];
      return value === undefined ? [] : [[`example${i + 1}`, { summary: e.summary, value }]];
    });
    if (examples.length) parameter.examples = Object.fromEntries(examples);
  }
}

/** The OpenAPI 3.1 document of a router's described routes. */
export function openApiDocument(routes: readonly RouterRoute[]): Json {
  const paths: Record<string, Json> = {};
  for (const route of describedRoutes(routes)) {
    paths[route.template] ??= {};
    paths[route.template]![route.method] = operation(route);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Plaudit API",
      version: "1.0.0",
      description:
        "Product reviews and loyalty for any online store. Generated from @plaudit/contract; errors share one shape (Error).",
    },
    paths,
    components: {
      securitySchemes: {
        bearerSecret: { type: "http", scheme: "bearer", description: "The store's secret (admin) key" },
        adminSession: {
          type: "apiKey",
          in: "cookie",
          name: "plaudit_admin",
          description: "The admin app's session (POST /v1/admin/session); writes also need X-CSRF-Token",
        },
      },
      responses: ERROR_RESPONSES,
      schemas: namedJsonSchemas(),
    },
  };
}
