import { randomUUID } from "node:crypto";
import { signCustomerToken } from "../src/customer-token.ts";
import { makeStore, postJson } from "./fixtures.ts";
import { SAMPLE_LOYALTY_PROGRAM } from "./sample-data.ts";
import { TEST_METRICS_TOKEN, type TestServer } from "./test-server.ts";

// What the documented examples refer to: a store `demo` with the sample program, customer c-1001
// who ordered tee-classic (order o-1001, 60 days ago: past the return window, its points
// spendable) and wrote a published review of it. `{{name}}` in an
// example stands for one of these values.

export interface ExampleWorld {
  secretKey: string;
  values: Record<string, () => string>;
}

export async function exampleWorld(server: TestServer): Promise<ExampleWorld> {
  const { secretKey, signingSecret } = await makeStore(server.db, { id: "demo" });
  const admin = { authorization: `Bearer ${secretKey}` };
  const put = await fetch(`${server.url}/v1/admin/loyalty/program`, {
    method: "PUT",
    headers: { ...admin, "content-type": "application/json" },
    body: JSON.stringify(SAMPLE_LOYALTY_PROGRAM),
  });
  if (put.status !== 200) throw new Error(`program: ${put.status}`);
  const order = await postJson(
    `${server.url}/v1/admin/orders`,
    {
      orderId: "o-1001",
      customerId: "c-1001",
      total: 500,
      currency: "USD",
      items: [{ productId: "tee-classic", quantity: 1, price: 500 }],
      createdAt: new Date(Date.now() - 60 * 86_400_000).toISOString(),
    },
    admin,
  );
  if (order.status !== 201) throw new Error(`order: ${order.status}`);
  const customerToken = () => signCustomerToken(signingSecret, "c-1001");
  const review = await postJson(`${server.url}/v1/stores/demo/products/tee-classic/reviews`, {
    rating: 4,
    title: "Good tee",
    body: "Fits well.",
    author: { name: "Casey", email: "casey@example.com" },
    customerToken: customerToken(),
  });
  if (review.status !== 201) throw new Error(`review: ${review.status}`);
  const reviewId: string = review.json.review.id;
  return {
    secretKey,
    values: {
      customerToken,
      reviewId: () => reviewId,
      idempotencyKey: () => randomUUID(),
      metricsToken: () => TEST_METRICS_TOKEN,
    },
  };
}

/** The example with every `{{name}}` replaced by the world's value (a fresh one each time). */
export function fillIn<T>(value: T, world: ExampleWorld): T {
  if (typeof value === "string") {
    return value.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => {
      const make = world.values[name];
      if (!make) throw new Error(`an example names {{${name}}}, which example-fixtures.ts does not make`);
      return make();
    }) as T;
  }
  if (Array.isArray(value)) return value.map((item) => fillIn(item, world)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillIn(v, world)])) as T;
  }
  return value;
}
