import { CatalogPage, CatalogProduct, CatalogQuery, ProductInput } from "@plaudit/contract";
import { auditEvent } from "../audit/audit-log.ts";
import type { RouteModule } from "../context.ts";
import { validationFailed } from "../errors.ts";
import { readJsonBody } from "../http/json-body.ts";
import { requireScope } from "../http/require-scope.ts";
import { describeRoute } from "../openapi/describe-route.ts";
import { productParam } from "../routes/product-param.ts";
import { NOT_A_CURSOR, parseOrFail, parseQuery } from "../validation.ts";
import { listProducts, putProduct } from "./catalog.ts";

const NO_STORE = { "Cache-Control": "no-store" };

/** The merchant's catalog: names, links and pictures for emails and the hosted review page. */
export const catalogRoutes: RouteModule = {
  name: "catalog",
  register(app, ctx) {
    app.put(
      "/v1/admin/products/:product",
      describeRoute({
        summary: "Create or replace a product's facts: name, link, picture and identifiers",
        params: { product: { description: "The merchant's product id (1–200 characters, percent-encoded)" } },
        body: ProductInput,
        responses: { 200: CatalogProduct },
        errors: [400, 413, 422],
        examples: [
          {
            summary: "the classic tee",
            params: { product: "tee-classic" },
            body: {
              name: "Classic tee",
              url: "https://shop.example/products/tee-classic",
              imageUrl: "https://shop.example/img/tee-classic.jpg",
              gtin: "04006381333931",
            },
            status: 200,
          },
          {
            summary: "a product without a link",
            params: { product: "tee-classic" },
            body: { name: "Classic tee" },
            status: 422,
          },
        ],
      }),
      requireScope("catalog:write"),
      async (c) => {
        const productId = productParam(c);
        const input = parseOrFail(ProductInput, await readJsonBody(c));
        const product = await putProduct(ctx.db, {
          storeId: c.get("store").id,
          productId,
          input,
          at: ctx.clock().toISOString(),
          audit: auditEvent(c, ctx, "product.save", productId),
        });
        return c.json(product, 200, NO_STORE);
      },
    );

    app.get(
      "/v1/admin/products",
      describeRoute({
        summary: "The catalog by product id, 50 a page",
        query: CatalogQuery,
        responses: { 200: CatalogPage },
        errors: [422],
        examples: [{ summary: "the first page", status: 200 }],
      }),
      requireScope("reviews:read"),
      async (c) => {
        const { cursor } = parseQuery(c, CatalogQuery);
        let after: string | undefined;
        if (cursor !== undefined) {
          after = Buffer.from(cursor, "base64url").toString("utf8");
          if (after.length === 0 || Buffer.from(after).toString("base64url") !== cursor)
            throw validationFailed(NOT_A_CURSOR);
        }
        const page = await listProducts(ctx.db, {
          storeId: c.get("store").id,
          ...(after !== undefined ? { after } : {}),
        });
        return c.json(page, 200, NO_STORE);
      },
    );
  },
};
