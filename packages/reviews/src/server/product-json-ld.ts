// The one Product node of a server-rendered page: our rating and reviews together with the facts
// the merchant knows (name, image, sku, brand, offers), so search engines see one complete product.
import type { Review, Summary } from "@plaudit/core";
import { scriptJson } from "../hydration/server-state.ts";
import { buildProductJsonLd, type JsonLdNode } from "../json-ld.ts";
import { escapeAttribute } from "./host-markup.ts";

/** A brand as a name, or a full schema.org Brand/Organization node. */
export type BrandFact = string | JsonLdNode;

export interface ProductFacts {
  /** Your product id (SKU, handle…): `data-product-id` and `productID`. */
  id: string;
  name?: string;
  /** One image URL or several. */
  image?: string | string[];
  sku?: string;
  brand?: BrandFact;
  /** schema.org Offer (or AggregateOffer) node(s), passed through; `@type` Offer is added when missing. */
  offers?: JsonLdNode | JsonLdNode[];
  /** The product page's absolute URL: `url`, and the base of the node's `@id`. */
  url?: string;
  description?: string;
  /**
   * Your page already writes a Product node with this `@id`: we then emit only our part under the
   * same `@id` (consumers merge the two), and none of the facts above.
   */
  jsonLdId?: string;
}

/** Marks our script so the browser's JSON-LD manager takes it over instead of adding a second one. */
export const JSON_LD_ATTRIBUTE = "data-plaudit-jsonld";

const withType = (node: JsonLdNode, type: string): JsonLdNode =>
  node["@type"] ? node : { "@type": type, ...node };

export function productJsonLd(
  product: ProductFacts,
  summary: Summary,
  reviews: readonly Review[],
): JsonLdNode {
  const url = product.url?.split("#")[0];
  const node = buildProductJsonLd({
    productId: product.id,
    productName: product.name,
    url,
    idBase: url,
    summary,
    reviews,
    mergeIntoId: product.jsonLdId,
  });
  if (product.jsonLdId !== undefined) return node;
  const { aggregateRating, review, ...identity } = node;
  const facts: JsonLdNode = {};
  if (product.description) facts.description = product.description;
  if (product.image !== undefined) facts.image = product.image;
  if (product.sku) facts.sku = product.sku;
  if (product.brand !== undefined)
    facts.brand =
      typeof product.brand === "string"
        ? { "@type": "Brand", name: product.brand }
        : withType(product.brand, "Brand");
  if (product.offers !== undefined)
    facts.offers = Array.isArray(product.offers)
      ? product.offers.map((offer) => withType(offer, "Offer"))
      : withType(product.offers, "Offer");
  return {
    ...identity,
    ...facts,
    ...(aggregateRating ? { aggregateRating } : {}),
    ...(review ? { review } : {}),
  };
}

/** The `<script type="application/ld+json">` carrying the node; every `<` is `\u003c`. */
export const jsonLdScript = (productId: string, node: JsonLdNode): string =>
  `<script type="application/ld+json" ${JSON_LD_ATTRIBUTE}="${escapeAttribute(productId)}">${scriptJson(node)}</script>`;
