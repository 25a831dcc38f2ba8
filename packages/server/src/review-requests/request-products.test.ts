// The admin's list of review requests names what each asks about (issue: the screen named no
// products, only the order id): each request carries its order's products, each once, named from
// the catalog as the queue names them (ProductRef), in two queries for a page; send and cancel
// answer the same shape.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RequestKit, startRequestKit } from "../../testing/request-test-kit.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";

describe.each(databasesUnderTest())("review requests' products on %s", (kind) => {
  let kit: RequestKit;
  beforeAll(async () => {
    kit = await startRequestKit(kind);
    await kit.settings({ delayDays: 3 });
    await kit.product("lamp", "Desk lamp <Aurora>");
    // "bulb" is not in the catalog: named by its id alone.
    await kit.order("o-named", {
      items: [
        { productId: "lamp", quantity: 1, price: 30 },
        { productId: "bulb", quantity: 1, price: 5 },
        { productId: "lamp", quantity: 1, price: 30 },
      ],
    });
    await kit.order("o-other", { items: [{ productId: "bulb", quantity: 2, price: 5 }] });
  });
  afterAll(() => kit.close());

  const lamp = { id: "lamp", name: "Desk lamp <Aurora>", url: "https://lumen.example/p/lamp" };
  const bulb = { id: "bulb", name: null, url: null };

  it("lists each request with its order's products, each once, named from the catalog", async () => {
    const list = await kit.call("GET", "/v1/admin/review-requests");
    expect(list.status).toBe(200);
    const byOrder = Object.fromEntries(
      list.json.items.map((r: { orderId: string; products: unknown }) => [r.orderId, r.products]),
    );
    expect(byOrder).toEqual({ "o-named": [bulb, lamp], "o-other": [bulb] });
  });

  it("answers send and cancel with the products too", async () => {
    const { id } = await kit.requestOf("o-named");
    const sent = await kit.call("POST", `/v1/admin/review-requests/${id}/send`);
    expect(sent.status).toBe(202);
    expect(sent.json.products).toEqual([bulb, lamp]);
    const canceled = await kit.call("POST", `/v1/admin/review-requests/${id}/cancel`);
    expect(canceled.status).toBe(200);
    expect(canceled.json.products).toEqual([bulb, lamp]);
    // A bad status filter is refused in API.md's shape (nothing about products changes that).
    const bad = await kit.call("GET", "/v1/admin/review-requests?status=lost");
    expect(bad.status).toBe(422);
    expect(bad.json.error).toMatchObject({
      code: "validation_failed",
      fields: { status: expect.any(String) },
    });
  });
});
