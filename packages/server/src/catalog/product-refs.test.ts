import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, makeStore, postJson, reviewBody } from "../../testing/fixtures.ts";
import { solidJpeg } from "../../testing/test-files.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../testing/test-server.ts";
import { filePart, upload } from "../../testing/upload-client.ts";

// The admin names a product by the catalog's name (PUT /v1/admin/products/{product}) where it has
// one: every admin answer about reviews and their media carries `product: { id, name, url }`, the
// names of a whole page read in one query.

// biome-ignore lint/suspicious/noExplicitAny: answers are arbitrary JSON the assertions read
type Json = any;

const KETTLE = { id: "kettle", name: "Kettle <b>1.7 l</b> — עמיד", url: "https://shop.example/p/kettle" };
const UNNAMED = { id: "sock", name: null, url: null };

describe.each(databasesUnderTest())("the catalog's product names in admin answers on %s", (kind) => {
  let server: TestServer;
  let storeId: string;
  let auth: Record<string, string>;
  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { "content-type": "application/json", ...auth },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: (await res.json()) as Json };
  };
  const review = async (product: string, extra: Record<string, unknown> = {}) => {
    const posted = await postJson(
      `${server.url}/v1/stores/${storeId}/products/${product}/reviews`,
      reviewBody({ author: { name: "Ada", email: `ada-${product}@example.com` }, ...extra }),
    );
    expect(posted.status).toBe(201);
    return posted.json.review.id as string;
  };

  beforeAll(async () => {
    server = await startTestServer({ db: kind });
    let secretKey: string;
    ({ storeId, secretKey } = await makeStore(server.db, { moderation: "hold" }));
    auth = { authorization: `Bearer ${secretKey}` };
    const put = await admin("PUT", `/v1/admin/products/${KETTLE.id}`, { name: KETTLE.name, url: KETTLE.url });
    expect(put.status).toBe(200);
  });
  afterAll(() => server.close());

  it("names the product in the queue, one review, a decision and a batch; the id where the catalog has no name", async () => {
    const up = await upload(`${server.url}/v1/stores/${storeId}/media`, [
      filePart(await solidJpeg(400, 300)),
    ]);
    expect(up.status).toBe(201);
    const kettle = await review("kettle", { mediaIds: [up.json.id] });
    const sock = await review("sock");

    const list = await getJson(`${server.url}/v1/admin/reviews?status=pending`, auth);
    const byId = new Map(list.json.items.map((r: Json) => [r.id, r.product]));
    expect(byId.get(kettle)).toEqual(KETTLE);
    expect(byId.get(sock)).toEqual(UNNAMED);
    expect((await admin("GET", `/v1/admin/reviews/${kettle}`)).json.product).toEqual(KETTLE);
    expect((await admin("PATCH", `/v1/admin/reviews/${sock}`, { reply: "Thanks" })).json.product).toEqual(
      UNNAMED,
    );
    const bulk = await admin("POST", "/v1/admin/reviews/bulk", {
      items: [{ id: kettle }, { id: sock }],
      reply: "Thank you",
    });
    expect(bulk.json.items.map((r: Json) => r.product)).toEqual([KETTLE, UNNAMED]);

    const media = await admin("GET", `/v1/admin/media?review=${kettle}`);
    expect(media.json.items.map((m: Json) => m.product)).toEqual([KETTLE]);
  });

  it("reads the names of a page in one query, however many products it shows", async () => {
    let queries = 0;
    const count = () => {
      queries++;
    };
    const queriesFor = async (path: string) => {
      queries = 0;
      server.db.queryListeners.add(count);
      try {
        expect((await getJson(`${server.url}${path}`, auth)).status).toBe(200);
      } finally {
        server.db.queryListeners.delete(count);
      }
      return queries;
    };
    for (const n of [1, 2, 3, 4, 5, 6]) {
      await admin("PUT", `/v1/admin/products/lamp-${n}`, {
        name: `Lamp ${n}`,
        url: `https://shop.example/lamp-${n}`,
      });
      await review(`lamp-${n}`);
    }
    // The newest page of one review names one product; the newest six name six.
    const one = await queriesFor("/v1/admin/reviews?status=pending&limit=1&product=lamp-6");
    const six = await queriesFor("/v1/admin/reviews?status=pending&limit=6");
    expect(six).toBe(one);
    const page = await getJson(`${server.url}/v1/admin/reviews?status=pending&limit=6`, auth);
    expect(page.json.items.map((r: Json) => r.product.name).sort()).toEqual([
      "Lamp 1",
      "Lamp 2",
      "Lamp 3",
      "Lamp 4",
      "Lamp 5",
      "Lamp 6",
    ]);
  });
});
