import { adminSecurity } from "../admin-users/openapi-paths.ts";

// The admin app's read routes in /v1/openapi.json (spread into openapi.ts's paths).

type Json = Record<string, unknown>;

const ok = (schema: Json): Json => ({ description: "OK", content: { "application/json": { schema } } });
const error = (description: string): Json => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});
const num: Json = { type: "number" };
const int: Json = { type: "integer" };
const str: Json = { type: "string" };
const nullable = (schema: Json): Json => ({ anyOf: [schema, { type: "null" }] });
const day = (name: string, description: string): Json => ({
  name,
  in: "query",
  required: false,
  description,
  schema: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
});
const product: Json = {
  type: "object",
  properties: { productId: str, name: nullable(str), count: int, average: num },
};

export const adminAppPaths: Record<string, Json> = {
  "/v1/admin/overview": {
    get: {
      summary:
        "Figures of reviews received in a date range and not rejected: per week, ratings, media and verified shares, best and worst products, the review-request funnel (scope reviews:read)",
      security: adminSecurity,
      parameters: [
        day("from", "First day (UTC); default 83 days before to"),
        day("to", "Last day (UTC); default today"),
      ],
      responses: {
        "200": ok({
          type: "object",
          properties: {
            range: { type: "object", properties: { from: str, to: str } },
            reviews: int,
            average: nullable(num),
            ratingDistribution: { type: "array", items: int, minItems: 5, maxItems: 5 },
            withMedia: int,
            verified: int,
            byStatus: { type: "object", properties: { published: int, pending: int, rejected: int } },
            weeks: {
              type: "array",
              items: { type: "object", properties: { week: str, reviews: int, average: nullable(num) } },
            },
            topProducts: { type: "array", items: product },
            bottomProducts: { type: "array", items: product },
            requests: nullable({
              type: "object",
              properties: { created: int, sent: int, clicked: int, reviewed: int },
            }),
          },
        }),
        "403": error("insufficient_scope"),
        "422": error("validation_failed"),
      },
    },
  },
  "/v1/admin/customers": {
    get: {
      summary: "Find customers by id (prefix) or by an email address they used (scope customers:read)",
      security: adminSecurity,
      parameters: [{ name: "q", in: "query", required: true, schema: { type: "string", maxLength: 254 } }],
      responses: {
        "200": ok({
          type: "object",
          properties: {
            items: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  customerId: str,
                  emails: { type: "array", items: str },
                  balance: nullable(int),
                },
              },
            },
          },
        }),
        "403": error("insufficient_scope"),
        "422": error("validation_failed"),
      },
    },
  },
  "/v1/admin/customers/{customerId}": {
    get: {
      summary:
        "One customer: addresses, balance, tier, pending points, ledger, redemptions (scope customers:read)",
      security: adminSecurity,
      parameters: [
        { name: "customerId", in: "path", required: true, schema: { type: "string", maxLength: 200 } },
      ],
      responses: {
        "200": ok({
          type: "object",
          properties: {
            customerId: str,
            emails: { type: "array", items: str },
            orders: int,
            pointsName: str,
            balance: int,
            lifetimeEarned: int,
            tier: nullable(str),
            pendingPoints: int,
            ledger: { type: "array", items: { type: "object" } },
            redemptions: { type: "array", items: { type: "object" } },
          },
        }),
        "403": error("insufficient_scope"),
        "404": error("customer_not_found"),
      },
    },
  },
};
