// Words the review form needs only once a file was added (progress, failures, the reasons a
// review cannot be sent yet): English loads with the upload code, keeping the form's chunk small;
// German and Hebrew each in a chunk of their own, loaded only on a page that speaks them (core's
// load-catalog.ts).
import type { LoadableCatalogs, Messages } from "@plaudit/core";

const en: Messages = {
  "media.listLabel": "Added photos and videos",
  "media.progress": "Uploading {name}",
  "media.preparing": "Preparing…",
  "media.uploading": "Uploading… {percent}",
  "media.done": "Uploaded",
  "media.remove": "Remove",
  "media.removeName": "Remove {name}",
  "media.retry": "Retry",
  "media.retryName": "Retry {name}",
  "media.announceDone": "{name} uploaded.",
  "media.announceFailed": "{name} could not be uploaded.",
  "media.full": "A review can have up to {max} photos and videos. Remove one to add another.",
  "media.wait": "Your photos and videos are still uploading. Send your review once they are done.",
  "media.fix": "Some files could not be uploaded. Retry or remove them, then send your review.",
  "media.failed.generic": "Could not be uploaded.",
  "media.failed.network": "Upload interrupted: check your connection, then retry.",
  "media.failed.type": "This file type is not supported. Use JPEG, PNG, WebP, MP4 or WebM.",
  "media.failed.size": "Too large: videos can be up to 100 MB.",
  "media.failed.busy": "Too many uploads at once. Wait a moment, then retry.",
  "media.failed.unreadable": "This file could not be read.",
  "media.failed.expired": "This upload expired. Retry to upload it again.",
  "media.failed.photoSize": "Too large: photos can be up to 15 MB and 40 megapixels.",
  "media.failed.heic":
    "HEIC photos cannot be read here. Add it as a JPEG (iPhone: Settings › Camera › Formats › Most Compatible).",
  "media.failed.long": "Too long: videos can be up to 5 minutes.",
  "media.failed.storeFull":
    "This shop is not taking photos or videos right now. Remove the file to send your review.",
};

export const uploadLoadable: LoadableCatalogs = {
  en,
  de: () => import("./upload-messages-de.ts").then((module) => module.de),
  he: () => import("./upload-messages-he.ts").then((module) => module.he),
};
