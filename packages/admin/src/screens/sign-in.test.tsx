import { cleanup, render } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { endedSession } from "../session.ts";
import SignIn from "./sign-in.tsx";

afterEach(() => {
  cleanup();
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
});
