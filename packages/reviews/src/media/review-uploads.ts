// The upload code of the review form, sending through the widget's own store (its controller's
// uploadMedia). The form imports this
// module on the first interaction with its media field, so shoppers who never add a photo never
// download the resizing, the poster grab or the XHR upload.
import type { PlauditClient } from "@plaudit/core";
import { prepareMedia } from "./prepare-media.ts";
import { uploadLoadable } from "./upload-messages.ts";
import { createUploadQueue, type UploadQueue } from "./upload-queue.ts";

export { uploadLoadable };

export function createReviewUploads(uploadMedia: PlauditClient["uploadMedia"]): UploadQueue {
  return createUploadQueue({
    prepare: prepareMedia,
    upload: ({ file, poster }, { onProgress, signal }) =>
      uploadMedia(file, { onProgress, signal, ...(poster ? { poster } : {}) }),
  });
}
