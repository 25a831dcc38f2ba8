// The catalog, fulfilment, review-request and hosted-page routes in the OpenAPI document
// (openapi.ts spreads these into its paths).

type Json = Record<string, unknown>;

const admin = [{ bearerSecret: [] }];
const errors = (...statuses: number[]): Record<string, Json> =>
  Object.fromEntries(statuses.map((s) => [String(s), { $ref: `#/components/responses/Error${s}` }]));
const ok = (schema: Json, description = "OK"): Json => ({
  description,
  content: { "application/json": { schema } },
});
const page = (description: string): Json => ({
  description,
  content: { "text/html": { schema: { type: "string" } } },
});
const body = (schema: Json): Json => ({ required: true, content: { "application/json": { schema } } });
const path = (name: string, description: string): Json => ({
  name,
  in: "path",
  required: true,
  description,
  schema: { type: "string", minLength: 1, maxLength: 200 },
});
const query = (name: string, schema: Json): Json => ({ name, in: "query", required: false, schema });
const nullableString = { type: ["string", "null"] };
const time = { type: "string", format: "date-time" };

const product: Json = {
  type: "object",
  properties: {
    productId: { type: "string" },
    name: nullableString,
    url: nullableString,
    imageUrl: nullableString,
    brand: nullableString,
    gtin: nullableString,
    mpn: nullableString,
    sku: nullableString,
    groupId: nullableString,
    updatedAt: nullableString,
  },
};
const productInput: Json = {
  type: "object",
  required: ["name", "url"],
  properties: {
    name: { type: "string", minLength: 1, maxLength: 300 },
    url: { type: "string", format: "uri" },
    imageUrl: { type: ["string", "null"], format: "uri" },
    brand: nullableString,
    gtin: { type: ["string", "null"], pattern: "^\\d{8,14}$" },
    mpn: nullableString,
    sku: nullableString,
    groupId: nullableString,
  },
};
const settings: Json = {
  type: "object",
  required: ["enabled", "from"],
  properties: {
    enabled: { type: "boolean" },
    delayDays: { type: "integer", minimum: 0, maximum: 60, default: 7 },
    reminderDays: { type: "integer", minimum: 0, maximum: 60, default: 7, description: "0: no reminder" },
    maxPerAddressPer30Days: { type: "integer", minimum: 1, maximum: 30, default: 5 },
    from: {
      type: "object",
      required: ["name", "email"],
      properties: { name: { type: "string" }, email: { type: "string", format: "email" } },
    },
    notifyEmail: { type: ["string", "null"], format: "email" },
    photoIncentivePoints: { type: "integer", minimum: 0, default: 0 },
    theme: {
      type: "object",
      description: "The hosted review page's colors (#rrggbb): the widgets' --plaudit-* tokens",
      properties: {
        accent: { type: "string", pattern: "^#[0-9a-fA-F]{6}$" },
        text: { type: "string", pattern: "^#[0-9a-fA-F]{6}$" },
        background: { type: "string", pattern: "^#[0-9a-fA-F]{6}$" },
      },
    },
  },
};
const statuses = ["scheduled", "sent", "reviewed", "failed", "suppressed", "canceled"];
const request: Json = {
  type: "object",
  required: ["id", "orderId", "email", "status", "scheduledFor", "attempts"],
  properties: {
    id: { type: "string" },
    orderId: { type: "string" },
    email: nullableString,
    status: { enum: statuses },
    scheduledFor: time,
    sentAt: time,
    reminderSentAt: time,
    clickedAt: time,
    reviewedAt: time,
    attempts: { type: "integer" },
    lastError: { type: "string" },
  },
};
const token = path("token", "The signed link token from the email");
const product_ = query("product", { type: "string" });

export const reviewRequestPaths = {
  "/v1/admin/products/{product}": {
    put: {
      summary: "Create or replace a product's facts (name, link, picture, identifiers)",
      security: admin,
      parameters: [path("product", "The merchant's product id")],
      requestBody: body(productInput),
      responses: { "200": ok(product), ...errors(400, 401, 403, 413, 422) },
    },
  },
  "/v1/admin/products": {
    get: {
      summary: "The catalog, by product id, 50 a page",
      security: admin,
      parameters: [query("cursor", { type: "string" })],
      responses: {
        "200": ok({
          type: "object",
          properties: { items: { type: "array", items: product }, nextCursor: nullableString },
        }),
        ...errors(401, 403, 422),
      },
    },
  },
  "/v1/admin/orders/{orderId}/fulfillment": {
    post: {
      summary: "Mark an order fulfilled (once): its review request is scheduled from this time",
      security: admin,
      parameters: [path("orderId", "The order id given to POST /v1/admin/orders")],
      requestBody: {
        required: false,
        content: { "application/json": { schema: { type: "object", properties: { fulfilledAt: time } } } },
      },
      responses: {
        "201": ok({ type: "object" }, "Marked fulfilled"),
        "200": ok({ type: "object" }, "Already fulfilled"),
        ...errors(400, 401, 403, 404, 422),
      },
    },
  },
  "/v1/admin/review-requests/settings": {
    get: {
      summary: "Review-request settings",
      security: admin,
      responses: { "200": ok(settings), ...errors(401, 403) },
    },
    put: {
      summary: "Replace the review-request settings (enabling needs PLAUDIT_PUBLIC_URL)",
      security: admin,
      requestBody: body(settings),
      responses: { "200": ok(settings), ...errors(400, 401, 403, 413, 422) },
    },
  },
  "/v1/admin/review-requests": {
    get: {
      summary: "Review requests, newest first, 50 a page",
      security: admin,
      parameters: [query("status", { enum: statuses }), query("cursor", { type: "string" })],
      responses: {
        "200": ok({
          type: "object",
          properties: { items: { type: "array", items: request }, nextCursor: nullableString },
        }),
        ...errors(401, 403, 422),
      },
    },
  },
  "/v1/admin/review-requests/metrics": {
    get: {
      summary: "The request funnel: scheduled, sent, failed, clicked, reviewed (all time)",
      security: admin,
      responses: {
        "200": ok({ type: "object", additionalProperties: { type: "integer" } }),
        ...errors(401, 403),
      },
    },
  },
  "/v1/admin/review-requests/{id}/send": {
    post: {
      summary: "Send a scheduled or failed request now",
      security: admin,
      parameters: [path("id", "Request id")],
      responses: { "202": ok(request, "Queued"), ...errors(401, 403, 404, 409) },
    },
  },
  "/v1/admin/review-requests/{id}/cancel": {
    post: {
      summary: "Cancel a request (nothing more is sent for it)",
      security: admin,
      parameters: [path("id", "Request id")],
      responses: { "200": ok(request), ...errors(401, 403, 404, 409) },
    },
  },
  "/r/{token}": {
    get: {
      summary: "The hosted review page (HTML, no JavaScript): the clicked product first",
      parameters: [token, product_, query("rating", { type: "integer", minimum: 1, maximum: 5 })],
      responses: { "200": page("The page"), "404": page("Invalid token or product"), "410": page("Expired") },
    },
  },
  "/r/{token}/reviews": {
    post: {
      summary: "Submit the page's form: a verified review (303 to the thank-you page)",
      parameters: [token],
      requestBody: {
        required: true,
        content: {
          "application/x-www-form-urlencoded": {
            schema: {
              type: "object",
              required: ["product", "rating", "body", "name"],
              properties: {
                product: { type: "string" },
                rating: { type: "integer", minimum: 1, maximum: 5 },
                title: { type: "string" },
                body: { type: "string" },
                name: { type: "string" },
              },
            },
          },
        },
      },
      responses: {
        "303": { description: "Stored: see the thank-you page" },
        "409": page("Already reviewed"),
        "422": page("The form again, with what to fix"),
      },
    },
  },
  "/r/{token}/media": {
    post: {
      summary: "Upload a photo or video on the page (multipart, one file part; 303 back to the page)",
      parameters: [token, product_, query("rating", { type: "integer", minimum: 1, maximum: 5 })],
      requestBody: {
        required: true,
        content: {
          "multipart/form-data": {
            schema: { type: "object", properties: { file: { type: "string", format: "binary" } } },
          },
        },
      },
      responses: {
        "303": { description: "Attached to the coming review" },
        "415": page("Not a photo or video"),
      },
    },
  },
  "/r/{token}/thanks": {
    get: {
      summary: "Thank-you page (points earned when the store runs loyalty)",
      parameters: [token, product_],
      responses: { "200": page("The page") },
    },
  },
  "/r/unsubscribe/{token}": {
    get: {
      summary: "Unsubscribe page: asks before it acts",
      parameters: [token],
      responses: { "200": page("The page") },
    },
    post: {
      summary: "Unsubscribe (RFC 8058 one-click): the address joins the store's suppression list",
      parameters: [token],
      responses: { "200": page("Unsubscribed") },
    },
  },
};
