import { act, cleanup, fireEvent, render, waitFor } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sessionAs } from "../../testing/admin-test-kit.ts";
import { session } from "../session.ts";
import Users from "./users.tsx";

const owner = { id: "u1", email: "owner@demo.example", role: "owner", active: true };

beforeEach(() => {
  session.value = sessionAs("owner");
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  session.value = undefined;
});

describe("inviting a user", () => {
  it("sends one invite when Invite is pressed twice before the answer", async () => {
    const invites: unknown[] = [];
    let answer: (response: Response) => void = () => {};
    vi.stubGlobal("fetch", async (_url: string, init: RequestInit = {}) => {
      if (init.method !== "POST") return Response.json({ items: [owner] });
      invites.push(JSON.parse(String(init.body)));
      return new Promise<Response>((resolve) => (answer = resolve));
    });
    const view = render(<Users />);
    await view.findByText("owner@demo.example");
    fireEvent.input(view.getByLabelText("Email"), { target: { value: "ada@demo.example" } });
    const invite = view.getByRole("button", { name: "Invite" });
    invite.click();
    invite.click();
    await act(async () =>
      answer(
        Response.json(
          {
            user: { id: "u2", email: "ada@demo.example", role: "moderator", active: false },
            inviteUrl: "http://localhost/admin/#/set-password?token=x",
            expiresAt: "2026-12-09T00:00:00.000Z",
          },
          { status: 201 },
        ),
      ),
    );
    await view.findByRole("dialog");
    expect(invites).toEqual([{ email: "ada@demo.example", role: "moderator" }]);
    expect(view.queryByText("This address already has an account in this store.")).toBeNull();
  });
});

describe("a user removed meanwhile by another owner", () => {
  it("takes their row off and says so, instead of an error under it", async () => {
    const ada = { id: "u2", email: "ada@demo.example", role: "moderator", active: true };
    vi.stubGlobal("fetch", async (_url: string, init: RequestInit = {}) => {
      if (init.method === "DELETE")
        return Response.json(
          { error: { code: "not_found", message: "no such user in this store" } },
          { status: 404 },
        );
      return Response.json({ items: [ada, owner] });
    });
    const view = render(<Users />);
    await view.findByText("ada@demo.example");
    const row = view.getByText("ada@demo.example").closest("tr") as HTMLElement;
    await act(async () => (row.querySelector("button.danger") as HTMLButtonElement).click());
    await act(async () => {
      for (const button of view.getByRole("dialog").querySelectorAll<HTMLButtonElement>("button.danger"))
        button.click();
    });
    await waitFor(() => expect(view.queryByText("ada@demo.example", { selector: "th" })).toBeNull());
    expect(view.queryByRole("alert")).toBeNull();
    expect(view.getByRole("status").textContent).toContain(
      "is no longer a user of this store (removed meanwhile by another owner).",
    );
  });
});

describe("an invite the session ended under", () => {
  it("has its address and role back once the same owner has signed in again", async () => {
    const sent: unknown[] = [];
    vi.stubGlobal("fetch", async (_url: string, init: RequestInit = {}) => {
      if (init.method === "POST") sent.push(JSON.parse(String(init.body)));
      if (init.method === "POST")
        return Response.json(
          { error: { code: "unauthorized", message: "your session has ended" } },
          { status: 401 },
        );
      return Response.json({ items: [owner] });
    });
    const signedIn = session.value;
    const first = render(<Users />);
    await first.findByText("owner@demo.example");
    fireEvent.input(first.getByLabelText("Email"), { target: { value: "ada@demo.example" } });
    fireEvent.change(first.getByLabelText("Role"), { target: { value: "support" } });
    // The 401 signs out (api.ts → session.ts): sign-in takes the screen's place.
    await act(async () => first.getByRole("button", { name: "Invite" }).click());
    await waitFor(() => expect(session.value).toBeNull());
    expect(sent).toEqual([{ email: "ada@demo.example", role: "support" }]);
    first.unmount();
    await act(async () => {
      session.value = signedIn;
    });
    vi.stubGlobal("fetch", async () => Response.json({ items: [owner] }));
    const again = render(<Users />);
    await again.findByText("owner@demo.example");
    expect((again.getByLabelText("Email") as HTMLInputElement).value).toBe("ada@demo.example");
    expect((again.getByLabelText("Role") as HTMLSelectElement).value).toBe("support");
  });
});
