import { afterEach, describe, expect, it, vi } from "vitest";
import { ANSWER_TIMEOUT_MS, api, problemOf } from "./api.ts";
import { setLocale } from "./i18n.ts";

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("the admin API client", () => {
  it("gives up on a server that never answers: 'cannot be reached', not loading for good", async () => {
    vi.useFakeTimers();
    vi.stubGlobal(
      "fetch",
      (_url: string, init: RequestInit) =>
        new Promise((_resolve, reject) =>
          init.signal?.addEventListener("abort", () => reject(new DOMException("gave up", "AbortError"))),
        ),
    );
    const answer = api("/v1/admin/reviews").then(
      () => "answered",
      (error: unknown) => problemOf(error),
    );
    await vi.advanceTimersByTimeAsync(ANSWER_TIMEOUT_MS - 1);
    let settled = false;
    void answer.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await answer).toMatchObject({ status: 0, code: "network" });
  });

  it("asks for the server's messages in the language the merchant chose, not the browser's", async () => {
    const asked: (string | null)[] = [];
    vi.stubGlobal("fetch", async (_url: string, init: RequestInit) => {
      asked.push(new Headers(init.headers).get("accept-language"));
      return Response.json({ items: [] });
    });
    await setLocale("de");
    await api("/v1/admin/users");
    await setLocale("he");
    await api("/v1/admin/users");
    await setLocale("en");
    expect(asked).toEqual(["de", "he"]);
  });
});
