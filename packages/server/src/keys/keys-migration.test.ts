// Upgrading a database from the one-secret days (migration 0010): an existing store's secret keeps
// working as a full-scope admin key, as its customer-token secret and as its webhook secret.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertOldStore, openDatabaseAt } from "../../testing/migration-kit.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";
import { createApp } from "../app.ts";
import { signCustomerToken } from "../customer-token.ts";
import type { Database } from "../db/database.ts";
import { migrate } from "../db/migrate.ts";
import { plainSecretBox } from "./secret-box.ts";
import { currentSigningSecret } from "./signing-secrets.ts";

const OLD_SECRET = "sk_from_before_named_keys_0123456789abc";

describe.each(databasesUnderTest())("migrating stores to named keys on %s", (kind) => {
  let db: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ db, drop } = await openDatabaseAt(kind, "0004-review-search"));
    await insertOldStore(db, {
      id: "old-shop",
      name: "Old shop",
      secret_key: OLD_SECRET,
      secret_hash: createHash("sha256").update(OLD_SECRET).digest("hex"),
    });
    await migrate(db);
  });
  afterAll(async () => {
    await db.close();
    await drop();
  });

  it("keeps the old secret as a full-scope key and as both signing secrets, and empties the clear copy", async () => {
    const app = createApp({ db, logger: { info() {}, warn() {}, error() {} } });
    const admin = await app.fetch(
      new Request("http://x/v1/admin/keys", { headers: { authorization: `Bearer ${OLD_SECRET}` } }),
    );
    expect(admin.status).toBe(200);
    const { items } = (await admin.json()) as { items: { scopes: string[] }[] };
    expect(items.map((k) => k.scopes)).toEqual([["*"]]);

    const token = signCustomerToken(OLD_SECRET, "alice");
    const review = await app.fetch(
      new Request("http://x/v1/stores/old-shop/products/mug/reviews", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          rating: 5,
          body: "Still works",
          author: { name: "A", email: "a@example.com" },
          customerToken: token,
        }),
      }),
    );
    expect(review.status).toBe(201);
    for (const purpose of ["customer_token", "code_webhook"] as const) {
      expect(await currentSigningSecret(db.kysely, plainSecretBox, { storeId: "old-shop", purpose })).toBe(
        OLD_SECRET,
      );
    }
    const store = await db.kysely
      .selectFrom("stores")
      .selectAll()
      .where("id", "=", "old-shop")
      .executeTakeFirstOrThrow();
    expect(store.secret_key).toBe("");
    expect(JSON.stringify(await db.kysely.selectFrom("admin_keys").selectAll().execute())).not.toContain(
      OLD_SECRET,
    );
    app.ctx.metrics.detach();
  });
});
