// Upload progress needs XMLHttpRequest: fetch cannot report bytes sent in browsers.
import type { Media } from "./api-types.ts";
import { errorFromResponse, PlauditError } from "./errors.ts";
import { type BodyCheck, readJson } from "./http.ts";

export interface UploadOptions {
  onProgress?(fraction: number): void;
  signal?: AbortSignal;
  /** A video's poster frame as an image, sent as the `poster` part (API.md). */
  poster?: Blob;
}

export function uploadWithProgress(
  url: string,
  form: FormData,
  check: BodyCheck,
  opts: UploadOptions,
): Promise<Media> {
  return new Promise<Response>((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new PlauditError("aborted", "[plaudit] upload aborted"));
    const xhr = new XMLHttpRequest();
    const abort = () => xhr.abort();
    const done = () => opts.signal?.removeEventListener("abort", abort);
    xhr.open("POST", url);
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) opts.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      done();
      // Rebuilt as a Response so success and failure are read exactly like every other call.
      const headers = new Headers();
      for (const name of ["content-type", "retry-after"]) {
        const value = xhr.getResponseHeader(name);
        if (value) headers.set(name, value);
      }
      resolve(new Response(xhr.responseText, { status: xhr.status, headers }));
    };
    xhr.onerror = () => {
      done();
      reject(new PlauditError("network", "[plaudit] upload failed: could not reach the API"));
    };
    xhr.onabort = () => {
      done();
      reject(new PlauditError("aborted", "[plaudit] upload aborted"));
    };
    opts.signal?.addEventListener("abort", abort);
    xhr.send(form);
  }).then(async (response) => {
    if (!response.ok) throw await errorFromResponse(response);
    const media = (await readJson(response, check)) as unknown as Media;
    opts.onProgress?.(1);
    return media;
  });
}
