import { Readable } from "node:stream";
import {
  AdminMedia,
  AdminMediaPage,
  AdminMediaQuery,
  GalleryPage,
  GalleryQuery,
  Media,
  MediaPatch,
  MediaSettings,
  MediaSettingsPatch,
  MediaSweep,
  MediaUpload,
} from "@plaudit/contract";
import type { Context } from "hono";
import { auditEvent, recordAudit } from "../audit/audit-log.ts";
import { auditedWrite } from "../audit/audited-write.ts";
import type { AppContext, RouteModule } from "../context.ts";
import { decodeTimeIdCursor } from "../db/time-id-cursor.ts";
import { ApiError, errorBody } from "../errors.ts";
import { cacheableJson } from "../http/cache.ts";
import { clientKey } from "../http/client-ip.ts";
import { readJsonBody } from "../http/json-body.ts";
import { publicOriginOf } from "../http/public-origin.ts";
import { requireScope } from "../http/require-scope.ts";
import { describeRoute } from "../openapi/describe-route.ts";
import { deletePendingFiles } from "../privacy/after-erasure.ts";
import { NOT_A_CURSOR, parseOrFail, parseQuery } from "../validation.ts";
import { adminMediaPage, loadMediaSettings, mediaFileKey, saveMediaSettings } from "./admin-media.ts";
import { parseRange } from "./byte-range.ts";
import { galleryPage } from "./media-gallery.ts";
import { UPLOAD_RATE_RULE } from "./media-limits.ts";
import { setMediaStatus } from "./media-moderation.ts";
import { assertWithinQuota } from "./media-quota.ts";
import { sweepOrphans } from "./orphan-sweep.ts";
import { receiveUpload } from "./receive-upload.ts";
import { storeUpload } from "./store-upload.ts";

// Served files are never documents: no sniffing, no scripts, no plugins, whatever the bytes say.
const FILE_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'; sandbox",
  "Cache-Control": "public, max-age=31536000, immutable",
  "Cross-Origin-Resource-Policy": "cross-origin",
  "Accept-Ranges": "bytes",
};

const NO_STORE = { "Cache-Control": "no-store" };

/** What both file routes (public and the moderator's) take and answer. */
const FILE_ROUTE = {
  params: {
    id: { description: "Media id" },
    file: { description: "e.g. w640.webp, w1280.jpg, video.mp4" },
  },
  responses: {
    200: { description: "The file", contentType: "application/octet-stream" },
    206: { description: "Partial content", contentType: "application/octet-stream" },
    304: { description: "Not modified" },
    416: { description: "Range not satisfiable" },
  },
};

const fileNotFound = (c: Context) =>
  c.json(errorBody("not_found", "no such media file"), 404, {
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
  });

/** One stored file, with single byte ranges and an ETag; `fixed` are its caching and safety headers. */
async function serveFile(c: Context, ctx: AppContext, key: string, fixed: Record<string, string>) {
  const info = await ctx.mediaStorage.stat(key);
  if (!info) return fileNotFound(c);
  const etag = `"${key.replace(/[^A-Za-z0-9]/g, "")}"`;
  const headers: Record<string, string> = { ...fixed, "Content-Type": info.contentType, ETag: etag };
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
}

/** Uploads, the gallery, serving files, and the admin's list, approve/reject, settings and sweep. */
export const mediaRoutes: RouteModule = {
  name: "media",
  register(app, ctx) {
    app.post(
      "/v1/stores/:store/media",
      describeRoute({
        summary:
          "Upload a photo (JPEG, PNG, WebP, AVIF, HEIC when readable; ≤ 15 MB, ≤ 40 MP) or video (MP4, WebM, MOV ≤ 100 MB)",
        description:
          "The type is judged from the bytes. Photos are re-encoded (metadata stripped) to 320/640/1280 px WebP + JPEG. " +
          "A video may come with a `poster` part: a JPEG/PNG/WebP frame (≤ 5 MB). The upload is private until a " +
          "published review names its id in `mediaIds`; unattached uploads are deleted within the hour. " +
          "A store's uploads share a storage quota (default 5 GB): a full store answers 413 storage_quota_exceeded.",
        body: MediaUpload,
        bodyType: "multipart/form-data",
        responses: { 201: { schema: Media, description: "Stored" } },
        errors: [400, 403, 404, 413, 415, 422, 429],
        noExample: "multipart uploads are sent by media/media-routes.test.ts with real image and video files",
      }),
      async (c) => {
        const store = c.get("store");
        const decision = await ctx.rateLimiter.take(
          `upload:${store.id}:${clientKey(c, ctx.trustProxy)}`,
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
        await assertWithinQuota(ctx.db, store.id);
        const upload = await receiveUpload(c.req.raw);
        try {
          const media = await storeUpload(ctx.db, ctx.mediaStorage, {
            storeId: store.id,
            upload,
            now: ctx.clock(),
            baseUrl: ctx.mediaBaseUrl || publicOriginOf(c, ctx),
          });
          return c.json(media, 201);
        } finally {
          await upload.cleanup();
        }
      },
    );

    app.get(
      "/v1/stores/:store/media",
      describeRoute({
        summary: "Gallery of published review media, newest upload first",
        query: GalleryQuery,
        responses: { 200: GalleryPage },
        errors: [404, 422],
        cacheable: true,
        examples: [
          {
            summary: "the site-wide gallery",
            params: { store: "demo" },
            query: { limit: "12" },
            status: 200,
          },
          {
            summary: "a made-up cursor",
            params: { store: "demo" },
            query: { cursor: "not-a-cursor" },
            status: 422,
          },
        ],
      }),
      async (c) => {
        const cursor = c.req.query("cursor") || undefined;
        const after = cursor === undefined ? undefined : decodeTimeIdCursor(cursor);
        const { limit, product } = parseQuery(c, GalleryQuery, {
          alsoBad: cursor !== undefined && !after ? NOT_A_CURSOR : {},
        });
        return cacheableJson(
          c,
          await galleryPage(ctx.db, {
            storeId: c.get("store").id,
            limit,
            baseUrl: ctx.mediaBaseUrl || publicOriginOf(c, ctx),
            ...(product !== undefined ? { productId: product } : {}),
            ...(after ? { after } : {}),
          }),
        );
      },
    );

    app.get(
      "/media/:store/:id/:file",
      describeRoute({
        summary: "A media file (public only while its review is published and the item not rejected)",
        description:
          "URLs come from Media objects; never build them. Single byte ranges are served (206, 416). " +
          "Headers: nosniff, CSP default-src 'none', Cache-Control public, max-age=31536000, immutable.",
        ...FILE_ROUTE,
        errors: [404],
        examples: [
          {
            summary: "no such file",
            params: { store: "demo", id: "AAAAAAAAAAAAAAAAAAAAAA", file: "w640.webp" },
            status: 404,
          },
        ],
      }),
      async (c) => {
        const key = await mediaFileKey(ctx.db, {
          storeId: c.req.param("store"),
          mediaId: c.req.param("id"),
          file: c.req.param("file"),
          for: "public",
        });
        if (!key) return fileNotFound(c);
        return serveFile(c, ctx, key, FILE_HEADERS);
      },
    );

    app.get(
      "/v1/admin/media",
      describeRoute({
        summary:
          "Photos and videos attached to reviews, newest first; status=held lists those waiting for a moderator",
        description:
          "Held media come from reviewers without a verified purchase while the store holds such media " +
          "(settings.holdUnverifiedMedia): they are not shown until PATCH /v1/admin/media/{id} makes them ready. " +
          "URLs here are the moderator's own (/v1/admin/media/{id}/files/{file}), as held files are not public.",
        query: AdminMediaQuery,
        responses: { 200: AdminMediaPage },
        errors: [422],
        examples: [
          { summary: "media waiting for a moderator", query: { status: "held" }, status: 200 },
          { summary: "an unknown status", query: { status: "hidden" }, status: 422 },
        ],
      }),
      requireScope("reviews:read"),
      async (c) => {
        const cursor = c.req.query("cursor") || undefined;
        const after = cursor === undefined ? undefined : decodeTimeIdCursor(cursor);
        const query = parseQuery(c, AdminMediaQuery, {
          alsoBad: cursor !== undefined && !after ? NOT_A_CURSOR : {},
        });
        const { limit } = query;
        c.header("Cache-Control", "no-store");
        return c.json(
          await adminMediaPage(ctx.db, {
            storeId: c.get("store").id,
            limit,
            origin: publicOriginOf(c, ctx),
            ...(query.status !== undefined ? { status: query.status } : {}),
            ...(query.review !== undefined ? { reviewId: query.review } : {}),
            ...(after ? { after } : {}),
          }),
        );
      },
    );

    app.get(
      "/v1/admin/media/settings",
      describeRoute({
        summary:
          "The store's upload rules: storage quota (and what is used), holding unverified reviewers' media",
        responses: { 200: MediaSettings },
        examples: [{ summary: "the settings", status: 200 }],
      }),
      requireScope("reviews:read"),
      async (c) => c.json(await loadMediaSettings(ctx.db, c.get("store").id), 200, NO_STORE),
    );

    app.put(
      "/v1/admin/media/settings",
      describeRoute({
        summary: "Change the upload rules: quotaBytes (null: the default), holdUnverifiedMedia",
        description:
          "Only the fields given change. A quota below what the store keeps refuses new uploads (413 " +
          "storage_quota_exceeded) and deletes nothing. Turning holdUnverifiedMedia off applies to reviews " +
          "sent from then on; media held before stay held until a moderator decides.",
        body: MediaSettingsPatch,
        responses: { 200: MediaSettings },
        errors: [400, 413, 422],
        examples: [
          { summary: "a 10 GB quota", body: { quotaBytes: 10 * 1024 ** 3 }, status: 200 },
          { summary: "hold unverified reviewers' media", body: { holdUnverifiedMedia: true }, status: 200 },
          { summary: "a negative quota", body: { quotaBytes: -1 }, status: 422 },
        ],
      }),
      requireScope("reviews:moderate"),
      async (c) => {
        const patch = parseOrFail(MediaSettingsPatch, await readJsonBody(c));
        const storeId = c.get("store").id;
        await auditedWrite(c, ctx, "media.settings.save", storeId, (tx) =>
          saveMediaSettings(tx, storeId, patch),
        );
        return c.json(await loadMediaSettings(ctx.db, storeId), 200, NO_STORE);
      },
    );

    app.get(
      "/v1/admin/media/:id/files/:file",
      describeRoute({
        summary: "A media file for the moderator, whatever its status (held and rejected ones too)",
        description: "URLs come from GET /v1/admin/media; never build them. Not cached by shared caches.",
        ...FILE_ROUTE,
        errors: [404],
        examples: [
          {
            summary: "no such file",
            params: { id: "AAAAAAAAAAAAAAAAAAAAAA", file: "w640.webp" },
            status: 404,
          },
        ],
      }),
      requireScope("reviews:read"),
      async (c) => {
        const key = await mediaFileKey(ctx.db, {
          storeId: c.get("store").id,
          mediaId: c.req.param("id"),
          file: c.req.param("file"),
          for: "moderator",
        });
        if (!key) return fileNotFound(c);
        return serveFile(c, ctx, key, { ...FILE_HEADERS, "Cache-Control": "private, no-store" });
      },
    );

    app.patch(
      "/v1/admin/media/:id",
      describeRoute({
        summary:
          "Reject one photo or video, or make it ready (approve a held one, restore a rejected one); the summary's media count follows",
        params: { id: { description: "Media id" } },
        body: MediaPatch,
        headers: [{ name: "If-Match", required: false }],
        responses: { 200: AdminMedia },
        errors: [400, 404, 409, 413, 422],
        examples: [
          {
            summary: "an unknown media id",
            params: { id: "no-such-media" },
            body: { status: "rejected" },
            status: 404,
          },
          {
            summary: "an unknown status",
            params: { id: "no-such-media" },
            body: { status: "gone" },
            status: 422,
          },
        ],
      }),
      requireScope("reviews:moderate"),
      async (c) => {
        const patch = parseOrFail(MediaPatch, await readJsonBody(c));
        c.header("Cache-Control", "no-store");
        return c.json(
          await setMediaStatus(
            ctx,
            {
              storeId: c.get("store").id,
              mediaId: c.req.param("id"),
              status: patch.status,
              baseUrl: ctx.mediaBaseUrl || publicOriginOf(c, ctx),
              ifMatch: c.req.header("if-match"),
            },
            auditEvent(c, ctx, "media.moderate", c.req.param("id")),
          ),
        );
      },
    );

    app.post(
      "/v1/admin/media/sweep",
      describeRoute({
        summary: "Delete this store's uploads never attached to a review, older than 45 minutes",
        responses: { 200: MediaSweep },
        examples: [{ summary: "the sweep", status: 200 }],
      }),
      requireScope("reviews:moderate"),
      async (c) => {
        const result = await sweepOrphans(ctx.db, ctx.mediaStorage, {
          now: ctx.clock(),
          storeId: c.get("store").id,
          logger: ctx.logger,
        });
        // Media files an erasure could not delete yet (storage was down) are retried here too.
        await deletePendingFiles(ctx.db, ctx.mediaStorage, ctx.logger);
        // The sweep deletes files between its transactions: its one audit row follows it.
        await recordAudit(ctx.db, auditEvent(c, ctx, "media.sweep", c.get("store").id));
        return c.json(result);
      },
    );
  },
};
