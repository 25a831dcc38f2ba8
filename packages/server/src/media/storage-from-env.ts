import { dirname, resolve } from "node:path";
import type { Database } from "../db/database.ts";
import { localDiskStorage } from "./local-disk-storage.ts";
import type { MediaStorage } from "./media-storage.ts";
import { s3Storage } from "./s3-storage.ts";

/**
 * Where media go when createApp is not given a storage: an S3-compatible bucket when
 * PLAUDIT_S3_BUCKET is set, else the local directory PLAUDIT_MEDIA_DIR, else `media/` beside the
 * SQLite file (the data directory), else ./data/media.
 */
export function mediaStorageFromEnv(db: Database, env: NodeJS.ProcessEnv = process.env): MediaStorage {
  const bucket = env.PLAUDIT_S3_BUCKET?.trim();
  if (bucket) {
    const accessKeyId = env.PLAUDIT_S3_ACCESS_KEY_ID ?? env.AWS_ACCESS_KEY_ID ?? "";
    const secretAccessKey = env.PLAUDIT_S3_SECRET_ACCESS_KEY ?? env.AWS_SECRET_ACCESS_KEY ?? "";
    if (!accessKeyId || !secretAccessKey)
      throw new Error(
        "PLAUDIT_S3_BUCKET is set but PLAUDIT_S3_ACCESS_KEY_ID / PLAUDIT_S3_SECRET_ACCESS_KEY are not",
      );
    const region = env.PLAUDIT_S3_REGION ?? env.AWS_REGION ?? "us-east-1";
    const sessionToken = env.PLAUDIT_S3_SESSION_TOKEN ?? env.AWS_SESSION_TOKEN;
    return s3Storage({
      endpoint: env.PLAUDIT_S3_ENDPOINT ?? `https://s3.${region}.amazonaws.com`,
      bucket,
      region,
      credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
      ...(env.PLAUDIT_S3_PREFIX ? { prefix: env.PLAUDIT_S3_PREFIX } : {}),
    });
  }
  const dir = env.PLAUDIT_MEDIA_DIR?.trim();
  if (dir) return localDiskStorage(resolve(dir));
  if (db.sqlitePath && db.sqlitePath !== ":memory:")
    return localDiskStorage(resolve(dirname(db.sqlitePath), "media"));
  return localDiskStorage(resolve("./data/media"));
}
