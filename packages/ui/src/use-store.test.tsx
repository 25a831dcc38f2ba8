import { act, cleanup, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { createStore } from "zustand/vanilla";
import { useStore } from "./use-store.ts";

afterEach(cleanup);

describe("useStore", () => {
  it("re-renders when the selected slice changes and not for other changes", () => {
    const store = createStore(() => ({ count: 1, other: "a" }));
    let renders = 0;
    function Count() {
      renders++;
      return <p>{useStore(store, (s) => s.count)}</p>;
    }
    render(<Count />);
    expect(screen.getByText("1")).toBeTruthy();
    const before = renders;
    act(() => store.setState({ other: "b" }));
    expect(renders).toBe(before);
    act(() => store.setState({ count: 2 }));
    expect(screen.getByText("2")).toBeTruthy();
  });
});
