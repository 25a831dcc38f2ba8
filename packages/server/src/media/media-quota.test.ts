import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeStore } from "../../testing/fixtures.ts";
import { solidJpeg } from "../../testing/test-files.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../testing/test-server.ts";
import { filePart, upload } from "../../testing/upload-client.ts";
import { storedBytes } from "./media-quota.ts";

describe.each(databasesUnderTest())("the store's media quota on %s", (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db: kind });
  });
  afterAll(() => server.close());

  it("refuses uploads with 413 storage_quota_exceeded once the store keeps its quota, and only that store", async () => {
    const full = await makeStore(server.db);
    const other = await makeStore(server.db);
    const send = async (storeId: string) =>
      upload(`${server.url}/v1/stores/${storeId}/media`, [filePart(await solidJpeg(600, 400))]);
    expect((await send(full.storeId)).status).toBe(201);
    const used = await storedBytes(server.db, full.storeId);
    expect(used).toBeGreaterThan(0);
    // The quota is what the store keeps now: the next upload does not fit.
    await server.db.kysely
      .updateTable("stores")
      .set({ media_quota_bytes: used })
      .where("id", "=", full.storeId)
      .execute();
    const refused = await send(full.storeId);
    expect(refused.status).toBe(413);
    expect(refused.json.error.code).toBe("storage_quota_exceeded");
    expect(await storedBytes(server.db, full.storeId)).toBe(used);
    expect((await send(other.storeId)).status).toBe(201);
    // Room again (a larger quota): uploads are taken again.
    await server.db.kysely
      .updateTable("stores")
      .set({ media_quota_bytes: used * 3 })
      .where("id", "=", full.storeId)
      .execute();
    expect((await send(full.storeId)).status).toBe(201);
  });
});
