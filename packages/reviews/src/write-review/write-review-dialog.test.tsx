// The dialog end to end inside a shadow root, with the real store and client; only `fetch` is
// replaced (the network is the boundary we do not own), answering as API.md says the server does.
import { getEvents, getStore, type PlauditEventMap } from "@plaudit/core";
import { cleanup, fireEvent, render, waitFor, within } from "@testing-library/preact";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  WriteReviewDialog,
  type WriteReviewDialogProps,
  writeReviewDialogIn,
} from "./write-review-dialog.tsx";

const cfg = { apiBase: "https://reviews.example.com", store: "demo" };

interface Sent {
  method: string;
  url: URL;
  body: unknown;
}
type Answer = (request: Sent) => Response | Promise<Response>;

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });

const summaryOf = (productId: string) => ({
  productId,
  count: 1,
  average: 5,
  histogram: [0, 0, 0, 0, 1],
  mediaCount: 0,
});

function created(productId: string, status: "published" | "pending") {
  return json(
    {
      review: {
        id: "rv_Zk3p9Qe2",
        productId,
        rating: 4,
        title: "Warm and light",
        body: "Wore it all winter.",
        author: { name: "Dana" },
        verified: true,
        createdAt: "2026-11-26T10:00:00.000Z",
        helpful: { up: 0, down: 0 },
        reply: null,
        media: [],
      },
      status,
    },
    201,
  );
}

let posts: Sent[] = [];
/** Summary reads: the store refreshes the product's stars after a published review. */
let summaryReads: URL[] = [];

/** Replaces the global fetch; POSTs go to `answer`, GETs (the summary refresh) get a summary. */
function network(answer: Answer) {
  posts = [];
  summaryReads = [];
  const fake = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (request.method === "GET") {
      summaryReads.push(url);
      const ids = url.searchParams.get("products")?.split(",") ?? ["x"];
      return json({ items: ids.map(summaryOf) });
    }
    const sent = { method: request.method, url, body: JSON.parse(await request.text()) };
    posts.push(sent);
    return answer(sent);
  };
  vi.stubGlobal("fetch", vi.fn(fake));
}

let productCounter = 0;
function open(overrides: Partial<WriteReviewDialogProps> = {}) {
  const host = document.createElement("div");
  document.body.append(host);
  const root = host.attachShadow({ mode: "open" });
  const container = document.createElement("div");
  root.append(container);
  const opener = document.createElement("button");
  container.append(opener);
  const onClose = vi.fn();
  const productId = `sku-${++productCounter}`;
  const { unmount } = render(
    <WriteReviewDialog
      submit={(input) => getStore().submitReview(cfg, productId, input)}
      uploadMedia={(file, options) => getStore().client(cfg).uploadMedia(file, options)}
      productId={productId}
      productName="Alpaca Scarf"
      i18nLocale="en"
      returnFocusTo={opener}
      onClose={onClose}
      {...overrides}
    />,
    { container: container.appendChild(document.createElement("div")) },
  );
  const ui = within(container);
  const field = (name: string) => ui.getByRole("textbox", { name }) as HTMLInputElement;
  const type = (name: string, value: string) => fireEvent.input(field(name), { target: { value } });
  const submitButton = () => container.querySelector<HTMLButtonElement>("button[type=submit]")!;
  return { root, ui, field, type, submitButton, onClose, opener, productId, container, unmount };
}

function fillValid(view: ReturnType<typeof open>) {
  fireEvent.click(view.ui.getByRole("radio", { name: "4 stars" }));
  view.type("Title (optional)", "Warm and light");
  view.type("Your review", "Wore it all winter.");
  view.type("Your name", "Dana");
  view.type("Email", "dana@example.com");
}

const describedByText = (el: Element, root: ShadowRoot) =>
  (el.getAttribute("aria-describedby") ?? "")
    .split(" ")
    .map((id) => root.getElementById(id)?.textContent ?? "")
    .join(" ");

beforeEach(() => network(() => created("x", "published")));
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  document.body.replaceChildren();
});
// Not after each test: a summary refresh still in flight would reach the real network.
afterAll(() => vi.unstubAllGlobals());

describe("WriteReviewDialog", () => {
  it("opens as a dialog titled with the product, focus on the first star", () => {
    const view = open();
    const dialog = view.ui.getByRole("dialog");
    expect(view.root.getElementById(dialog.getAttribute("aria-labelledby")!)?.textContent).toBe(
      "Review Alpaca Scarf",
    );
    expect(view.root.activeElement).toBe(view.ui.getByRole("radio", { name: "1 star" }));
  });

  it("shows no message before the first submit, even when leaving an empty field", () => {
    const view = open();
    fireEvent.blur(view.field("Email"));
    expect(view.field("Email").getAttribute("aria-invalid")).toBeNull();
    expect(view.container.querySelectorAll(".plaudit-write-review-error")).toHaveLength(0);
  });

  it("on submit shows each problem tied to its field and focuses the first invalid one", async () => {
    const view = open();
    view.type("Email", "dana@example");
    fireEvent.click(view.submitButton());

    const group = view.ui.getByRole("radiogroup", { name: "Your rating" });
    expect(group.getAttribute("aria-invalid")).toBe("true");
    expect(describedByText(group, view.root)).toContain("Choose a star rating.");
    for (const [name, message] of [
      ["Your review", "Write your review."],
      ["Your name", "Enter your name."],
      ["Email", "Enter an email address like name@example.com."],
    ] as const) {
      expect(view.field(name).getAttribute("aria-invalid")).toBe("true");
      expect(describedByText(view.field(name), view.root)).toContain(message);
    }
    expect(view.field("Title (optional)").getAttribute("aria-invalid")).toBeNull();
    await waitFor(() => expect(view.root.activeElement).toBe(view.ui.getByRole("radio", { name: "1 star" })));
    expect(posts).toHaveLength(0);

    fireEvent.click(view.ui.getByRole("radio", { name: "5 stars" }));
    expect(group.getAttribute("aria-invalid")).toBeNull();
    fireEvent.click(view.submitButton());
    await waitFor(() => expect(view.root.activeElement).toBe(view.field("Your review")));
  });

  it("after the first submit, re-checks a field when focus leaves it", () => {
    const view = open();
    fireEvent.click(view.submitButton());
    view.type("Email", "dana@example.com");
    expect(view.field("Email").getAttribute("aria-invalid")).toBe("true"); // not while typing
    fireEvent.blur(view.field("Email"));
    expect(view.field("Email").getAttribute("aria-invalid")).toBeNull();
    view.type("Title (optional)", "x".repeat(151));
    fireEvent.blur(view.field("Title (optional)"));
    expect(describedByText(view.field("Title (optional)"), view.root)).toContain(
      "Keep the title to 150 characters or fewer.",
    );
  });

  it("sends through the store (honeypot and customer token included), then says it is published", async () => {
    let release: (r: Response) => void = () => {};
    network(() => new Promise<Response>((resolve) => (release = resolve)));
    const submitted: PlauditEventMap["review:submitted"][] = [];
    const off = getEvents().on("review:submitted", (detail) => submitted.push(detail));
    const view = open({ customerToken: "cust_42.1790000000.abcdef" });
    fillValid(view);
    const honeypot = view.container.querySelector<HTMLInputElement>("input[name=website]")!;
    fireEvent.input(honeypot, { target: { value: "http://spam.example" } });
    fireEvent.click(view.submitButton());

    await waitFor(() => expect(posts).toHaveLength(1));
    expect(view.submitButton().getAttribute("aria-disabled")).toBe("true");
    expect(view.submitButton().textContent).toBe("Sending…");
    expect(view.field("Your review").value).toBe("Wore it all winter."); // the form stays visible
    fireEvent.click(view.submitButton()); // a second click while sending sends nothing
    expect(posts[0]!.url.pathname).toBe(`/v1/stores/demo/products/${view.productId}/reviews`);
    expect(posts[0]!.body).toEqual({
      rating: 4,
      title: "Warm and light",
      body: "Wore it all winter.",
      author: { name: "Dana", email: "dana@example.com" },
      customerToken: "cust_42.1790000000.abcdef",
      website: "http://spam.example",
    });

    release(created(view.productId, "published"));
    const status = await view.ui.findByText("Thank you! Your review has been published.");
    expect(status.getAttribute("role")).toBe("status");
    expect(posts).toHaveLength(1);
    expect(submitted).toHaveLength(1);
    expect(submitted[0]).toMatchObject({ store: "demo", productId: view.productId, status: "published" });
    await waitFor(() =>
      expect(summaryReads.map((url) => url.searchParams.get("products"))).toContain(view.productId),
    );
    // The thanks view's own Close button (the dialog's × is named "Close" too).
    const close = view.container.querySelector<HTMLButtonElement>(".plaudit-write-review-actions button")!;
    expect(close.textContent).toBe("Close");
    // Focus moves there in the thanks view's effect, after its render: wait for it (a read right
    // after the text showed failed under load).
    await waitFor(() => expect(view.root.activeElement).toBe(close));
    fireEvent.click(close);
    expect(view.onClose).toHaveBeenCalledTimes(1);
    off();
  });

  it("sends one review when submit fires twice before the dialog re-renders (a script, a bouncing key)", async () => {
    network(() => new Promise<Response>(() => {}));
    const view = open();
    fillValid(view);
    view.submitButton().click();
    view.submitButton().click();
    await waitFor(() => expect(posts).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(posts).toHaveLength(1);
  });

  it("says the review awaits moderation when the server holds it", async () => {
    const view = open();
    network(() => created(view.productId, "pending"));
    fillValid(view);
    const status = view.ui.getByRole("status");
    expect(status.textContent).toBe("");
    fireEvent.click(view.submitButton());
    await waitFor(() =>
      expect(status.textContent).toBe(
        "Thank you! Your review is awaiting moderation and will appear once it has been checked.",
      ),
    );
    expect(view.ui.getByRole("status")).toBe(status); // the same live region, not a new one
  });

  it("maps the server's validation_failed fields onto the fields' messages", async () => {
    network(() =>
      json(
        {
          error: {
            code: "validation_failed",
            message: "author.email must be an email address",
            fields: { "author.email": "must be an email address" },
          },
        },
        422,
      ),
    );
    const view = open();
    fillValid(view);
    fireEvent.click(view.submitButton());
    await waitFor(() => expect(view.field("Email").getAttribute("aria-invalid")).toBe("true"));
    expect(describedByText(view.field("Email"), view.root)).toContain(
      "This email address was not accepted. Check it and try again.",
    );
    await waitFor(() => expect(view.root.activeElement).toBe(view.field("Email")));
    expect(view.submitButton().getAttribute("aria-disabled")).toBeNull();

    view.type("Email", "dana@example.org");
    expect(view.field("Email").getAttribute("aria-invalid")).toBeNull();
  });

  it("when rate limited says to try later, and Retry sends the same draft", async () => {
    let calls = 0;
    const view = open();
    network(() =>
      ++calls === 1
        ? json({ error: { code: "rate_limited", message: "too many requests" } }, 429, {
            "retry-after": "60",
          })
        : created(view.productId, "published"),
    );
    fillValid(view);
    fireEvent.click(view.submitButton());
    const alert = await view.ui.findByText(
      "You have sent several reviews in a short time. Please try again later.",
    );
    expect(alert.getAttribute("role")).toBe("alert");
    expect(view.field("Your review").value).toBe("Wore it all winter.");
    expect(view.field("Email").value).toBe("dana@example.com");
    expect(view.ui.getByRole("radio", { name: "4 stars" }).getAttribute("aria-checked")).toBe("true");

    expect(view.submitButton().textContent).toBe("Try again");
    fireEvent.click(view.submitButton());
    await view.ui.findByText("Thank you! Your review has been published.");
    expect(posts).toHaveLength(2);
    expect(posts[1]!.body).toEqual(posts[0]!.body);
  });

  it("when the network fails says to check the connection, keeping the draft", async () => {
    network(() => Promise.reject(new TypeError("Failed to fetch")));
    const view = open();
    fillValid(view);
    fireEvent.click(view.submitButton());
    await view.ui.findByText(
      "Your review was not sent: we could not connect. Check your connection and try again.",
    );
    expect(view.field("Title (optional)").value).toBe("Warm and light");
    expect(view.field("Your name").value).toBe("Dana");
  });

  it("counts characters visibly but announces only near the limit, after a pause", async () => {
    vi.useFakeTimers();
    const view = open();
    const live = view.container.querySelector(".plaudit-write-review-count [aria-live]")!;
    view.type("Your review", "Great");
    expect(view.container.querySelector(".plaudit-write-review-count")?.textContent).toContain("5 / 5,000");
    await vi.advanceTimersByTimeAsync(2000);
    expect(live.textContent).toBe("");

    view.type("Your review", "a".repeat(4990));
    await vi.advanceTimersByTimeAsync(500);
    expect(live.textContent).toBe(""); // still typing
    await vi.advanceTimersByTimeAsync(600);
    expect(live.textContent).toBe("10 characters left");

    view.type("Your review", "a".repeat(5002));
    await vi.advanceTimersByTimeAsync(1100);
    expect(live.textContent).toBe("2 characters too many");
  });

  it("keeps the draft of a dialog closed before sending for when it opens again; a sent review starts afresh", async () => {
    const first = open({ productId: "scarf-kept" });
    fillValid(first);
    fireEvent.keyDown(first.ui.getByRole("dialog"), { key: "Escape" });
    first.unmount();
    const again = open({ productId: "scarf-kept" });
    expect(again.field("Your review").value).toBe("Wore it all winter.");
    expect(again.field("Email").value).toBe("dana@example.com");
    expect(again.ui.getByRole("radio", { name: "4 stars" }).getAttribute("aria-checked")).toBe("true");
    // Another product's form is its own.
    const other = open({ productId: "mittens" });
    expect(other.field("Your review").value).toBe("");
    other.unmount();
    fireEvent.click(again.submitButton());
    await again.ui.findByText("Thank you! Your review has been published.");
    // The store refreshes the product's stars: let that read end here, not on the real network.
    await waitFor(() =>
      expect(summaryReads.map((url) => url.searchParams.get("products"))).toContain(again.productId),
    );
    again.unmount();
    const next = open({ productId: "scarf-kept" });
    expect(next.field("Your review").value).toBe("");
    expect(next.ui.getByRole("radio", { name: "4 stars" }).getAttribute("aria-checked")).toBe("false");
  });

  it("closes on Escape and hands focus back to the opener", () => {
    const view = open();
    fireEvent.keyDown(view.ui.getByRole("dialog"), { key: "Escape" });
    expect(view.onClose).toHaveBeenCalledTimes(1);
  });

  it("speaks Hebrew right to left, and German, each once its chunk came (writeReviewDialogIn)", async () => {
    await writeReviewDialogIn("he-IL");
    await writeReviewDialogIn("de-AT");
    const he = open({ i18nLocale: "he-IL", productName: undefined });
    const dialog = he.ui.getByRole("dialog");
    expect(dialog.getAttribute("dir")).toBe("rtl");
    expect(he.root.getElementById(dialog.getAttribute("aria-labelledby")!)?.textContent).toBe("כתיבת ביקורת");
    expect(he.ui.getByRole("radio", { name: "שני כוכבים" })).toBeTruthy();
    cleanup();
    const de = open({ i18nLocale: "de-AT" });
    expect(de.ui.getByRole("radio", { name: "1 Stern" })).toBeTruthy();
    expect(de.ui.getByRole("button", { name: "Schließen" })).toBeTruthy();
  });
});
