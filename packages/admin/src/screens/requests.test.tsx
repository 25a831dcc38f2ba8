import { act, cleanup, fireEvent, render, waitFor } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sessionAs } from "../../testing/admin-test-kit.ts";
import { route } from "../router.ts";
import { endedSession, session } from "../session.ts";
import ReviewRequests from "./requests.tsx";

const owner = sessionAs("owner");

/** What GET answers: settings with fields the form does not show (they must go back as read). */
const stored = {
  enabled: false,
  delayDays: 7,
  reminderDays: 7,
  maxPerAddressPer30Days: 5,
  from: { name: "Demo shop", email: "hello@shop.example" },
  replyTo: "help@shop.example",
  notifyEmail: null,
  notifyLocale: "de",
  photoIncentivePoints: 0,
  theme: { accent: "#7a3e9d" },
};
/** What the server adds to its answers (read-only: never sent back). */
let mailReady = true;

/** The settings route: GET answers `stored`; each PUT's body is recorded and answered by `answer`. */
function fakeApi(answer: (body: Record<string, unknown>) => Response = (body) => Response.json(body)) {
  const puts: Record<string, unknown>[] = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit = {}) => {
    if (url.startsWith("/v1/admin/review-requests?")) return Response.json({ items: [], nextCursor: null });
    expect(url).toBe("/v1/admin/review-requests/settings");
    if (init.method !== "PUT") return Response.json({ ...stored, mailReady });
    const body = JSON.parse(String(init.body));
    puts.push(body);
    return answer(body);
  });
  return puts;
}

/** The PUT's answer as the server gives it: what was saved, and whether mail can go out. */
const answerSaved = (body: Record<string, unknown>) => Response.json({ ...body, mailReady });

beforeEach(() => {
  session.value = owner;
  route.value = { name: "requests", params: new URLSearchParams() };
});

afterEach(() => {
  cleanup();
  endedSession.value = null;
  mailReady = true;
  vi.unstubAllGlobals();
  session.value = undefined;
});

const save = async (view: ReturnType<typeof render>) =>
  act(async () => view.getByRole("button", { name: "Save settings" }).click());

describe("review-request settings", () => {
  it("shows the saved settings, saves what was changed with what the form does not show, and says so", async () => {
    const puts = fakeApi();
    const view = render(<ReviewRequests />);
    const delay = (await view.findByLabelText("Days after the order arrives")) as HTMLInputElement;
    expect(delay.value).toBe("7");
    expect((view.getByLabelText("Sender email") as HTMLInputElement).value).toBe("hello@shop.example");
    fireEvent.input(delay, { target: { value: "10" } });
    fireEvent.input(view.getByLabelText("Reminder, days after the first email"), { target: { value: "0" } });
    fireEvent.input(view.getByLabelText("Tell this address about reviews awaiting moderation"), {
      target: { value: " mod@shop.example " },
    });
    fireEvent.input(view.getByLabelText("Points for a photo or video with a review"), {
      target: { value: "50" },
    });
    await save(view);
    expect(puts).toEqual([
      {
        ...stored,
        delayDays: 10,
        reminderDays: 0,
        notifyEmail: "mod@shop.example",
        photoIncentivePoints: 50,
      },
    ]);
    await waitFor(() =>
      expect(view.container.querySelector("form.request-settings [role=status]")?.textContent).toBe(
        "Review-request settings saved.",
      ),
    );
  });

  it("edits where answers go, the notices' language and the review page's colors, as merchants copy colors", async () => {
    const puts = fakeApi(answerSaved);
    const view = render(<ReviewRequests />);
    const replyTo = (await view.findByLabelText("Answers go to")) as HTMLInputElement;
    expect(replyTo.value).toBe("help@shop.example");
    const language = view.getByLabelText("Language of the notices") as HTMLSelectElement;
    expect(language.value).toBe("de");
    expect((view.getByLabelText("Accent (buttons)") as HTMLInputElement).value).toBe("#7a3e9d");
    fireEvent.input(replyTo, { target: { value: "  " } });
    fireEvent.change(language, { target: { value: "he" } });
    fireEvent.input(view.getByLabelText("Accent (buttons)"), { target: { value: " FFD700 " } });
    fireEvent.input(view.getByLabelText("Text"), { target: { value: "#ABC" } });
    fireEvent.input(view.getByLabelText("Background"), { target: { value: "#1a1a2e" } });
    await save(view);
    expect(puts[0]).toMatchObject({
      replyTo: null,
      notifyLocale: "he",
      theme: { accent: "#ffd700", text: "#aabbcc", background: "#1a1a2e" },
    });
    expect(puts[0]).not.toHaveProperty("mailReady");
    // Saved: the form shows the colors as the server has them.
    await waitFor(() => expect((view.getByLabelText("Text") as HTMLInputElement).value).toBe("#aabbcc"));
    // A color emptied is the default again: not sent.
    fireEvent.input(view.getByLabelText("Background"), { target: { value: "" } });
    await save(view);
    expect(puts[1]?.theme).toEqual({ accent: "#ffd700", text: "#aabbcc" });
  });

  it("shows a color the server refused beside its field", async () => {
    const message = "has 1.4:1 contrast with the background: buttons and the focus ring need at least 3:1";
    fakeApi(() =>
      Response.json(
        {
          error: {
            code: "validation_failed",
            message: "the request is not valid",
            fields: { "theme.accent": message },
          },
        },
        { status: 422 },
      ),
    );
    const view = render(<ReviewRequests />);
    const accent = (await view.findByLabelText("Accent (buttons)")) as HTMLInputElement;
    fireEvent.input(accent, { target: { value: "#ffd700" } });
    await save(view);
    await waitFor(() => expect(accent.getAttribute("aria-invalid")).toBe("true"));
    const described = (accent.getAttribute("aria-describedby") ?? "").split(" ");
    expect(described.map((id) => view.container.querySelector(`[id="${id}"]`)?.textContent)).toContain(
      message,
    );
  });

  it("says when this server cannot send the emails, and not when it can", async () => {
    const notice = /This server sends no email yet/;
    mailReady = false;
    fakeApi();
    const view = render(<ReviewRequests />);
    expect(await view.findByText(notice)).toBeTruthy();
    cleanup();
    mailReady = true;
    const ready = render(<ReviewRequests />);
    await ready.findByLabelText("Days after the order arrives");
    expect(ready.queryByText(notice)).toBeNull();
  });

  it("sends an empty notify address as none (null)", async () => {
    const puts = fakeApi();
    const view = render(<ReviewRequests />);
    await view.findByLabelText("Days after the order arrives");
    await save(view);
    expect(puts[0]?.notifyEmail).toBeNull();
  });

  it("shows what the server refused beside each field, and nothing saved", async () => {
    const fields = {
      enabled: "needs PLAUDIT_PUBLIC_URL on the server: the origin of the email's links",
      delayDays: "must be at most 60",
      "from.email": "must be an email address",
      photoIncentivePoints: "must be at most 1000000",
    };
    const puts = fakeApi(() =>
      Response.json(
        { error: { code: "validation_failed", message: "the request is not valid", fields } },
        { status: 422 },
      ),
    );
    const view = render(<ReviewRequests />);
    await view.findByLabelText("Days after the order arrives");
    fireEvent.click(view.getByLabelText("Send review requests"));
    fireEvent.input(view.getByLabelText("Days after the order arrives"), { target: { value: "90" } });
    await save(view);
    await waitFor(() =>
      expect(view.getByLabelText("Send review requests").getAttribute("aria-invalid")).toBe("true"),
    );
    expect(puts).toHaveLength(1);
    for (const [label, message] of [
      ["Send review requests", fields.enabled],
      ["Days after the order arrives", fields.delayDays],
      ["Sender email", fields["from.email"]],
      ["Points for a photo or video with a review", fields.photoIncentivePoints],
    ] as const) {
      const input = view.getByLabelText(label);
      expect(input.getAttribute("aria-invalid"), label).toBe("true");
      const described = (input.getAttribute("aria-describedby") ?? "")
        .split(" ")
        .map((id) => document.getElementById(id)?.textContent);
      expect(described, label).toContain(message);
    }
    expect(view.getByLabelText("Sender name").getAttribute("aria-invalid")).toBe("false");
    expect(view.container.querySelector("form.request-settings [role=status]")?.textContent).toBe("");
  });

  it("says a number is wanted before sending anything", async () => {
    const puts = fakeApi();
    const view = render(<ReviewRequests />);
    const max = await view.findByLabelText("Most emails to one address in 30 days");
    fireEvent.input(max, { target: { value: "five" } });
    await save(view);
    expect(puts).toEqual([]);
    expect(max.getAttribute("aria-invalid")).toBe("true");
    view.getByText("Enter a whole number, such as 7.");
  });

  it("keeps what was typed when the session ends on save, for the same user signed in again", async () => {
    fakeApi(() =>
      Response.json({ error: { code: "unauthorized", message: "sign in first" } }, { status: 401 }),
    );
    const view = render(<ReviewRequests />);
    fireEvent.input(await view.findByLabelText("Sender name"), { target: { value: "Lumen & Co" } });
    await save(view);
    // The app takes the screen down for sign-in…
    await waitFor(() => expect(session.value).toBeNull());
    view.unmount();
    // …and the same user, signed in again, finds the form as they left it.
    session.value = owner;
    const puts = fakeApi();
    const again = render(<ReviewRequests />);
    await waitFor(() =>
      expect((again.getByLabelText("Sender name") as HTMLInputElement).value).toBe("Lumen & Co"),
    );
    again.getByText("Not saved: your session ended. What you typed is kept here; save it again.");
    await save(again);
    expect(puts[0]?.from).toEqual({ name: "Lumen & Co", email: "hello@shop.example" });
  });

  it("drops it for another user", async () => {
    fakeApi(() =>
      Response.json({ error: { code: "unauthorized", message: "sign in first" } }, { status: 401 }),
    );
    const view = render(<ReviewRequests />);
    fireEvent.input(await view.findByLabelText("Sender name"), { target: { value: "Lumen & Co" } });
    await save(view);
    view.unmount();
    session.value = { ...owner, user: { ...owner.user, id: "u2", email: "other@demo.example" } };
    fakeApi();
    const again = render(<ReviewRequests />);
    await waitFor(() =>
      expect((again.getByLabelText("Sender name") as HTMLInputElement).value).toBe("Demo shop"),
    );
    expect(again.queryByRole("alert")).toBeNull();
  });
});

const request = (n: number, status: string, extra: Record<string, unknown> = {}) => ({
  id: `rq${n}`,
  orderId: `o-${n}`,
  email: `shopper${n}@example.com`,
  status,
  scheduledFor: "2026-12-10T09:00:00.000Z",
  attempts: 0,
  // One product the catalog names (a merchant's hostile name among them), one it does not.
  products: [
    { id: "tee", name: n === 1 ? "<b>Classic</b> tee" : "Classic tee", url: "https://shop.example/tee" },
    { id: `p-${n}`, name: null, url: null },
  ],
  ...extra,
});

/** The list route: pages by cursor; send and cancel answered by `write`. Every request is recorded. */
function fakeList(
  pages: Record<string, { items: unknown[]; nextCursor: string | null }>,
  write: (url: string) => Response,
) {
  const calls: string[] = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit = {}) => {
    calls.push(`${init.method ?? "GET"} ${url}`);
    if (url === "/v1/admin/review-requests/settings") return Response.json(stored);
    if (init.method === "POST") return write(url);
    const page = pages[url];
    if (!page) throw new Error(`unexpected ${url}`);
    return Response.json(page);
  });
  return calls;
}

const listStatus = (view: ReturnType<typeof render>) =>
  view.container.querySelector(".requests-list [role=status]")?.textContent;

describe("the list of review requests", () => {
  it("shows each request as the API gives it, pages on, and sends one now, saying so", async () => {
    const calls = fakeList(
      {
        "/v1/admin/review-requests?": {
          items: [request(1, "scheduled"), request(2, "sent", { sentAt: "2026-12-01T09:00:00.000Z" })],
          nextCursor: "c2",
        },
        "/v1/admin/review-requests?cursor=c2": {
          items: [request(3, "failed", { attempts: 3, lastError: "mail server refused: 550", email: null })],
          nextCursor: null,
        },
      },
      (url) => {
        expect(url).toBe("/v1/admin/review-requests/rq3/send");
        return Response.json(request(3, "scheduled", { email: null }), { status: 202 });
      },
    );
    const view = render(<ReviewRequests />);
    const first = (await view.findByText("shopper1@example.com")).closest("tr");
    // The products of each request: the catalog's name linked to its page with the id beside it,
    // the id alone where the catalog has none; the merchant's words as text.
    expect([...(first?.querySelectorAll(".request-products li") ?? [])].map((li) => li.textContent)).toEqual([
      "<b>Classic</b> tee (opens in a new tab) (tee)",
      "p-1",
    ]);
    expect(first?.querySelector(".request-products a")?.getAttribute("href")).toBe(
      "https://shop.example/tee",
    );
    expect(first?.querySelector("b")).toBeNull();
    expect(view.queryByRole("button", { name: "Send now, order \u2068o-2\u2069" })).toBeNull();
    await act(async () => view.getByRole("button", { name: "Load more" }).click());
    const row = await view.findByText("o-3");
    expect(row.closest("tr")?.textContent).toContain("(erased)");
    expect(row.closest("tr")?.textContent).toContain("mail server refused: 550");
    expect(row.closest("tr")?.textContent).toContain("3 attempts");
    await act(async () => view.getByRole("button", { name: "Send now, order \u2068o-3\u2069" }).click());
    await waitFor(() => expect(listStatus(view)).toBe("The request for order \u2068o-3\u2069 goes out now."));
    expect(view.getByText("o-3").closest("tr")?.textContent).toContain("Scheduled");
    expect(calls).toContain("POST /v1/admin/review-requests/rq3/send");
  });

  it("filters by status through the URL", async () => {
    const calls = fakeList(
      {
        "/v1/admin/review-requests?": { items: [request(1, "scheduled")], nextCursor: null },
        "/v1/admin/review-requests?status=failed": { items: [], nextCursor: null },
      },
      () => Response.json({}),
    );
    const view = render(<ReviewRequests />);
    await view.findByText("o-1");
    await act(async () => {
      route.value = { name: "requests", params: new URLSearchParams("status=failed") };
    });
    await view.findByText("No review requests here.");
    expect(calls).toContain("GET /v1/admin/review-requests?status=failed");
    expect((view.getByLabelText("Status") as HTMLSelectElement).value).toBe("failed");
  });

  it("cancels, and says so; a request changed meanwhile is read again and said so", async () => {
    let listed = request(1, "scheduled");
    fakeList(
      {
        get "/v1/admin/review-requests?"() {
          return { items: [listed], nextCursor: null };
        },
      },
      (url) => {
        if (url.endsWith("/cancel")) return Response.json(request(1, "canceled"));
        listed = request(1, "sent", { sentAt: "2026-12-06T09:00:00.000Z" });
        return Response.json(
          {
            error: {
              code: "conflict",
              message: "this request is sent: only a scheduled or failed one can be sent",
            },
          },
          { status: 409 },
        );
      },
    );
    const view = render(<ReviewRequests />);
    await view.findByText("o-1");
    await act(async () => view.getByRole("button", { name: "Send now, order \u2068o-1\u2069" }).click());
    await waitFor(() =>
      expect(listStatus(view)).toBe(
        "Not done: the request for order \u2068o-1\u2069 changed meanwhile. The list shows it as it is now.",
      ),
    );
    await waitFor(() => expect(view.getByText("o-1").closest("tr")?.textContent).toContain("Sent"));
    await act(async () =>
      view.getByRole("button", { name: "Cancel request, order \u2068o-1\u2069" }).click(),
    );
    await waitFor(() =>
      expect(listStatus(view)).toBe(
        "The request for order \u2068o-1\u2069 is canceled: nothing more is sent for it.",
      ),
    );
    expect(view.getByText("o-1").closest("tr")?.textContent).toContain("Canceled");
    // Its buttons are gone: the focus is on its row, not dropped to the page.
    expect(document.activeElement).toBe(view.getByText("o-1"));
    expect(view.queryByRole("button", { name: "Cancel request, order \u2068o-1\u2069" })).toBeNull();
  });
});
