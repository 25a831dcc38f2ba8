// Schema.org Product markup for search engines' review snippets. Pure: no DOM, so the server-side
// renderer builds the very same node.
import { type Review, type Summary, toJson } from "@plaudit/core";

export interface ProductJsonLdInput {
  productId: string;
  productName?: string;
  /** The product page's URL. */
  url?: string;
  summary: Summary;
  /** The reviews the shopper can see on the page. */
  reviews: readonly Review[];
  /** Base for our own `@id` (the page URL without hash); default: a page-relative `#…` id. */
  idBase?: string;
  /**
   * The `@id` of a Product node the page already has: the result is then only what we add to
   * that node (same `@id`), which consumers merge into it — no second product appears.
   */
  mergeIntoId?: string;
}

export type JsonLdNode = Record<string, unknown>;

/** Google wants author names under 100 characters. */
const AUTHOR_NAME_MAX = 99;

export const productJsonLdId = (productId: string, idBase = ""): string =>
  `${idBase}#plaudit-product-${encodeURIComponent(productId)}`;

const rating = (value: number) => ({ "@type": "Rating", ratingValue: value, bestRating: 5, worstRating: 1 });

function truncate(text: string, max: number): string {
  const chars = Array.from(text.trim());
  return chars.length <= max ? chars.join("") : `${chars.slice(0, max - 1).join("")}…`;
}

function reviewNode(review: Review): JsonLdNode {
  const node: JsonLdNode = {
    "@type": "Review",
    author: { "@type": "Person", name: truncate(review.author.name, AUTHOR_NAME_MAX) || "Anonymous" },
    reviewRating: rating(review.rating),
    datePublished: review.createdAt.slice(0, 10),
    reviewBody: review.body,
  };
  if (review.title) node.name = review.title;
  return node;
}

/** Rating and reviews only: what we contribute to any Product node. */
function ratingParts(summary: Summary, reviews: readonly Review[]): JsonLdNode {
  const parts: JsonLdNode = {};
  // A reviewCount of 0 is invalid for rich results: with no reviews we add nothing.
  if (summary.count > 0) {
    parts.aggregateRating = {
      "@type": "AggregateRating",
      ratingValue: Number(summary.average.toFixed(2)),
      reviewCount: summary.count,
      bestRating: 5,
      worstRating: 1,
    };
    if (reviews.length) parts.review = reviews.map(reviewNode);
  }
  return parts;
}

/** One Product node with `aggregateRating` and the visible `review`s. */
export function buildProductJsonLd(input: ProductJsonLdInput): JsonLdNode {
  const parts = ratingParts(input.summary, input.reviews);
  if (input.mergeIntoId !== undefined) {
    return { "@context": "https://schema.org", "@type": "Product", "@id": input.mergeIntoId, ...parts };
  }
  const node: JsonLdNode = {
    "@context": "https://schema.org",
    "@type": "Product",
    "@id": productJsonLdId(input.productId, input.idBase),
    productID: input.productId,
  };
  if (input.productName) node.name = input.productName;
  if (input.url) node.url = input.url;
  return { ...node, ...parts };
}

/** Adds our rating and reviews to a node someone else wrote (a theme's Product without `@id`). */
export function mergeRatingInto(node: JsonLdNode, summary: Summary, reviews: readonly Review[]): JsonLdNode {
  const { aggregateRating: _a, review: _r, ...rest } = node;
  return { ...rest, ...ratingParts(summary, reviews) };
}

/**
 * JSON for a `<script type="application/ld+json">`: every `<` is `\u003c` (as the server's), so
 * neither `</script` nor `<!--` (which, followed by `<script`, keeps a serialized page's script
 * open past its end tag) can appear when the DOM is saved or prerendered as HTML.
 */
export const serializeJsonLd = (node: unknown): string => toJson(node).replace(/</g, "\\u003c");
