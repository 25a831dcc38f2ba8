import * as v from "valibot";
import { cursorPage, httpUrl, queryCursor, text } from "./fields.ts";
import { LIMITS } from "./limits.ts";

// The merchant's catalog (API.md, "Catalog"): what review-request emails and the hosted review
// page show of a product.

const identifier = (what: string) => v.optional(v.nullable(text(1, 100, what)), null);

/** PUT /v1/admin/products/{product} */
export const ProductInput = v.object(
  {
    name: text(1, 300, "a product name"),
    url: httpUrl,
    imageUrl: v.optional(v.nullable(httpUrl), null),
    brand: identifier("a brand"),
    gtin: v.optional(
      v.nullable(v.pipe(v.string("must be a GTIN"), v.regex(/^\d{8,14}$/, "must be 8–14 digits"))),
      null,
    ),
    mpn: identifier("an MPN"),
    sku: identifier("a SKU"),
    groupId: identifier("a group id"),
  },
  "must be a JSON object",
);
export type ProductInput = v.InferOutput<typeof ProductInput>;

export const CatalogProduct = v.object({
  productId: v.string(),
  name: v.nullable(v.string()),
  url: v.nullable(v.string()),
  imageUrl: v.nullable(v.string()),
  brand: v.nullable(v.string()),
  gtin: v.nullable(v.string()),
  mpn: v.nullable(v.string()),
  sku: v.nullable(v.string()),
  groupId: v.nullable(v.string()),
  updatedAt: v.nullable(v.string()),
});
export type CatalogProduct = v.InferOutput<typeof CatalogProduct>;

export const CatalogPage = cursorPage(CatalogProduct);

/**
 * How the admin names a product it shows (a review's, a photo's): its id, and the catalog's name
 * and page when the merchant sent them (PUT /v1/admin/products/{product}), else null.
 */
export const ProductRef = v.object({
  id: v.string(),
  name: v.pipe(v.nullable(v.string()), v.description("the catalog's name; null when it has none")),
  url: v.pipe(v.nullable(v.string()), v.description("the product's page in the shop; null when unknown")),
});
export type ProductRef = v.InferOutput<typeof ProductRef>;

export const CatalogQuery = v.object({ cursor: queryCursor(LIMITS.cursorMax) });
