import * as v from "valibot";
import { httpUrl, text } from "../validation.ts";

const identifier = (what: string) => v.optional(v.nullable(text(1, 100, what)), null);

/** PUT /v1/admin/products/{product}: what the email and the review page show of a product. */
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
