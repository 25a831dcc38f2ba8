import { act, cleanup, render } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api } from "./api.ts";
import { ListBody, problemText } from "./components.tsx";
import { setLocale } from "./i18n.ts";
import { usePagedList } from "./paged-list.ts";

/** Pages of letters: "a,b" then (cursor "2") "c"; `failing` answers the next page with a 500. */
function pagedApi(state: { failing: boolean }) {
  vi.stubGlobal("fetch", async (url: string) => {
    const next = new URL(url, "http://admin.test").searchParams.get("cursor") === "2";
    if (next && state.failing)
      return Response.json({ error: { code: "internal", message: "internal error" } }, { status: 500 });
    return Response.json(next ? { items: ["c"], nextCursor: null } : { items: ["a", "b"], nextCursor: "2" });
  });
}

function Letters() {
  const { items, cursor, failed, load } = usePagedList<string>("/v1/admin/letters", {});
  return (
    <main>
      <h1>Letters</h1>
      <ListBody items={items} failed={failed} load={load} cursor={cursor} empty="none" item="li">
        {(items) => (
          <ul>
            {items.map((letter) => (
              <li key={letter}>{letter}</li>
            ))}
          </ul>
        )}
      </ListBody>
    </main>
  );
}

const shown = () => [...document.querySelectorAll("li")].map((li) => li.textContent);

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("a list's next page", () => {
  it("puts the focus on its first item: Load more goes away after the last page", async () => {
    pagedApi({ failing: false });
    const view = render(<Letters />);
    const more = await view.findByRole("button", { name: "Load more" });
    more.focus();
    await act(async () => more.click());
    await view.findByText("c");
    expect(view.queryByRole("button", { name: "Load more" })).toBeNull();
    expect(document.activeElement?.textContent).toBe("c");
  });

  it("that fails keeps the pages shown, and Try again reads that page", async () => {
    const state = { failing: true };
    pagedApi(state);
    const view = render(<Letters />);
    const more = await view.findByRole("button", { name: "Load more" });
    await act(async () => more.click());
    await view.findByText("The server could not answer (error 500). Try again in a moment.");
    expect(shown()).toEqual(["a", "b"]);
    state.failing = false;
    await act(async () => view.getByRole("button", { name: "Try again" }).click());
    await view.findByText("c");
    expect(shown()).toEqual(["a", "b", "c"]);
  });
});

describe("a request's problem in words", () => {
  afterEach(async () => {
    await setLocale("en");
  });

  async function problemOfAnswer(response: Response): Promise<string> {
    vi.stubGlobal("fetch", async () => response);
    try {
      await api("/v1/admin/anything", { method: "POST", body: {} });
    } catch (error) {
      return problemText(error);
    }
    throw new Error("the request did not fail");
  }

  it("says a proxy's error page (no API answer, no status text over HTTP/2) with its status", async () => {
    const text = await problemOfAnswer(
      new Response("<html><body>502 Bad Gateway</body></html>", {
        status: 502,
        statusText: "",
        headers: { "content-type": "text/html" },
      }),
    );
    expect(text).toBe("The server could not answer (error 502). Try again in a moment.");
  });

  it("says the server's failures, a rate limit and a stale page in the app's language", async () => {
    await setLocale("de");
    const failed = (status: number, code: string) =>
      problemOfAnswer(Response.json({ error: { code, message: "english words" } }, { status }));
    expect(await failed(500, "internal_error")).toBe(
      "Der Server konnte nicht antworten (Fehler 500). Versuchen Sie es gleich noch einmal.",
    );
    expect(await failed(429, "rate_limited")).toBe(
      "Gerade zu viele Anfragen. Warten Sie einen Moment und versuchen Sie es erneut.",
    );
    expect(await failed(403, "csrf_failed")).toBe(
      "Die Anmeldung dieser Seite ist veraltet. Laden Sie die Seite neu und versuchen Sie es erneut.",
    );
  });
});
