import { act, cleanup, fireEvent, render, waitFor } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeApi, sessionAs } from "../../testing/admin-test-kit.ts";
import { setLocale } from "../i18n.ts";
import { route } from "../router.ts";
import { session } from "../session.ts";
import Privacy, { exportFileName, subjectOf } from "./privacy.tsx";

const hostile = "<img src=x onerror=alert(1)>";
const exported = {
  store: "demo",
  exportedAt: "2026-12-07T10:15:00.000Z",
  request: { email: "Ana@Example.com" },
  person: { customerIds: ["c-1001"], emails: ["ana@example.com"] },
  reviews: [
    {
      id: "r1",
      productId: "tee",
      rating: 5,
      title: hostile,
      body: "Soft.",
      author: { name: hostile, email: "ana@example.com" },
      customerId: "c-1001",
      verified: true,
      status: "published",
      createdAt: "2026-12-01T00:00:00.000Z",
      reply: null,
      helpful: { up: 0, down: 0 },
      media: [],
    },
  ],
  votes: [],
  orders: [],
  loyalty: { accounts: [], ledger: [], pending: [], redemptions: [] },
  reviewRequests: [],
  questions: [],
};
/** The lookup of the same person: who they are and their records counted. */
const looked = {
  person: exported.person,
  counts: {
    reviews: 1,
    orders: 0,
    loyaltyAccounts: 0,
    ledgerEntries: 0,
    redemptions: 0,
    reviewRequests: 0,
    votes: 0,
  },
};
/** The GET routes' answers: the lookup (a Find) or the export (a download). */
const read = (url: string) => Response.json(url.includes("/privacy/lookup?") ? looked : exported);
const erased = { erased: { reviews: 1, orders: 2, questions: 0, requests: 1 } };

const said = (view: ReturnType<typeof render>) =>
  view.container.querySelector(".privacy > [role=status]")?.textContent;

/** The downloads the screen hands the browser: each file's name and text. */
function catchDownloads() {
  const files: { name: string; text: Promise<string> }[] = [];
  const blobs = new Map<string, Blob>();
  vi.stubGlobal("URL", {
    ...URL,
    createObjectURL: (blob: Blob) => {
      const url = `blob:test/${blobs.size}`;
      blobs.set(url, blob);
      return url;
    },
    revokeObjectURL: () => {},
  });
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    const blob = blobs.get(this.getAttribute("href") ?? "");
    if (blob) files.push({ name: this.download, text: blob.text() });
  });
  return files;
}

beforeEach(() => {
  session.value = sessionAs("support");
});
afterEach(async () => {
  cleanup();
  await setLocale("en");
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  session.value = undefined;
});

async function find(view: ReturnType<typeof render>, typed: string) {
  fireEvent.input(view.getByLabelText("Email address or customer id"), { target: { value: typed } });
  await act(async () => view.getByRole("button", { name: "Find" }).click());
}

describe("privacy requests", () => {
  it("reads words with an @ as an address and others as a customer id", () => {
    expect(subjectOf(" Ana@Example.com ")).toEqual({ email: "Ana@Example.com" });
    expect(subjectOf("c-1001")).toEqual({ customerId: "c-1001" });
    expect(exportFileName({ store: "demo shop/1", exportedAt: "2026-12-07T23:59:00.000Z" })).toBe(
      "plaudit-export-demo-shop-1-2026-12-07.json",
    );
  });

  it("finds a person, says what is held (counted), and downloads it all as a JSON file read then, their words as text", async () => {
    const calls = fakeApi((_method, url) => read(url));
    const files = catchDownloads();
    const view = render(<Privacy />);
    await find(view, " Ana@Example.com ");
    await view.findByRole("heading", { name: "What the store holds about \u2068Ana@Example.com\u2069" });
    expect(said(view)).toBe("Found what the store holds about \u2068Ana@Example.com\u2069.");
    expect(view.getByText("1 review")).toBeTruthy();
    expect(view.getByText("0 orders")).toBeTruthy();
    expect(view.getByText("c-1001")).toBeTruthy();

    await act(async () => view.getByRole("button", { name: "Download their data (JSON)" }).click());
    await waitFor(() => expect(files.map((f) => f.name)).toEqual(["plaudit-export-demo-2026-12-07.json"]));
    expect(JSON.parse(await (files[0]?.text ?? Promise.resolve("")))).toEqual(exported);
    expect(said(view)).toBe("Downloaded plaudit-export-demo-2026-12-07.json.");
    // Nothing of the person's text became markup.
    expect(document.querySelector("img")).toBeNull();
    // A Find reads the counts (privacy.lookup); only the download reads the export (privacy.export).
    expect(calls).toEqual([
      "GET /v1/admin/privacy/lookup?email=Ana%40Example.com",
      "GET /v1/admin/privacy/export?email=Ana%40Example.com",
    ]);
  });

  it("erases only once the address is typed again, then shows the API's counts with the focus on them", async () => {
    const calls = fakeApi((method, url) => (method === "POST" ? Response.json(erased) : read(url)));
    const view = render(<Privacy />);
    await find(view, "ana@example.com");
    await act(async () => (await view.findByRole("button", { name: "Erase this person…" })).click());
    const dialog = await view.findByRole("dialog");
    expect(dialog.textContent).toContain("This cannot be undone.");
    const confirm = view.getByLabelText("To confirm, type \u2068ana@example.com\u2069");
    fireEvent.input(confirm, { target: { value: "ana@example.co" } });
    await act(async () => view.getByRole("button", { name: "Erase for good" }).click());
    expect(confirm.getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(confirm);
    expect(calls.filter((c) => c.startsWith("POST"))).toEqual([]);

    fireEvent.input(confirm, { target: { value: " ANA@example.com" } });
    await act(async () => view.getByRole("button", { name: "Erase for good" }).click());
    const heading = await view.findByRole("heading", { name: "\u2068ana@example.com\u2069 erased" });
    expect(view.queryByRole("dialog")).toBeNull();
    expect([...view.container.querySelectorAll(".privacy-erased li")].map((li) => li.textContent)).toEqual([
      "1 review",
      "2 orders",
      "0 questions",
      "1 review request",
    ]);
    expect(said(view)).toBe(
      "\u2068ana@example.com\u2069 erased: 1 review, 2 orders, 0 questions, 1 review request.",
    );
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(calls).toEqual([
      "GET /v1/admin/privacy/lookup?email=ana%40example.com",
      'POST /v1/admin/privacy/erase {"email":"ana@example.com"}',
    ]);
  });

  it("says when a person was erased before (the API's zeros)", async () => {
    fakeApi((method, url) =>
      method === "POST"
        ? Response.json({ erased: { reviews: 0, orders: 0, questions: 0, requests: 0 } })
        : read(url),
    );
    const view = render(<Privacy />);
    await find(view, "c-1001");
    await act(async () => (await view.findByRole("button", { name: "Erase this person…" })).click());
    fireEvent.input(view.getByLabelText("To confirm, type \u2068c-1001\u2069"), {
      target: { value: "c-1001" },
    });
    await act(async () => view.getByRole("button", { name: "Erase for good" }).click());
    await waitFor(() =>
      expect(said(view)).toBe("Nothing left to erase: \u2068c-1001\u2069 was erased before."),
    );
  });

  it("says beside the field that the store holds nothing about an unknown person (404), in the app's language", async () => {
    await setLocale("de");
    fakeApi(() =>
      Response.json(
        {
          error: { code: "not_found", message: "this store holds nothing about this customer id or address" },
        },
        { status: 404 },
      ),
    );
    const view = render(<Privacy />);
    fireEvent.input(view.getByLabelText("E-Mail-Adresse oder Kundennummer"), {
      target: { value: "nobody@example.com" },
    });
    await act(async () => view.getByRole("button", { name: "Suchen" }).click());
    const field = view.getByLabelText("E-Mail-Adresse oder Kundennummer");
    await waitFor(() => expect(field.getAttribute("aria-invalid")).toBe("true"));
    const describedBy = (field.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent);
    expect(describedBy).toContain("Dieser Shop speichert nichts über \u2068nobody@example.com\u2069.");
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect(view.queryByRole("button", { name: "Diese Person löschen …" })).toBeNull();
  });

  it("asks for something to find first, and shows the server's refusal of the address beside the field", async () => {
    const calls = fakeApi(() =>
      Response.json(
        {
          error: {
            code: "validation_failed",
            message: "email must be an email address",
            fields: { email: "must be an email address" },
          },
        },
        { status: 422 },
      ),
    );
    const view = render(<Privacy />);
    await act(async () => view.getByRole("button", { name: "Find" }).click());
    expect(calls).toEqual([]);
    const field = view.getByLabelText("Email address or customer id");
    expect(field.getAttribute("aria-invalid")).toBe("true");
    await find(view, "ana@");
    await view.findByText("must be an email address");
    await waitFor(() => expect(document.activeElement).toBe(field));
  });

  it("says a server that cannot be reached in words, and offers no erasure to a role without customers:erase", async () => {
    session.value = { ...sessionAs("support"), scopes: ["customers:read"] };
    let up = false;
    vi.stubGlobal("fetch", async (url: string) => {
      if (!up) throw new TypeError("Failed to fetch");
      return read(url);
    });
    const view = render(<Privacy />);
    await find(view, "ana@example.com");
    await view.findByRole("alert");
    expect(view.getByRole("alert").textContent).toContain("The server cannot be reached");
    up = true;
    await act(async () => view.getByRole("button", { name: "Find" }).click());
    await view.findByRole("button", { name: "Download their data (JSON)" });
    expect(view.queryByRole("button", { name: "Erase this person…" })).toBeNull();
  });

  it("opened from a customer's page, fills in their id and looks them up at once", async () => {
    route.value = { name: "privacy", params: new URLSearchParams("customer=c-1001") };
    const calls = fakeApi((_method, url) => read(url));
    const view = render(<Privacy />);
    await view.findByRole("heading", { name: "What the store holds about \u2068c-1001\u2069" });
    expect((view.getByLabelText("Email address or customer id") as HTMLInputElement).value).toBe("c-1001");
    expect(calls).toEqual(["GET /v1/admin/privacy/lookup?customerId=c-1001"]);
    route.value = { name: "privacy", params: new URLSearchParams() };
  });
});
