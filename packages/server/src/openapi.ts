import { adminSessionScheme, adminUserPaths } from "./admin-users/openapi-paths.ts";

// The HTTP contract (shared/API.md) as an OpenAPI 3.1 document, written by hand and kept in step
// with the routes; openapi.test.ts checks every route of API.md is here.

type Json = Record<string, unknown>;

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json, description = "OK"): Json => ({
  description,
  content: { "application/json": { schema } },
});
const errors = (...statuses: number[]): Record<string, Json> =>
  Object.fromEntries(statuses.map((s) => [String(s), { $ref: `#/components/responses/Error${s}` }]));
const pathParam = (name: string, description: string): Json => ({
  name,
  in: "path",
  required: true,
  description,
  schema: { type: "string", minLength: 1, maxLength: 200 },
});
const queryParam = (name: string, schema: Json, description?: string): Json => ({
  name,
  in: "query",
  required: false,
  schema,
  ...(description ? { description } : {}),
});
const body = (schema: Json): Json => ({ required: true, content: { "application/json": { schema } } });

const store = pathParam("store", "The store's public id, e.g. demo");
const product = pathParam("product", "The merchant's product id (1–200 characters, percent-encoded)");
const customerHeader: Json = {
  name: "X-Plaudit-Customer",
  in: "header",
  required: true,
  schema: { type: "string" },
  description: "Customer token: customerId.unixSeconds.hex(HMAC-SHA256(storeSecret, customerId.unixSeconds))",
};
const idempotencyHeader: Json = {
  name: "Idempotency-Key",
  in: "header",
  required: true,
  schema: { type: "string", maxLength: 255 },
};
const cursorParams = [
  queryParam("cursor", { type: "string" }),
  queryParam("limit", { type: "integer", minimum: 1 }),
];
const admin = [{ bearerSecret: [] }];
/** A page of the cursor-paged routes: `{ items, nextCursor }`. */
const cursorPage = (item: string): Json => ({
  type: "object",
  required: ["items", "nextCursor"],
  properties: { items: { type: "array", items: ref(item) }, nextCursor: { type: ["string", "null"] } },
});

const errorStatuses: Record<number, string> = {
  400: "malformed_json or bad_request",
  401: "unauthorized, invalid_customer_token or expired_customer_token",
  403: "origin_not_allowed",
  404: "store_not_found, review_not_found or reward_not_found",
  409: "idempotency_conflict",
  413: "payload_too_large",
  415: "unsupported_media_type",
  422: "validation_failed or insufficient_points",
  429: "rate_limited (see Retry-After)",
};

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Plaudit API",
    version: "1.0.0",
    description: "Product reviews and loyalty for any online store. Errors share one shape (Error).",
  },
  paths: {
    "/v1/stores/{store}/products/{product}/summary": {
      get: {
        summary: "Rating summary of one product",
        parameters: [store, product],
        responses: {
          "200": json(ref("Summary")),
          "304": { description: "Not modified" },
          ...errors(404, 422),
        },
      },
    },
    "/v1/stores/{store}/summaries": {
      get: {
        summary: "Rating summaries of 1–100 products, in the order asked",
        parameters: [
          store,
          { ...queryParam("products", { type: "string" }, "comma list of 1–100 ids"), required: true },
        ],
        responses: {
          "200": json({
            type: "object",
            required: ["items"],
            properties: { items: { type: "array", items: ref("Summary") } },
          }),
          "304": { description: "Not modified" },
          ...errors(404, 422),
        },
      },
    },
    "/v1/stores/{store}/products/{product}/snippet": {
      get: {
        summary:
          "Server-rendered reviews (or star badge) as an HTML fragment with the Product JSON-LD and the state plaudit.js hydrates from (docs/ssr.md)",
        parameters: [
          store,
          product,
          queryParam("widget", { enum: ["reviews", "stars"], default: "reviews" }),
          queryParam("locale", { type: "string", maxLength: 35, default: "en" }, "BCP 47 tag"),
          queryParam("theme", { enum: ["light", "dark", "auto"], default: "auto" }),
          queryParam("shadow", { enum: ["declarative", "light"], default: "declarative" }),
          queryParam("styles", { enum: ["inline", "link"], default: "inline" }),
          queryParam("pageSize", { type: "integer", minimum: 1, maximum: 50, default: 10 }),
          queryParam("name", { type: "string", maxLength: 200 }, "product facts for the JSON-LD"),
          queryParam("description", { type: "string", maxLength: 1000 }),
          queryParam("sku", { type: "string", maxLength: 200 }),
          queryParam("brand", { type: "string", maxLength: 200 }),
          queryParam("image", { type: "string", format: "uri", maxLength: 2000 }),
          queryParam("url", { type: "string", format: "uri", maxLength: 2000 }),
          queryParam("price", { type: "string", pattern: "^\\d{1,12}(\\.\\d{1,4})?$" }),
          queryParam("currency", { type: "string", pattern: "^[A-Z]{3}$" }),
          queryParam("availability", {
            enum: ["InStock", "OutOfStock", "PreOrder", "BackOrder", "Discontinued", "LimitedAvailability"],
          }),
          queryParam("jsonLdId", { type: "string" }, "@id of the page's own Product node to merge into"),
        ],
        responses: {
          "200": { description: "OK", content: { "text/html": { schema: { type: "string" } } } },
          "304": { description: "Not modified" },
          ...errors(400, 404, 422),
        },
      },
    },
    "/v1/stores/{store}/products/{product}/reviews": {
      get: {
        summary: "Published reviews of a product, one page",
        parameters: [
          store,
          product,
          queryParam("sort", { enum: ["newest", "oldest", "highest", "lowest", "helpful", "media"] }),
          queryParam("rating", { type: "string" }, "comma list of 1–5"),
          queryParam("media", { enum: ["1", "0"] }),
          queryParam("verified", { enum: ["1", "0"] }),
          queryParam("q", { type: "string", maxLength: 200 }, "text search in title and body"),
          queryParam("limit", { type: "integer", minimum: 1, maximum: 50, default: 10 }),
          queryParam("cursor", { type: "string" }),
        ],
        responses: {
          "200": json(ref("ReviewPage")),
          "304": { description: "Not modified" },
          ...errors(404, 422),
        },
      },
      post: {
        summary: "Submit a review",
        parameters: [store, product],
        requestBody: body(ref("ReviewInput")),
        responses: {
          "201": json(
            {
              type: "object",
              required: ["review", "status"],
              properties: { review: ref("Review"), status: { enum: ["published", "pending"] } },
            },
            "Accepted",
          ),
          ...errors(400, 401, 403, 404, 413, 422, 429),
        },
      },
    },
    "/v1/stores/{store}/reviews/{id}": {
      get: {
        summary: "One published review by id (e.g. the review behind a gallery photo)",
        description:
          "Pending and rejected reviews, unknown ids and other stores' reviews are all 404 review_not_found.",
        parameters: [store, pathParam("id", "Review id")],
        responses: {
          "200": json(ref("Review")),
          "304": { description: "Not modified" },
          ...errors(404),
        },
      },
    },
    "/v1/stores/{store}/reviews/{id}/votes": {
      post: {
        summary: "Vote a review helpful or not (one vote per voter; a new vote replaces it)",
        parameters: [store, pathParam("id", "Review id")],
        requestBody: body({
          type: "object",
          required: ["value", "voter"],
          properties: { value: { enum: ["up", "down"] }, voter: { type: "string", maxLength: 128 } },
        }),
        responses: { "200": json(ref("Helpful")), ...errors(400, 403, 404, 413, 422, 429) },
      },
    },
    "/v1/stores/{store}/media": {
      post: {
        summary:
          "Upload a photo (JPEG, PNG, WebP, HEIC when readable; ≤ 15 MB, ≤ 40 MP) or video (MP4, WebM, MOV ≤ 100 MB)",
        description:
          "The type is judged from the bytes. Photos are re-encoded (metadata stripped) to 320/640/1280 px WebP + JPEG. " +
          "A video may come with a `poster` part: a JPEG/PNG/WebP frame (≤ 5 MB). The upload is private until a " +
          "published review names its id in `mediaIds`; unattached uploads are deleted after a day.",
        parameters: [store],
        requestBody: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: {
                type: "object",
                required: ["file"],
                properties: {
                  file: { type: "string", format: "binary" },
                  poster: {
                    type: "string",
                    format: "binary",
                    description: "video only: a frame as an image",
                  },
                },
              },
            },
          },
        },
        responses: { "201": json(ref("Media"), "Stored"), ...errors(400, 403, 404, 413, 415, 422, 429) },
      },
      get: {
        summary: "Gallery of published review media, newest upload first",
        parameters: [store, ...cursorParams, queryParam("product", { type: "string" })],
        responses: {
          "304": { description: "Not modified" },
          "200": json(cursorPage("GalleryItem")),
          ...errors(404, 422),
        },
      },
    },
    "/v1/stores/{store}/loyalty/program": {
      get: {
        summary: "The store's loyalty program",
        parameters: [store],
        responses: { "200": json(ref("LoyaltyProgram")), ...errors(404) },
      },
    },
    "/v1/stores/{store}/loyalty/me": {
      get: {
        summary: "The signed-in customer's points, tier, referral and history",
        parameters: [store, customerHeader],
        responses: { "200": json(ref("LoyaltyMe")), ...errors(401, 404) },
      },
    },
    "/v1/stores/{store}/loyalty/redemptions": {
      post: {
        summary: "Redeem points for a reward (idempotent by Idempotency-Key)",
        parameters: [store, customerHeader, idempotencyHeader],
        requestBody: body({
          type: "object",
          required: ["rewardId"],
          properties: { rewardId: { type: "string" } },
        }),
        responses: {
          "201": json(ref("Redemption"), "Redeemed"),
          ...errors(400, 401, 403, 404, 409, 422, 429),
          "502": {
            description: "code_issuer_failed: the merchant's code webhook failed; the points were given back",
          },
        },
      },
    },
    "/v1/stores/{store}/loyalty/join": {
      post: {
        summary: "Join the program (the first GET /loyalty/me joins too); answers like /loyalty/me",
        parameters: [store],
        requestBody: {
          required: false,
          content: {
            "application/json": {
              schema: { type: "object", properties: { customerToken: { type: "string" } } },
            },
          },
        },
        responses: { "200": json(ref("LoyaltyMe")), ...errors(401, 403, 404, 429) },
      },
    },
    "/v1/admin/orders": {
      post: {
        summary: "Report an order (idempotent on orderId): verified purchases and loyalty points",
        security: admin,
        requestBody: body(ref("OrderInput")),
        responses: {
          "201": json(
            { type: "object", properties: { orderId: { type: "string" }, created: { const: true } } },
            "Recorded",
          ),
          "200": json(
            { type: "object", properties: { orderId: { type: "string" }, created: { const: false } } },
            "Already recorded",
          ),
          ...errors(400, 401, 413, 422),
        },
      },
    },
    "/v1/admin/reviews": {
      get: {
        summary: "Reviews for moderation, newest first",
        security: admin,
        parameters: [
          queryParam("status", { enum: ["pending", "published", "rejected"] }),
          queryParam("product", { type: "string" }),
          ...cursorParams,
        ],
        responses: {
          "200": json(cursorPage("AdminReview")),
          ...errors(401, 422),
        },
      },
    },
    "/v1/admin/reviews/{id}": {
      patch: {
        summary: "Publish, hold or reject a review; set or remove the merchant's reply",
        security: admin,
        parameters: [pathParam("id", "Review id")],
        requestBody: body({
          type: "object",
          properties: {
            status: { enum: ["published", "pending", "rejected"] },
            reply: { type: ["string", "null"], maxLength: 5000 },
          },
        }),
        responses: { "200": json(ref("AdminReview")), ...errors(400, 401, 404, 422) },
      },
    },
    "/v1/admin/loyalty/program": {
      get: {
        summary: "The loyalty program with its settings",
        security: admin,
        responses: { "200": json(ref("LoyaltyProgram")), ...errors(401) },
      },
      put: {
        summary: "Replace the loyalty program and its settings",
        security: admin,
        requestBody: body(ref("LoyaltyProgram")),
        responses: { "200": json(ref("LoyaltyProgram")), ...errors(400, 401, 422) },
      },
    },
    "/v1/admin/loyalty/adjustments": {
      post: {
        summary: "Add or remove points by hand (idempotent by Idempotency-Key)",
        security: admin,
        parameters: [idempotencyHeader],
        requestBody: body({
          type: "object",
          required: ["customerId", "delta", "reason"],
          properties: {
            customerId: { type: "string" },
            delta: { type: "integer" },
            reason: { type: "string" },
          },
        }),
        responses: { "201": json({ type: "object" }, "Adjusted"), ...errors(400, 401, 409, 422) },
      },
    },
    "/v1/admin/orders/{orderId}/refund": {
      post: {
        summary: "Refund or cancel an order: its purchase points come back out (never below zero), once",
        security: admin,
        parameters: [pathParam("orderId", "The order id given to POST /v1/admin/orders")],
        responses: {
          "201": json(ref("Refund"), "Refunded"),
          "200": json(ref("Refund"), "Already refunded"),
          ...errors(401, 404),
        },
      },
    },
    "/v1/admin/loyalty/consistency": {
      get: {
        summary: "Checks balance = sum(ledger) for every customer; mismatches should always be empty",
        security: admin,
        responses: {
          "200": json({
            type: "object",
            properties: {
              ok: { type: "boolean" },
              customers: { type: "integer" },
              ledgerRows: { type: "integer" },
              negativeBalances: { type: "integer" },
              mismatches: {
                type: "array",
                items: {
                  type: "object",
                  properties: {
                    customerId: { type: "string" },
                    balance: { type: "integer" },
                    ledgerSum: { type: "integer" },
                  },
                },
              },
            },
          }),
          ...errors(401),
        },
      },
    },
    "/v1/admin/loyalty/customers/{customerId}": {
      get: {
        summary: "A customer's balance, birthday, referral code and full ledger",
        security: admin,
        parameters: [pathParam("customerId", "The store's customer id")],
        responses: { "200": json({ type: "object" }), ...errors(401, 404) },
      },
      put: {
        summary: "Set or clear the customer's birthday (MM-DD or YYYY-MM-DD; the year is not kept)",
        security: admin,
        parameters: [pathParam("customerId", "The store's customer id")],
        requestBody: body({
          type: "object",
          required: ["birthday"],
          properties: { birthday: { type: ["string", "null"] } },
        }),
        responses: { "200": json({ type: "object" }), ...errors(400, 401, 422) },
      },
    },
    "/v1/admin/loyalty/sweep": {
      post: {
        summary: "Daily job: expire inactive points, award birthdays, undo redemptions stuck without a code",
        security: admin,
        responses: { "200": json({ type: "object" }), ...errors(401, 404) },
      },
    },
    "/media/{store}/{id}/{file}": {
      get: {
        summary: "A media file (public only while its review is published and the item not rejected)",
        description:
          "URLs come from Media objects; never build them. Single byte ranges are served (206, 416). " +
          "Headers: nosniff, CSP default-src 'none', Cache-Control public, max-age=31536000, immutable.",
        parameters: [
          store,
          pathParam("id", "Media id"),
          pathParam("file", "e.g. w640.webp, w1280.jpg, video.mp4"),
        ],
        responses: {
          "200": { description: "The file" },
          "206": { description: "Partial content" },
          "304": { description: "Not modified" },
          "404": { description: "No such public file" },
          "416": { description: "Range not satisfiable" },
        },
      },
    },
    "/v1/admin/media/{id}": {
      patch: {
        summary: "Reject one photo or video (or restore it with ready); the summary's media count follows",
        security: admin,
        parameters: [pathParam("id", "Media id")],
        requestBody: body({
          type: "object",
          required: ["status"],
          properties: { status: { enum: ["rejected", "ready"] } },
        }),
        responses: {
          "200": json({
            allOf: [
              ref("Media"),
              {
                type: "object",
                properties: {
                  status: { enum: ["ready", "rejected"] },
                  reviewId: { type: ["string", "null"] },
                },
              },
            ],
          }),
          ...errors(400, 401, 404, 422),
        },
      },
    },
    "/v1/admin/media/sweep": {
      post: {
        summary: "Delete this store's uploads never attached to a review, older than a day",
        security: admin,
        responses: {
          "200": json({ type: "object", properties: { deleted: { type: "integer" } } }),
          ...errors(401),
        },
      },
    },
    "/v1/admin/audit": {
      get: {
        summary: "The audit log: who did which admin write, newest first (scope audit:read)",
        security: admin,
        parameters: [
          ...cursorParams,
          queryParam("action", { type: "string", maxLength: 100 }, "e.g. review.moderate"),
          queryParam("actor", { type: "string", maxLength: 200 }, "a key id or user id"),
          queryParam("target", { type: "string", maxLength: 200 }, "a review, order or customer id"),
          queryParam("since", { type: "string", format: "date-time" }, "rows at or after this time"),
          queryParam("until", { type: "string", format: "date-time" }, "rows before this time"),
        ],
        responses: { "200": json(cursorPage("AuditEntry")), ...errors(401, 422) },
      },
    },
    "/healthz": {
      get: {
        summary: "Liveness: the database answers",
        responses: {
          "200": json({ type: "object", properties: { ok: { const: true } } }),
          "503": { description: "Database down" },
        },
      },
    },
    "/metrics": {
      get: {
        summary: "Prometheus metrics",
        responses: {
          "200": { description: "OK", content: { "text/plain": { schema: { type: "string" } } } },
        },
      },
    },
    "/v1/openapi.json": {
      get: { summary: "This document", responses: { "200": json({ type: "object" }) } },
    },
    ...adminUserPaths,
  },
  components: {
    securitySchemes: {
      bearerSecret: { type: "http", scheme: "bearer", description: "The store's secret key" },
      adminSession: adminSessionScheme,
    },
    responses: Object.fromEntries(
      Object.entries(errorStatuses).map(([status, codes]) => [`Error${status}`, json(ref("Error"), codes)]),
    ),
    schemas: {
      Error: {
        type: "object",
        required: ["error"],
        properties: {
          error: {
            type: "object",
            required: ["code", "message"],
            properties: {
              code: { type: "string" },
              message: { type: "string" },
              fields: { type: "object", additionalProperties: { type: "string" } },
            },
          },
        },
      },
      Summary: {
        type: "object",
        required: ["productId", "count", "average", "histogram", "mediaCount"],
        properties: {
          productId: { type: "string" },
          count: { type: "integer" },
          average: { type: "number", description: "0 when count is 0" },
          histogram: {
            type: "array",
            items: { type: "integer" },
            minItems: 5,
            maxItems: 5,
            description: "index 0 = 1 star",
          },
          mediaCount: { type: "integer" },
        },
      },
      Helpful: {
        type: "object",
        required: ["up", "down"],
        properties: { up: { type: "integer" }, down: { type: "integer" } },
      },
      Media: {
        type: "object",
        required: ["id", "kind", "url", "thumbnailUrl", "width", "height"],
        properties: {
          id: { type: "string" },
          kind: { enum: ["image", "video"] },
          url: { type: "string" },
          thumbnailUrl: { type: "string" },
          width: { type: "integer" },
          height: { type: "integer" },
          srcset: { type: "string", description: "WebP sizes (for a video: of its poster)" },
          durationSeconds: { type: "number" },
          placeholder: { type: "string", description: "CSS colour shown while the image loads" },
        },
      },
      GalleryItem: {
        allOf: [
          ref("Media"),
          {
            type: "object",
            properties: {
              reviewId: { type: "string" },
              productId: { type: "string" },
              rating: { type: "integer" },
            },
          },
        ],
      },
      Review: {
        type: "object",
        required: [
          "id",
          "productId",
          "rating",
          "title",
          "body",
          "author",
          "verified",
          "createdAt",
          "helpful",
          "reply",
          "media",
        ],
        properties: {
          id: { type: "string" },
          productId: { type: "string" },
          rating: { type: "integer", minimum: 1, maximum: 5 },
          title: { type: "string" },
          body: { type: "string" },
          author: { type: "object", required: ["name"], properties: { name: { type: "string" } } },
          verified: { type: "boolean" },
          createdAt: { type: "string", format: "date-time" },
          helpful: ref("Helpful"),
          reply: {
            oneOf: [
              { type: "null" },
              {
                type: "object",
                properties: { body: { type: "string" }, createdAt: { type: "string", format: "date-time" } },
              },
            ],
          },
          media: { type: "array", items: ref("Media") },
        },
      },
      AuditEntry: {
        type: "object",
        required: ["id", "at", "actor", "action", "target", "ip", "requestId"],
        properties: {
          id: { type: "string" },
          at: { type: "string", format: "date-time" },
          actor: {
            description:
              "{ keyId } for an admin key, { userId } for an admin-app user, { cli } for the command line",
            type: "object",
            properties: { keyId: { type: "string" }, userId: { type: "string" }, cli: { type: "string" } },
          },
          action: { type: "string", description: "noun.verb, e.g. review.moderate, loyalty.adjust" },
          target: { type: "string", description: "what changed; pseudonymised once its person is erased" },
          ip: { type: "string" },
          requestId: { type: "string" },
        },
      },
      AdminReview: {
        allOf: [
          ref("Review"),
          {
            type: "object",
            properties: {
              status: { enum: ["published", "pending", "rejected"] },
              author: { type: "object", properties: { name: { type: "string" }, email: { type: "string" } } },
            },
          },
        ],
      },
      ReviewPage: {
        type: "object",
        required: ["items", "nextCursor", "total"],
        properties: {
          items: { type: "array", items: ref("Review") },
          nextCursor: { type: ["string", "null"] },
          total: { type: "integer" },
        },
      },
      ReviewInput: {
        type: "object",
        required: ["rating", "body", "author"],
        properties: {
          rating: { type: "integer", minimum: 1, maximum: 5 },
          title: { type: "string", maxLength: 150 },
          body: { type: "string", minLength: 1, maxLength: 5000 },
          author: {
            type: "object",
            required: ["name", "email"],
            properties: {
              name: { type: "string", minLength: 1, maxLength: 80 },
              email: { type: "string", format: "email" },
            },
          },
          mediaIds: { type: "array", items: { type: "string" }, maxItems: 10 },
          customerToken: { type: "string" },
          website: { type: "string", description: "Honeypot: leave empty" },
        },
      },
      OrderInput: {
        type: "object",
        required: ["orderId", "customerId", "total", "currency", "items"],
        properties: {
          orderId: { type: "string" },
          customerId: { type: "string" },
          email: { type: "string" },
          total: { type: "number", minimum: 0, maximum: 100_000_000 },
          currency: { type: "string" },
          items: {
            type: "array",
            items: {
              type: "object",
              required: ["productId", "quantity", "price"],
              properties: {
                productId: { type: "string" },
                quantity: { type: "integer", minimum: 1, maximum: 1_000_000 },
                price: { type: "number", minimum: 0, maximum: 100_000_000 },
              },
            },
          },
          referralCode: { type: "string" },
          createdAt: { type: "string", format: "date-time" },
        },
      },
      LoyaltyProgram: {
        type: "object",
        required: ["pointsName", "earning", "rewards", "tiers"],
        properties: {
          pointsName: { type: "string" },
          earning: {
            type: "array",
            items: {
              type: "object",
              properties: {
                action: { type: "string" },
                points: { type: "number", description: "for purchase: points per currency unit" },
                label: { type: "string" },
              },
            },
          },
          rewards: {
            type: "array",
            items: {
              type: "object",
              properties: {
                id: { type: "string" },
                name: { type: "string" },
                cost: { type: "integer" },
                kind: { type: "string" },
                value: { type: "number" },
              },
            },
          },
          tiers: {
            type: "array",
            items: {
              type: "object",
              properties: {
                id: { type: "string" },
                name: { type: "string" },
                threshold: { type: "number" },
                perks: { type: "array", items: { type: "string" } },
              },
            },
          },
        },
      },
      LoyaltyMe: {
        type: "object",
        required: ["customerId", "balance", "tier", "nextTier", "referral", "history"],
        properties: {
          customerId: { type: "string" },
          balance: { type: "integer" },
          pointsName: {
            type: "string",
            description: "the program's name for its points, as in /loyalty/program",
          },
          tier: { type: ["string", "null"] },
          nextTier: {
            oneOf: [
              { type: "null" },
              { type: "object", properties: { name: { type: "string" }, remaining: { type: "integer" } } },
            ],
          },
          referral: { type: "object", properties: { code: { type: "string" }, url: { type: "string" } } },
          history: {
            type: "array",
            items: {
              type: "object",
              properties: {
                id: { type: "string" },
                delta: { type: "integer" },
                reason: { type: "string" },
                createdAt: { type: "string", format: "date-time" },
              },
            },
          },
        },
      },
      Refund: {
        type: "object",
        properties: {
          orderId: { type: "string" },
          customerId: { type: "string" },
          pointsReversed: { type: "integer" },
          pointsShortfall: { type: "integer" },
          balance: { type: "integer" },
          created: { type: "boolean" },
        },
      },
      Redemption: {
        type: "object",
        required: ["id", "rewardId", "code", "pointsSpent", "balance"],
        properties: {
          id: { type: "string" },
          rewardId: { type: "string" },
          code: { type: "string" },
          pointsSpent: { type: "integer" },
          balance: { type: "integer" },
        },
      },
    },
  },
} as const;
