import { Readable } from "node:stream";
import type { Context } from "hono";
import * as v from "valibot";
import { auditEvent, recordAudit } from "../audit/audit-log.ts";
import type { AppContext, RouteModule } from "../context.ts";
import { ApiError, validationFailed } from "../errors.ts";
import { cacheableJson } from "../http/cache.ts";
import { clientIp } from "../http/client-ip.ts";
import { readJsonBody } from "../http/json-body.ts";
import { publicOriginOf } from "../http/public-origin.ts";
import { requireScope } from "../http/require-scope.ts";
import { LIMITS } from "../limits.ts";
import { parseOrFail } from "../validation.ts";
import { parseRange } from "./byte-range.ts";
import { decodeGalleryCursor, galleryPage } from "./media-gallery.ts";
import { parseFiles } from "./media-json.ts";
import { UPLOAD_RATE_RULE } from "./media-limits.ts";
import { setMediaStatus } from "./media-moderation.ts";
import { sweepOrphans } from "./orphan-sweep.ts";
import { receiveUpload } from "./receive-upload.ts";
import { storeUpload } from "./store-upload.ts";

const STORE = /^[A-Za-z0-9_-]{1,64}$/;
const MEDIA_ID = /^[A-Za-z0-9_-]{22}$/;
const FILE = /^[a-z0-9]{1,16}\.(webp|jpg|mp4|mov|webm)$/;

// Served files are never documents: no sniffing, no scripts, no plugins, whatever the bytes say.
const FILE_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'; sandbox",
  "Cache-Control": "public, max-age=31536000, immutable",
  "Cross-Origin-Resource-Policy": "cross-origin",
  "Accept-Ranges": "bytes",
};

const MediaPatch = v.object(
  { status: v.picklist(["rejected", "ready"], "must be rejected or ready") },
  "must be a JSON object",
);

const fileNotFound = (c: Context) =>
  c.json({ error: { code: "not_found", message: "no such media file" } }, 404, {
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
  });

/** The storage key of `/media/{store}/{id}/{file}` when that file is public now, else undefined. */
async function publicKey(
  ctx: AppContext,
  storeId: string,
  mediaId: string,
  file: string,
): Promise<string | undefined> {
  if (!STORE.test(storeId) || !MEDIA_ID.test(mediaId) || !FILE.test(file)) return undefined;
  const row = await ctx.db.kysely
    .selectFrom("media")
    .innerJoin("reviews", "reviews.id", "media.review_id")
    .select(["media.files"])
    .where("media.id", "=", mediaId)
    .where("media.store_id", "=", storeId)
    .where("media.status", "=", "ready")
    .where("reviews.status", "=", "published")
    .executeTakeFirst();
  if (!row) return undefined;
  const files = parseFiles(row.files);
  // The key comes from our own row, never from the request: the request only picks among them.
  const keys = [...files.images.flatMap((v) => [v.webp, v.jpg]), ...(files.video ? [files.video] : [])];
  return keys.find((key) => key.endsWith(`/${file}`));
}

/** Uploads, the gallery, serving files, and the admin's reject and sweep. */
export const mediaRoutes: RouteModule = {
  name: "media",
  register(app, ctx) {
    app.post("/v1/stores/:store/media", async (c) => {
      const store = c.get("store");
      const decision = await ctx.rateLimiter.take(
        `upload:${store.id}:${clientIp(c, ctx.trustProxy)}`,
        UPLOAD_RATE_RULE,
        ctx.clock(),
      );
      if (!decision.allowed) {
        ctx.metrics.rateLimitRejected("ip");
        throw new ApiError(429, "rate_limited", "too many uploads; try again later", undefined, {
          "Retry-After": String(decision.retryAfterSeconds),
          Connection: "close",
        });
      }
      const upload = await receiveUpload(c.req.raw);
      try {
        const media = await storeUpload(ctx.db, ctx.mediaStorage, {
          storeId: store.id,
          upload,
          now: ctx.clock(),
          baseUrl: ctx.mediaBaseUrl || publicOriginOf(c, ctx.trustProxy),
        });
        return c.json(media, 201);
      } finally {
        await upload.cleanup();
      }
    });

    app.get("/v1/stores/:store/media", async (c) => {
      const fields: Record<string, string> = {};
      const limitText = c.req.query("limit");
      const limit = limitText === undefined ? 20 : Number(limitText);
      if (!Number.isInteger(limit) || limit < 1 || limit > LIMITS.listLimitMax)
        fields.limit = `must be an integer from 1 to ${LIMITS.listLimitMax}`;
      const product = c.req.query("product");
      if (product !== undefined && (product.length < 1 || [...product].length > LIMITS.productIdMax))
        fields.product = `must be 1–${LIMITS.productIdMax} characters`;
      const cursor = c.req.query("cursor");
      const after = cursor ? decodeGalleryCursor(cursor) : undefined;
      if (cursor && !after) fields.cursor = "is not a cursor of this gallery; start again without it";
      if (Object.keys(fields).length > 0) throw validationFailed(fields);
      return cacheableJson(
        c,
        await galleryPage(ctx.db, {
          storeId: c.get("store").id,
          limit,
          baseUrl: ctx.mediaBaseUrl || publicOriginOf(c, ctx.trustProxy),
          ...(product !== undefined ? { productId: product } : {}),
          ...(after ? { after } : {}),
        }),
      );
    });

    app.get("/media/:store/:id/:file", async (c) => {
      const key = await publicKey(ctx, c.req.param("store"), c.req.param("id"), c.req.param("file"));
      if (!key) return fileNotFound(c);
      const info = await ctx.mediaStorage.stat(key);
      if (!info) return fileNotFound(c);
      const etag = `"${key.replace(/[^A-Za-z0-9]/g, "")}"`;
      const headers: Record<string, string> = {
        ...FILE_HEADERS,
        "Content-Type": info.contentType,
        ETag: etag,
      };
      if (c.req.header("if-none-match") === etag) return c.body(null, 304, headers);

      const range = parseRange(c.req.header("range"), info.size);
      if (range.kind === "unsatisfiable")
        return c.body(null, 416, { ...headers, "Content-Range": `bytes */${info.size}` });
      const partial = range.kind === "partial" ? { start: range.start, end: range.end } : undefined;
      const length = partial ? partial.end - partial.start + 1 : info.size;
      headers["Content-Length"] = String(length);
      if (partial) headers["Content-Range"] = `bytes ${partial.start}-${partial.end}/${info.size}`;
      const status = partial ? 206 : 200;
      if (c.req.method === "HEAD") return c.body(null, status, headers);
      const object = await ctx.mediaStorage.get(key, partial);
      if (!object) return fileNotFound(c);
      return c.body(Readable.toWeb(object.body) as ReadableStream, status, headers);
    });

    app.patch("/v1/admin/media/:id", requireScope("reviews:moderate"), async (c) => {
      const patch = parseOrFail(MediaPatch, await readJsonBody(c));
      c.header("Cache-Control", "no-store");
      return c.json(
        await setMediaStatus(
          ctx,
          {
            storeId: c.get("store").id,
            mediaId: c.req.param("id"),
            status: patch.status,
            baseUrl: ctx.mediaBaseUrl || publicOriginOf(c, ctx.trustProxy),
          },
          auditEvent(c, ctx, "media.moderate", c.req.param("id")),
        ),
      );
    });

    app.post("/v1/admin/media/sweep", requireScope("reviews:moderate"), async (c) => {
      const result = await sweepOrphans(ctx.db, ctx.mediaStorage, {
        now: ctx.clock(),
        storeId: c.get("store").id,
        logger: ctx.logger,
      });
      // The sweep deletes files between its transactions: its one audit row follows it.
      await recordAudit(ctx.db, auditEvent(c, ctx, "media.sweep", c.get("store").id));
      return c.json(result);
    });
  },
};
