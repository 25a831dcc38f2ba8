import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isoVideo, webmVideo } from "../../testing/test-files.ts";
import { probeIsoMedia, probeWebm } from "./video-probe.ts";

const dir = mkdtempSync(join(tmpdir(), "plaudit-probe-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function probe(bytes: Buffer, kind: "iso" | "webm") {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.bin`);
  writeFileSync(path, bytes);
  const handle = await open(path, "r");
  try {
    return kind === "iso" ? await probeIsoMedia(handle, bytes.length) : await probeWebm(handle, bytes.length);
  } finally {
    await handle.close();
  }
}

describe("video container checks", () => {
  it("reads size and duration of an MP4 and a QuickTime file", async () => {
    expect(await probe(isoVideo({ width: 640, height: 360, seconds: 4.5 }), "iso")).toEqual({
      ok: true,
      facts: { width: 640, height: 360, durationSeconds: 4.5 },
    });
    expect(await probe(isoVideo({ brand: "qt  " }), "iso")).toMatchObject({ ok: true });
  });

  it("refuses a truncated MP4 and one without a movie header", async () => {
    const whole = isoVideo();
    expect(await probe(whole.subarray(0, whole.length - 100), "iso")).toMatchObject({ ok: false });
    const ftypOnly = whole.subarray(0, whole.readUInt32BE(0));
    expect(await probe(ftypOnly, "iso")).toMatchObject({
      ok: false,
      reason: expect.stringContaining("moov"),
    });
  });

  it("reads size and duration of a WebM and refuses a cut one", async () => {
    expect(await probe(webmVideo({ width: 480, height: 270, seconds: 3 }), "webm")).toEqual({
      ok: true,
      facts: { width: 480, height: 270, durationSeconds: 3 },
    });
    const whole = webmVideo();
    expect(await probe(whole.subarray(0, whole.length - 4), "webm")).toMatchObject({ ok: false });
  });
});
