import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../testing/cli-process.ts";
import { getJson, makeStore } from "../../testing/fixtures.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../testing/test-server.ts";
import { CliError } from "../cli-error.ts";
import { mediaSettingsCommand, parseSize } from "./media-cli.ts";

// `plaudit-server media settings`: the operator sets a store's upload quota and the unverified-media
// hold from the machine; the API reads what it wrote, and the write is audited as the CLI's.

describe.each(databasesUnderTest())("media settings from the CLI on %s", (kind) => {
  let server: TestServer;
  let storeId: string;
  let secretKey: string;
  beforeAll(async () => {
    server = await startTestServer({ db: kind });
    ({ storeId, secretKey } = await makeStore(server.db));
  });
  afterAll(() => server.close());

  const settingsOverApi = async () =>
    (await getJson(`${server.url}/v1/admin/media/settings`, { authorization: `Bearer ${secretKey}` })).json;

  it("sets the quota and the hold, which the API then answers, with one audit row per write", async () => {
    const out = await mediaSettingsCommand(server.db, {
      store: storeId,
      quota: "10GB",
      holdUnverified: "off",
      json: true,
    });
    expect(JSON.parse(out)).toEqual({
      quotaBytes: 10 * 1024 ** 3,
      defaultQuotaBytes: 5 * 1024 ** 3,
      usedBytes: 0,
      holdUnverifiedMedia: false,
    });
    expect(await settingsOverApi()).toMatchObject({ quotaBytes: 10 * 1024 ** 3, holdUnverifiedMedia: false });
    const text = await mediaSettingsCommand(server.db, { store: storeId, quota: "default", json: false });
    expect(text).toContain("5 GB (the default)");
    expect(text).toContain("hold unverified   off");
    expect((await settingsOverApi()).quotaBytes).toBeNull();
    const audit = await server.db.kysely
      .selectFrom("audit_log")
      .select(["action", "actor_kind"])
      .where("store_id", "=", storeId)
      .execute();
    expect(audit.map((r) => r.action)).toEqual(["media.settings.save", "media.settings.save"]);
    expect(audit.map((r) => r.actor_kind)).toEqual(["cli", "cli"]);
  });

  it("refuses a bad size, a bad switch, a missing or unknown store, changing nothing", async () => {
    const before = await settingsOverApi();
    for (const args of [
      { store: storeId, quota: "lots" },
      { store: storeId, quota: "-5GB" },
      { store: storeId, quota: "9999999TB" },
      { store: storeId, holdUnverified: "maybe" },
      { store: undefined, quota: "1GB" },
      { store: "no-such-store", quota: "1GB" },
    ])
      await expect(
        mediaSettingsCommand(server.db, { ...args, json: true }),
        JSON.stringify(args),
      ).rejects.toThrow(CliError);
    expect(await settingsOverApi()).toEqual(before);
  });

  it("runs as plaudit-server media settings", { timeout: 120_000 }, async () => {
    const { stdout } = await runCli([
      "media",
      "settings",
      "--store",
      storeId,
      "--quota",
      "2GB",
      "--json",
      "--database-url",
      server.databaseUrl,
    ]);
    expect(JSON.parse(stdout).quotaBytes).toBe(2 * 1024 ** 3);
    expect((await settingsOverApi()).quotaBytes).toBe(2 * 1024 ** 3);
  });
});

describe("parseSize", () => {
  it("reads bytes, units and default", () => {
    expect(parseSize("1048576")).toBe(1048576);
    expect(parseSize("1.5 GB")).toBe(1.5 * 1024 ** 3);
    expect(parseSize("500mb")).toBe(500 * 1024 ** 2);
    expect(parseSize("default")).toBeNull();
    expect(parseSize("5 GiB")).toBeUndefined();
    expect(parseSize("")).toBeUndefined();
  });
});
