import { Validator } from "@seriousme/openapi-schema-validator";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { apiDocument } from "../../testing/api-document.ts";
import type { AppContext, AppEnv } from "../context.ts";
import { routeModules } from "../routes/index.ts";
import { describedRoutes, openApiTemplate } from "./document.ts";

// biome-ignore lint/suspicious/noExplicitAny: the generated document is walked as plain JSON
type Json = any;

const document: Json = apiDocument();

function routerRoutes() {
  const router = new Hono<AppEnv>();
  for (const module of routeModules) module.register(router, {} as AppContext);
  return router.routes;
}

describe("the generated OpenAPI document", () => {
  it("validates as OpenAPI 3.1", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("describes every API route the router holds (describeRoute next to the handler)", () => {
    const described = new Set(describedRoutes(routerRoutes()).map((r) => `${r.method} ${r.template}`));
    const undescribed = routerRoutes()
      .filter((r) => r.method !== "ALL" && (r.path.startsWith("/v1/") || r.path.startsWith("/media/")))
      .map((r) => `${r.method.toLowerCase()} ${openApiTemplate(r.path)}`)
      .filter((route) => !described.has(route));
    expect([...new Set(undescribed)]).toEqual([]);
  });

  it("gives every route an example request, or says why not", () => {
    const bare = describedRoutes(routerRoutes()).filter((r) => !r.spec.examples?.length && !r.spec.noExample);
    expect(bare.map((r) => `${r.method} ${r.template}`)).toEqual([]);
  });

  it("states the validators' limits, taken from the contract (no copy to drift)", () => {
    const input = document.components.schemas.ReviewInput;
    expect(input.properties.body).toMatchObject({ type: "string", minLength: 1, maxLength: 5000 });
    expect(input.properties.customerToken).toMatchObject({ type: "string", maxLength: 512 });
    expect(input.properties.mediaIds).toMatchObject({ maxItems: 10, items: { minLength: 1, maxLength: 64 } });
    expect(input.required).toEqual(["rating", "body", "author"]);
    const list = document.paths["/v1/stores/{store}/products/{product}/reviews"].get.parameters;
    expect(list.find((p: Json) => p.name === "sort").schema.enum).toEqual([
      "newest",
      "oldest",
      "highest",
      "lowest",
      "helpful",
      "media",
    ]);
  });

  // shared/API.md is read-only here: the fields the server adds to its shapes are documented in
  // the OpenAPI document (and docs/server.md, "Fields added to API.md").
  it("documents the fields added to API.md's shapes", () => {
    const settings =
      document.paths["/v1/admin/review-requests/settings"].put.requestBody.content["application/json"].schema;
    const resolved = settings.$ref ? document.components.schemas[settings.$ref.split("/").at(-1)] : settings;
    expect(resolved.properties.notifyLocale).toMatchObject({
      enum: ["en", "de", "he"],
      default: "en",
      description: expect.stringContaining("API.md"),
    });
    expect(resolved.properties.theme.description).toContain("API.md");
    expect(resolved.properties.replyTo.description).toContain("API.md");
    const answer =
      document.paths["/v1/admin/review-requests/settings"].get.responses["200"].content["application/json"]
        .schema;
    const answered = answer.$ref ? document.components.schemas[answer.$ref.split("/").at(-1)] : answer;
    expect(answered.properties.mailReady).toMatchObject({
      type: "boolean",
      description: expect.stringContaining("API.md"),
    });
  });

  it("resolves every $ref", () => {
    const refs: string[] = JSON.stringify(document).match(/#\/components\/[\w/]+/g) ?? [];
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      const [, , section, name] = ref.split("/") as [string, string, string, string];
      expect(document.components[section], ref).toHaveProperty(name);
    }
  });

  it("asks for the admin key on admin routes only", () => {
    for (const [path, item] of Object.entries<Json>(document.paths)) {
      for (const operation of Object.values<Json>(item)) {
        const signIn =
          ["/v1/admin/session", "/v1/admin/password"].includes(path) && operation.security === undefined;
        expect(Boolean(operation.security) || signIn, path).toBe(path.startsWith("/v1/admin/"));
      }
    }
  });
});
