import { act, cleanup, fireEvent, render } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { endedSession } from "../session.ts";
import SignIn from "./sign-in.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  endedSession.value = null;
});

describe("sign-in", () => {
  it("says why it is shown when the session ended mid-work", async () => {
    endedSession.value = { id: "u1", email: "mo@demo.example", role: "moderator" };
    const view = render(<SignIn mode="sign-in" />);
    expect((await view.findByRole("alert")).textContent).toBe(
      "Your session has ended. Sign in again to carry on where you were.",
    );
  });

  it("says nothing of the kind on a first visit", async () => {
    const view = render(<SignIn mode="sign-in" />);
    await view.findByRole("button", { name: "Sign in" });
    expect(view.queryByRole("alert")).toBeNull();
  });

  it("says how long a locked sign-in has left (Retry-After), not always 15 minutes", async () => {
    vi.stubGlobal("fetch", async () =>
      Response.json(
        { error: { code: "locked", message: "too many failed sign-ins: try again later" } },
        { status: 423, headers: { "retry-after": "241" } },
      ),
    );
    const view = render(<SignIn mode="sign-in" />);
    fireEvent.input(view.getByLabelText("Store"), { target: { value: "demo" } });
    fireEvent.input(view.getByLabelText("Email"), { target: { value: "ada@demo.example" } });
    fireEvent.input(view.getByLabelText("Password"), { target: { value: "a guess" } });
    await act(async () => view.getByRole("button", { name: "Sign in" }).click());
    expect((await view.findByRole("alert")).textContent).toBe(
      "Too many failed attempts. Try again in 5 minutes.",
    );
  });
});
