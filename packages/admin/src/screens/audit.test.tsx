import { act, cleanup, fireEvent, render } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sessionAs } from "../../testing/admin-test-kit.ts";
import { route } from "../router.ts";
import { session } from "../session.ts";
import Audit from "./audit.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  location.hash = "";
  session.value = undefined;
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

  it("counts the days of the store's time zone: Los Angeles' Sunday of the clock change, 23 hours", async () => {
    session.value = sessionAs("owner", "America/Los_Angeles");
    vi.stubGlobal("fetch", async (url: string) =>
      url === "/v1/admin/users"
        ? Response.json({ items: [] })
        : Response.json({
            items: [
              {
                id: "a1",
                at: "2026-03-09T06:30:00.000Z",
                actor: { cli: "root" },
                action: "review.moderate",
                target: "r1",
                ip: "",
                requestId: "q1",
              },
            ],
            nextCursor: null,
          }),
    );
    route.value = { name: "audit", params: new URLSearchParams() };
    const view = render(<Audit />);
    await view.findByText("r1");
    expect(view.getByText("Days in the store's time zone: \u2068America/Los_Angeles\u2069.")).toBeTruthy();
    // An entry of 06:30 UTC on the 9th was made on Sunday the 8th, 23:30, in the store.
    expect(view.getByText(/Mar 8, 2026/)).toBeTruthy();
    fireEvent.input(view.getByLabelText("Since"), { target: { value: "2026-03-08" } });
    fireEvent.input(view.getByLabelText("Until"), { target: { value: "2026-03-08" } });
    await act(async () => view.getByRole("button", { name: "Apply filters" }).click());
    expect(location.hash).toBe(
      "#/audit?since=2026-03-08T08%3A00%3A00.000Z&until=2026-03-09T07%3A00%3A00.000Z",
    );
    await act(async () => {
      route.value = { name: "audit", params: new URLSearchParams(location.hash.split("?")[1]) };
    });
    expect((view.getByLabelText("Since") as HTMLInputElement).value).toBe("2026-03-08");
    expect((view.getByLabelText("Until") as HTMLInputElement).value).toBe("2026-03-08");
  });

  it("names who did it in words: a user by their address, a key and the command line as such", async () => {
    vi.stubGlobal("fetch", async (url: string) =>
      url === "/v1/admin/users"
        ? Response.json({ items: [{ id: "usr_1", email: "ada@demo.example", role: "owner", active: true }] })
        : Response.json({
            items: [
              {
                id: "a1",
                at: "2026-12-06T10:00:00.000Z",
                actor: { userId: "usr_1" },
                action: "review.moderate",
                target: "r1",
                ip: "",
              },
              {
                id: "a2",
                at: "2026-12-06T09:00:00.000Z",
                actor: { userId: "usr_gone" },
                action: "review.moderate",
                target: "r2",
                ip: "",
              },
              {
                id: "a3",
                at: "2026-12-06T08:00:00.000Z",
                actor: { keyId: "key_9" },
                action: "review.moderate",
                target: "r3",
                ip: "",
              },
              {
                id: "a4",
                at: "2026-12-06T07:00:00.000Z",
                actor: { cli: "plaudit-server users" },
                action: "admin.user.create",
                target: "usr_1",
                ip: "",
              },
            ],
            nextCursor: null,
          }),
    );
    route.value = { name: "audit", params: new URLSearchParams() };
    const view = render(<Audit />);
    await view.findByText("\u2068ada@demo.example\u2069");
    const who = [...document.querySelectorAll("table.audit-log tbody tr")].map(
      (row) => row.querySelectorAll("td")[1]?.textContent,
    );
    expect(who).toEqual([
      "\u2068ada@demo.example\u2069",
      "\u2068usr_gone\u2069",
      "API key \u2068key_9\u2069",
      "Command line (\u2068plaudit-server users\u2069)",
    ]);
  });
});
