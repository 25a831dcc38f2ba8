// Test helpers: multipart uploads as a browser sends them.

export interface Part {
  name: string;
  bytes: Uint8Array;
  filename?: string;
  type?: string;
}

// biome-ignore lint/suspicious/noExplicitAny: response bodies are arbitrary JSON that tests assert on
type Json = any;

export async function upload(
  url: string,
  parts: Part[],
): Promise<{ status: number; headers: Headers; json: Json }> {
  const form = new FormData();
  for (const part of parts) {
    form.append(
      part.name,
      new Blob([new Uint8Array(part.bytes)], { type: part.type ?? "application/octet-stream" }),
      part.filename ?? "upload.bin",
    );
  }
  const res = await fetch(url, { method: "POST", body: form });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

export const filePart = (bytes: Uint8Array, filename = "photo.jpg", type = "image/jpeg"): Part => ({
  name: "file",
  bytes,
  filename,
  type,
});
