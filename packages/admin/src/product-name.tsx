import type { ProductRef } from "@plaudit/contract";
import { type MessageKey, t } from "./i18n.ts";

// How the admin names a product: the catalog's name (a link to the shop's page when the catalog
// has one) with the id beside it, which the product filter and the API take; the id alone when the
// catalog has no name. Merchant text, so only ever text nodes.

/** The catalog's url only when it is a web page (the catalog accepts no other; old rows too). */
const webPage = (url: string | null) => (url !== null && /^https?:\/\//i.test(url) ? url : undefined);

export function ProductName(props: { product: ProductRef }) {
  const { id, name, url } = props.product;
  if (name === null) return <bdi class="product-id">{id}</bdi>;
  const page = webPage(url);
  return (
    <>
      {page ? (
        <a href={page} target="_blank" rel="noopener" class="product-name">
          <bdi>{name}</bdi>
          <span class="visually-hidden"> {t("opensNewTab")}</span>
        </a>
      ) : (
        <bdi class="product-name">{name}</bdi>
      )}{" "}
      <small class="product-id">
        (<bdi>{id}</bdi>)
      </small>
    </>
  );
}

/** A message whose `{product}` is the product's name (the words around it stay the language's). */
export function ProductIn(props: { message: MessageKey; product: ProductRef }) {
  const [before, after] = t(props.message, { product: "\u0000" }).split("\u0000");
  return (
    <>
      {before}
      <ProductName product={props.product} />
      {after}
    </>
  );
}

/** The product's name as plain text (an image's alt): the catalog's, else the id. */
export const productText = (product: ProductRef) => product.name ?? product.id;
