import { apiDocument } from "../api-document.ts";

// The routes the fuzzer drives, read from the generated OpenAPI document so a route described next
// to its handler is fuzzed without editing the fuzzer.

export interface RouteParameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  schema: Record<string, unknown>;
}

export interface FuzzRoute {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** OpenAPI template, e.g. /v1/stores/{store}/products/{product}/reviews */
  template: string;
  parameters: RouteParameter[];
  /** The request body's media type, when the operation takes one. */
  bodyType?: "json" | "multipart" | "form";
  /** The body may be left out (an empty one is no body, not broken JSON). */
  bodyOptional: boolean;
  admin: boolean;
  /** The door the operation documents: an admin key (or a session), a session only, or none. */
  door: "key" | "session" | "none";
}

type Operation = {
  parameters?: RouteParameter[];
  requestBody?: { content?: Record<string, unknown>; required?: boolean };
  security?: Record<string, unknown>[];
};

export function routesFromOpenApi(): FuzzRoute[] {
  const routes: FuzzRoute[] = [];
  for (const [template, item] of Object.entries(apiDocument().paths as Record<string, object>)) {
    for (const [method, raw] of Object.entries(item as Record<string, Operation>)) {
      const operation = raw as Operation;
      const content = Object.keys(operation.requestBody?.content ?? {});
      routes.push({
        method: method.toUpperCase() as FuzzRoute["method"],
        template,
        parameters: operation.parameters ?? [],
        ...(content.includes("application/json")
          ? { bodyType: "json" as const }
          : content.includes("multipart/form-data")
            ? { bodyType: "multipart" as const }
            : content.includes("application/x-www-form-urlencoded")
              ? { bodyType: "form" as const }
              : {}),
        admin: template.startsWith("/v1/admin/"),
        bodyOptional: operation.requestBody?.required === false,
        door: operation.security?.some((s) => "bearerSecret" in s)
          ? "key"
          : operation.security?.length
            ? "session"
            : "none",
      });
    }
  }
  return routes;
}

/** The names of a template's path parameters, in order. */
export const pathParameterNames = (template: string): string[] =>
  [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
