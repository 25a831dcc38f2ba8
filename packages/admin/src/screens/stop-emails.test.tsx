import { act, cleanup, fireEvent, render, waitFor } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeApi, sessionAs } from "../../testing/admin-test-kit.ts";
import { setLocale } from "../i18n.ts";
import { session } from "../session.ts";
import { StopEmails } from "./stop-emails.tsx";

const status = (email: string, over: Record<string, unknown> = {}) => ({
  email,
  suppressed: false,
  reason: null,
  since: null,
  liftable: false,
  auditTarget: "address-abc",
  ...over,
});
const stopped = {
  suppressed: true,
  reason: "unsubscribed",
  since: "2026-12-06T09:00:00.000Z",
  liftable: true,
};

const said = (view: ReturnType<typeof render>) =>
  view.container.querySelector(".stop-emails [role=status]")?.textContent;

beforeEach(() => {
  session.value = sessionAs("owner");
});
afterEach(async () => {
  cleanup();
  await setLocale("en");
  vi.unstubAllGlobals();
  session.value = undefined;
});

describe("stop emails to an address", () => {
  it("checks the typed address, stops it, says so, and resumes it", async () => {
    let suppressed = false;
    const calls = fakeApi((method, url) => {
      if (url.endsWith("/lift")) {
        suppressed = false;
        return Response.json(status("ana@example.com"));
      }
      if (method === "POST") {
        suppressed = true;
        return Response.json({ ...status("ana@example.com", stopped), stopped: 2 });
      }
      return Response.json(status("ana@example.com", suppressed ? stopped : {}));
    });
    const view = render(<StopEmails />);
    const field = view.getByLabelText("Shopper's email") as HTMLInputElement;
    fireEvent.input(field, { target: { value: " Ana@Example.com " } });
    await act(async () => view.getByRole("button", { name: "Check" }).click());
    await waitFor(() => expect(said(view)).toBe("\u2068ana@example.com\u2069 gets review requests."));
    expect(view.queryByRole("button", { name: "Resume review requests" })).toBeNull();

    await act(async () => view.getByRole("button", { name: "Stop review requests" }).click());
    await waitFor(() =>
      expect(said(view)).toBe(
        "Review requests to \u2068ana@example.com\u2069 stopped. 2 requests not yet done were stopped too.",
      ),
    );
    // Its button gave way to "Resume": the focus is back on the field, not dropped to the page.
    expect(document.activeElement).toBe(field);
    expect(view.queryByRole("button", { name: "Stop review requests" })).toBeNull();

    await act(async () => view.getByRole("button", { name: "Resume review requests" }).click());
    await waitFor(() =>
      expect(said(view)).toBe("\u2068ana@example.com\u2069 gets review requests again, from the next order."),
    );
    expect(calls).toEqual([
      "GET /v1/admin/review-requests/suppressions?email=Ana%40Example.com",
      'POST /v1/admin/review-requests/suppressions {"email":"Ana@Example.com"}',
      'POST /v1/admin/review-requests/suppressions/lift {"email":"Ana@Example.com"}',
    ]);
  });

  it("says an erased person's address stays stopped, with no button to resume it", async () => {
    fakeApi(() => Response.json(status("eli@example.com", { suppressed: true, reason: "erased" })));
    const view = render(<StopEmails />);
    fireEvent.input(view.getByLabelText("Shopper's email"), { target: { value: "eli@example.com" } });
    await act(async () => view.getByRole("button", { name: "Check" }).click());
    await waitFor(() =>
      expect(said(view)).toBe(
        "\u2068eli@example.com\u2069 belongs to an erased person: it gets no review requests, for good.",
      ),
    );
    expect(view.queryByRole("button", { name: "Resume review requests" })).toBeNull();
    expect(view.queryByRole("button", { name: "Stop review requests" })).toBeNull();
  });

  it("shows what the server refused beside the field, in the app's language, and asks for an address first", async () => {
    await setLocale("de");
    const calls = fakeApi(() =>
      Response.json(
        {
          error: {
            code: "validation_failed",
            message: "email muss eine E-Mail-Adresse sein",
            fields: { email: "muss eine E-Mail-Adresse sein" },
          },
        },
        { status: 422 },
      ),
    );
    const view = render(<StopEmails />);
    const field = view.getByLabelText("E-Mail der Kundin oder des Kunden");
    await act(async () => view.getByRole("button", { name: "Prüfen" }).click());
    expect(calls).toEqual([]);
    expect(field.getAttribute("aria-invalid")).toBe("true");
    const describedBy = () =>
      (field.getAttribute("aria-describedby") ?? "")
        .split(" ")
        .map((id) => document.getElementById(id)?.textContent);
    expect(describedBy()).toContain("Geben Sie eine E-Mail-Adresse ein.");

    fireEvent.input(field, { target: { value: "ana at example" } });
    await act(async () => view.getByRole("button", { name: "Bewertungsanfragen stoppen" }).click());
    await waitFor(() => expect(describedBy()).toContain("muss eine E-Mail-Adresse sein"));
    expect(document.activeElement).toBe(field);
    expect(said(view)).toBe("");
  });

  it("says a lift refused for an erased person in the live region", async () => {
    fakeApi((method) =>
      method === "GET"
        ? Response.json(status("fay@example.com", stopped))
        : Response.json(
            { error: { code: "conflict", message: "this address belongs to an erased person" } },
            { status: 409 },
          ),
    );
    const view = render(<StopEmails />);
    fireEvent.input(view.getByLabelText("Shopper's email"), { target: { value: "fay@example.com" } });
    await act(async () => view.getByRole("button", { name: "Check" }).click());
    const resume = await view.findByRole("button", { name: "Resume review requests" });
    await act(async () => resume.click());
    await waitFor(() =>
      expect(said(view)).toBe(
        "Not done: \u2068fay@example.com\u2069 belongs to an erased person and stays stopped.",
      ),
    );
  });
});
