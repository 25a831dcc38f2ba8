import { act, cleanup, render } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ListBody } from "./components.tsx";
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
    await view.findByText(/Something went wrong: internal error/);
    expect(shown()).toEqual(["a", "b"]);
    state.failing = false;
    await act(async () => view.getByRole("button", { name: "Try again" }).click());
    await view.findByText("c");
    expect(shown()).toEqual(["a", "b", "c"]);
  });
});
