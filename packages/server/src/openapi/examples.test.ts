import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiDocument } from "../../testing/api-document.ts";
import { type ExampleWorld, exampleWorld, fillIn } from "../../testing/example-fixtures.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../testing/test-server.ts";
import type { AppContext, AppEnv } from "../context.ts";
import { routeModules } from "../routes/index.ts";
import { type DescribedRoute, describedRoutes } from "./document.ts";

// Every example request the OpenAPI document shows is sent, as written, through a real server;
// its status must be the one documented and its body must match the documented schema — which the
// test tightens: an object may not carry a field the schema does not name.

// biome-ignore lint/suspicious/noExplicitAny: the generated document is walked as plain JSON
type Json = any;

const document: Json = apiDocument();

function routes(): DescribedRoute[] {
  const router = new Hono<AppEnv>();
  for (const module of routeModules) module.register(router, {} as AppContext);
  return describedRoutes(router.routes);
}

/** The schema with `additionalProperties: false` on every object that lists its properties. */
function closed(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(closed);
  if (!schema || typeof schema !== "object") return schema;
  const copy: Json = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, closed(v)]));
  if (copy.type === "object" && copy.properties && copy.additionalProperties === undefined) {
    copy.additionalProperties = false;
  }
  return copy;
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat("binary", true);

function answerSchema(route: DescribedRoute, status: number): { schema?: Json; type?: string } {
  const answer = document.paths[route.template][route.method].responses[String(status)];
  if (!answer) return {};
  const resolved = answer.$ref ? document.components.responses[answer.$ref.split("/").pop()] : answer;
  const [type, media] = Object.entries<Json>(resolved.content ?? {})[0] ?? [];
  return { type, schema: media?.schema };
}

async function send(server: TestServer, world: ExampleWorld, route: DescribedRoute, index: number) {
  const example = fillIn(route.spec.examples![index]!, world);
  const path = route.template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = example.params?.[name];
    if (value === undefined) throw new Error(`the example gives no {${name}}`);
    return encodeURIComponent(value);
  });
  const url = new URL(path, server.url);
  for (const [name, value] of Object.entries(example.query ?? {})) url.searchParams.set(name, value);
  const headers: Record<string, string> = { ...example.headers };
  if (route.template.startsWith("/v1/admin/") && route.spec.auth !== "none")
    headers.authorization = `Bearer ${world.secretKey}`;
  if (example.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(url, {
    method: route.method.toUpperCase(),
    headers,
    ...(example.body !== undefined ? { body: JSON.stringify(example.body) } : {}),
  });
  return { example, response, text: await response.text() };
}

const cases = routes().flatMap((route) =>
  (route.spec.examples ?? []).map(
    (example, index) =>
      [`${route.method.toUpperCase()} ${route.template}: ${example.summary}`, route, index] as const,
  ),
);

describe.each(databasesUnderTest())("every documented example request (%s)", (kind) => {
  let server: TestServer;
  let world: ExampleWorld;
  beforeAll(async () => {
    server = await startTestServer({ db: kind });
    world = await exampleWorld(server);
  });
  afterAll(() => server?.close());

  it("covers the routes (more than 25 examples)", () => {
    expect(cases.length).toBeGreaterThan(25);
  });

  // In registration order: examples may build on earlier ones (a redemption after the order's points).
  it.each(cases)("%s", async (_name, route, index) => {
    const { example, response, text } = await send(server, world, route, index);
    expect(response.status, text.slice(0, 400)).toBe(example.status);
    const { schema, type } = answerSchema(route, response.status);
    const documented = document.paths[route.template][route.method].responses[String(response.status)];
    expect(documented, `status ${response.status} is not documented`).toBeDefined();
    if (response.status === 204) expect(text).toBe("");
    if (type) expect(response.headers.get("content-type") ?? "").toContain(type.split("/")[0]);
    if (type !== "application/json" || !schema) return;
    const validate = ajv.compile({ ...closed(schema), components: closed(document.components) });
    const body = JSON.parse(text);
    expect(validate(body) ? [] : validate.errors, text.slice(0, 400)).toEqual([]);
  });
});
