// Test helper: a fetch that records every request and answers with real Response objects — the
// boundary between our client and the network, and the only thing client tests replace.

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
  signal: AbortSignal;
}

export type Answer = (request: RecordedRequest, index: number) => Response | Promise<Response>;

export const json = (body: unknown, init: ResponseInit = {}): Response =>
  new Response(JSON.stringify(body), {
    ...init,
    headers: { "content-type": "application/json; charset=utf-8", ...init.headers },
  });

export const apiError = (status: number, code: string, extra: Record<string, unknown> = {}, headers = {}) =>
  json({ error: { code, message: code.replace(/_/g, " "), ...extra } }, { status, headers });

export function recordingFetch(answer: Answer) {
  const calls: RecordedRequest[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const recorded: RecordedRequest = {
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: request.body ? await request.text() : "",
      signal: request.signal,
    };
    calls.push(recorded);
    if (request.signal.aborted) throw request.signal.reason;
    return answer(recorded, calls.length - 1);
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

export const summary = (productId: string, count = 1) => ({
  productId,
  count,
  average: count ? 4 : 0,
  histogram: [0, 0, 0, count, 0],
  mediaCount: 0,
});

/** An answer that never comes: settles only when the request is aborted (by a timeout or the caller). */
export const never = (request: RecordedRequest) =>
  new Promise<Response>((_, reject) => {
    request.signal.addEventListener("abort", () => reject(request.signal.reason));
  });
