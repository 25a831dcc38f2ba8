import { act, cleanup, render } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useAppliedForm, usePagedList } from "./paged-list.ts";

/** fetch answered by hand, in any order: each call waits for its `answer`. */
function manualFetch() {
  const calls: Array<{ url: string; answer(items: string[], nextCursor?: string): Promise<void> }> = [];
  vi.stubGlobal(
    "fetch",
    (url: string) =>
      new Promise<Response>((resolve) => {
        calls.push({
          url,
          async answer(items, nextCursor) {
            await act(async () => {
              resolve(
                new Response(JSON.stringify({ items, nextCursor: nextCursor ?? null }), {
                  headers: { "content-type": "application/json" },
                }),
              );
              // Until the hook has read the body and set its state (or dropped the answer).
              for (let turn = 0; turn < 5; turn++) await new Promise((next) => setTimeout(next, 0));
            });
          },
        });
      }),
  );
  return calls;
}

function List(props: { query: Record<string, string> }) {
  const { items, cursor, load } = usePagedList<string>("/v1/admin/reviews", props.query);
  return (
    <div>
      <p data-testid="items">{items === null ? "loading" : items.join(",")}</p>
      {cursor && (
        <button type="button" onClick={() => void load(cursor)}>
          More
        </button>
      )}
    </div>
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("a paged admin list", () => {
  it("shows the answer to the latest query even when an earlier one answers last", async () => {
    const calls = manualFetch();
    const view = render(<List query={{ status: "pending" }} />);
    view.rerender(<List query={{ status: "pending", product: "bulk-tee" }} />);
    expect(calls.map((c) => new URL(c.url, "http://x").search)).toEqual([
      "?status=pending",
      "?status=pending&product=bulk-tee",
    ]);
    await calls[1]!.answer(["t1", "t2"]);
    expect(view.getByTestId("items").textContent).toBe("t1,t2");
    // The unfiltered first page arrives late: it is dropped, not shown.
    await calls[0]!.answer(["t1", "t2", "lamp3", "lamp4"]);
    expect(view.getByTestId("items").textContent).toBe("t1,t2");
  });

  it("appends the next page to the list", async () => {
    const calls = manualFetch();
    const view = render(<List query={{ status: "pending" }} />);
    await calls[0]!.answer(["a", "b"], "c1");
    await act(async () => view.getByText("More").click());
    expect(new URL(calls[1]!.url, "http://x").searchParams.get("cursor")).toBe("c1");
    await calls[1]!.answer(["c"]);
    expect(view.getByTestId("items").textContent).toBe("a,b,c");
  });
});

describe("useAppliedForm", () => {
  function Filters(props: { applied: string }) {
    const form = useAppliedForm(props.applied);
    return (
      <form ref={form} onSubmit={(e) => e.preventDefault()}>
        <input name="product" aria-label="Product" defaultValue={props.applied} />
      </form>
    );
  }

  it("keeps what is typed while the list renders again, and shows the applied filters once sent", async () => {
    const view = render(<Filters applied="" />);
    const field = view.getByLabelText("Product") as HTMLInputElement;
    field.value = "tee";
    view.rerender(<Filters applied="" />);
    expect(field.value).toBe("tee");
    // Sent, then Back before any render applied it: the list is the old filters', and so are the fields.
    field.form?.dispatchEvent(new Event("submit", { cancelable: true }));
    view.rerender(<Filters applied="" />);
    expect(field.value).toBe("");
  });
});
