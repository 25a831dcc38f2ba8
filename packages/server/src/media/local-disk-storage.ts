import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, rmdir, stat } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { assertMediaKey, contentTypeOfKey, type MediaStorage } from "./media-storage.ts";

/**
 * Media on the local disk under `root`. A write goes to a temporary name in the same directory and
 * is renamed into place when complete, so a crash or a failed upload never leaves half a file under
 * a real key (temporary files start with "." and are never served).
 */
export function localDiskStorage(root: string): MediaStorage & { root: string } {
  const base = resolve(root);
  const pathOf = (key: string) => {
    assertMediaKey(key);
    const path = resolve(base, key);
    // The key pattern already rules out "..": this is the second lock on the same door.
    if (!path.startsWith(base + sep)) throw new Error("media key escapes the media directory");
    return path;
  };

  return {
    root: base,
    async put(key, body, _contentType) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const temp = join(dirname(path), `.${randomBytes(6).toString("hex")}.part`);
      const file = createWriteStream(temp);
      try {
        await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, file);
        await rename(temp, path);
      } catch (error) {
        // A body that fails at once (the client went away) fails the pipeline while the file is
        // still being opened: it is created after that and closed only then. Removing it before
        // its close left an empty .part behind for good.
        if (!file.closed) await new Promise<void>((closed) => file.once("close", () => closed()));
        await rm(temp, { force: true });
        throw error;
      }
    },
    async get(key, range) {
      const path = pathOf(key);
      const info = await stat(path).catch(() => undefined);
      if (!info?.isFile()) return undefined;
      const body = createReadStream(path, range ? { start: range.start, end: range.end } : {});
      return { body, size: info.size, contentType: contentTypeOfKey(key) };
    },
    async stat(key) {
      const info = await stat(pathOf(key)).catch(() => undefined);
      return info?.isFile() ? { size: info.size, contentType: contentTypeOfKey(key) } : undefined;
    },
    async delete(key) {
      const path = pathOf(key);
      await rm(path, { force: true });
      // Leave no empty media directories behind; rmdir refuses a directory that still holds files.
      await rmdir(dirname(path)).catch(() => {});
    },
  };
}
