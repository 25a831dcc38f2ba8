// The upload code of the review form, wired to the page's store client. The form imports this
// module on the first interaction with its media field, so shoppers who never add a photo never
// download the resizing, the poster grab or the XHR upload.
import { getStore, type StoreConfig } from "@plaudit/core";
import { prepareMedia } from "./prepare-media.ts";
import { uploadMessages } from "./upload-messages.ts";
import { createUploadQueue, type UploadQueue } from "./upload-queue.ts";

export { uploadMessages };

export function createReviewUploads(cfg: StoreConfig): UploadQueue {
  const client = getStore().client(cfg);
  return createUploadQueue({
    prepare: prepareMedia,
    upload: ({ file, poster }, { onProgress, signal }) =>
      client.uploadMedia(file, { onProgress, signal, ...(poster ? { poster } : {}) }),
  });
}
