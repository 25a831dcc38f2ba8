import { LIMITS } from "@plaudit/contract";
import type { Context } from "hono";
import { ApiError } from "../errors.ts";

/** The {product} path segment: the merchant's own id, 1–200 characters (422 otherwise). */
export function productParam(c: Context): string {
  const productId = c.req.param("product") ?? "";
  const length = [...productId].length;
  if (length < 1 || length > LIMITS.productIdMax) {
    throw new ApiError(422, "validation_failed", `product id must be 1–${LIMITS.productIdMax} characters`, {
      product: `must be 1–${LIMITS.productIdMax} characters`,
    });
  }
  return productId;
}
