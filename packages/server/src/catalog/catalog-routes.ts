import type { RouteModule } from "../context.ts";
import { validationFailed } from "../errors.ts";
import { readJsonBody } from "../http/json-body.ts";
import { requireScope } from "../http/require-scope.ts";
import { productParam } from "../routes/product-param.ts";
import { parseOrFail } from "../validation.ts";
import { listProducts, putProduct } from "./catalog.ts";
import { ProductInput } from "./product-input.ts";

const NO_STORE = { "Cache-Control": "no-store" };

/** The merchant's catalog: names, links and pictures for emails and the hosted review page. */
export const catalogRoutes: RouteModule = {
  name: "catalog",
  register(app, ctx) {
    app.put("/v1/admin/products/:product", requireScope("catalog:write"), async (c) => {
      const productId = productParam(c);
      const input = parseOrFail(ProductInput, await readJsonBody(c));
      const product = await putProduct(ctx.db, {
        storeId: c.get("store").id,
        productId,
        input,
        at: ctx.clock().toISOString(),
      });
      return c.json(product, 200, NO_STORE);
    });

    app.get("/v1/admin/products", requireScope("reviews:read"), async (c) => {
      const cursor = c.req.query("cursor");
      let after: string | undefined;
      if (cursor) {
        after = Buffer.from(cursor, "base64url").toString("utf8");
        if (after.length === 0 || Buffer.from(after).toString("base64url") !== cursor)
          throw validationFailed({ cursor: "is not a cursor of this list; start again without it" });
      }
      const page = await listProducts(ctx.db, {
        storeId: c.get("store").id,
        ...(after !== undefined ? { after } : {}),
      });
      return c.json(page, 200, NO_STORE);
    });
  },
};
