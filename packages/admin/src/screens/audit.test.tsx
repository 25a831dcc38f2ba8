import { act, cleanup, fireEvent, render } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { route } from "../router.ts";
import Audit from "./audit.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  location.hash = "";
});

describe("the audit log's days", () => {
  it("includes the whole 'until' day: since and until the same day is that day", async () => {
    const asked: string[] = [];
    vi.stubGlobal("fetch", async (url: string) => {
      asked.push(url);
      return Response.json({ items: [], nextCursor: null });
    });
    route.value = { name: "audit", params: new URLSearchParams() };
    const view = render(<Audit />);
    await view.findByText("No entries match.");
    fireEvent.input(view.getByLabelText("Since"), { target: { value: "2026-12-06" } });
    fireEvent.input(view.getByLabelText("Until"), { target: { value: "2026-12-06" } });
    await act(async () => view.getByRole("button", { name: "Apply filters" }).click());
    expect(location.hash).toBe(
      "#/audit?since=2026-12-06T00%3A00%3A00.000Z&until=2026-12-07T00%3A00%3A00.000Z",
    );
    // The list read with those times shows the chosen days again.
    await act(async () => {
      route.value = { name: "audit", params: new URLSearchParams(location.hash.split("?")[1]) };
    });
    expect(asked.at(-1)).toBe(
      "/v1/admin/audit?since=2026-12-06T00%3A00%3A00.000Z&until=2026-12-07T00%3A00%3A00.000Z",
    );
    expect((view.getByLabelText("Since") as HTMLInputElement).value).toBe("2026-12-06");
    expect((view.getByLabelText("Until") as HTMLInputElement).value).toBe("2026-12-06");
  });
});
