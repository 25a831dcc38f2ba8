import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeStore, postJson } from "../../testing/fixtures.ts";
import { solidJpeg } from "../../testing/test-files.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../testing/test-server.ts";
import { filePart, upload } from "../../testing/upload-client.ts";
import { localDiskStorage } from "../media/local-disk-storage.ts";
import type { MediaStorage } from "../media/media-storage.ts";

/** Local disk storage whose deletes fail while `down` is set (an object store having a bad hour). */
function flakyStorage(dir: string): MediaStorage & { down: boolean } {
  const disk = localDiskStorage(dir);
  const storage = {
    ...disk,
    down: false,
    async delete(key: string) {
      if (storage.down) throw new Error("storage unavailable");
      await disk.delete(key);
    },
  };
  return storage;
}

describe.each(databasesUnderTest())("an erased person's photos when storage fails, on %s", (kind) => {
  let server: TestServer;
  let storage: ReturnType<typeof flakyStorage>;
  let auth: Record<string, string>;
  let storeId: string;

  beforeAll(async () => {
    // The server's own media directory, reached through the flaky wrapper.
    server = await startTestServer({ db: kind });
    storage = flakyStorage(server.mediaDir);
    server.app.ctx.mediaStorage = storage;
    const store = await makeStore(server.db);
    storeId = store.storeId;
    auth = { authorization: `Bearer ${store.secretKey}` };
  });
  afterAll(() => server.close());

  it("erases at once, keeps the files to delete, and deletes them when storage is back", async () => {
    const photo = await upload(`${server.url}/v1/stores/${storeId}/media`, [
      filePart(await solidJpeg(320, 240)),
    ]);
    expect(photo.status).toBe(201);
    const review = await postJson(`${server.url}/v1/stores/${storeId}/products/tee/reviews`, {
      rating: 5,
      body: "Fits.",
      author: { name: "Iris Vantongeren", email: "iris.v@example.com" },
      mediaIds: [photo.json.id],
    });
    expect(review.status).toBe(201);
    const files = (await server.db.kysely.selectFrom("pending_file_deletions").selectAll().execute()).length;
    expect(files).toBe(0);

    storage.down = true;
    const erased = await postJson(
      `${server.url}/v1/admin/privacy/erase`,
      { email: "iris.v@example.com" },
      auth,
    );
    expect(erased.status).toBe(200);
    const pending = await server.db.kysely.selectFrom("pending_file_deletions").selectAll().execute();
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((p) => Number(p.attempts) === 1 && p.last_error?.includes("unavailable"))).toBe(
      true,
    );
    for (const p of pending) expect(existsSync(join(server.mediaDir, p.storage_key))).toBe(true);

    // Storage is back: the media sweep (the merchant's cron) finishes the job.
    storage.down = false;
    const sweep = await postJson(`${server.url}/v1/admin/media/sweep`, {}, auth);
    expect(sweep.status).toBe(200);
    expect(await server.db.kysely.selectFrom("pending_file_deletions").selectAll().execute()).toEqual([]);
    for (const p of pending) expect(existsSync(join(server.mediaDir, p.storage_key))).toBe(false);
  });
});
