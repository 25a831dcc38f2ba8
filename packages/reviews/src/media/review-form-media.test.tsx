// The photo and video field inside the real write-review dialog, store and client; only the
// network is fake (fetch; XMLHttpRequest removed so uploads go through fetch as they do in Node).
import { getStore, type Media } from "@plaudit/core";
import { cleanup, fireEvent, waitFor, within } from "@testing-library/preact";
import { render } from "preact";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { photo } from "../../testing/media-fixtures.ts";
import { WriteReviewDialog } from "../write-review/write-review-dialog.tsx";

const cfg = { apiBase: "https://reviews.example.com", store: "demo" };
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8" },
  });

let uploads: { body: string; answer(response: Response): void }[] = [];
let reviewPosts: { mediaIds?: string[] }[] = [];
/** Answers for the next review posts, in order; a 201 when none is left. */
let reviewAnswers: Response[] = [];

beforeEach(() => {
  uploads = [];
  reviewPosts = [];
  reviewAnswers = [];
  vi.stubGlobal("XMLHttpRequest", undefined);
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      if (request.method === "GET")
        return json({
          items: [{ productId: "tee", count: 1, average: 5, histogram: [0, 0, 0, 0, 1], mediaCount: 1 }],
        });
      if (url.pathname.endsWith("/media")) {
        const body = await request.text();
        return new Promise<Response>((answer) => uploads.push({ body, answer }));
      }
      const sent = JSON.parse(await request.text());
      reviewPosts.push(sent);
      const answer = reviewAnswers.shift();
      if (answer) return answer;
      return json(
        {
          review: {
            id: "rv1",
            productId: "tee",
            rating: 5,
            title: "",
            body: sent.body,
            author: { name: "Dana" },
            verified: false,
            createdAt: "2026-11-26T10:00:00.000Z",
            helpful: { up: 0, down: 0 },
            reply: null,
            media: [],
          },
          status: "published",
        },
        201,
      );
    }),
  );
});
afterEach(() => {
  cleanup();
  document.body.replaceChildren();
  document.documentElement.removeAttribute("style");
});
afterAll(() => vi.unstubAllGlobals());

// Each test its own product: a dialog closed unsent keeps its draft and files for that product.
let products = 0;
function open(productId = `tee-${++products}`) {
  const host = document.createElement("div");
  document.body.append(host);
  const root = host.attachShadow({ mode: "open" });
  const container = document.createElement("div");
  root.append(container);
  render(
    <WriteReviewDialog
      submit={(input) => getStore().submitReview(cfg, "tee", input)}
      uploadMedia={(file, options) => getStore().client(cfg).uploadMedia(file, options)}
      productId={productId}
      i18nLocale="en"
      returnFocusTo={null}
      onClose={() => {}}
    />,
    container,
  );
  const ui = within(container);
  const type = (name: string, value: string) =>
    fireEvent.input(ui.getByRole("textbox", { name }), { target: { value } });
  fireEvent.click(ui.getByRole("radio", { name: "5 stars" }));
  type("Your review", "Great colour, as in the photo.");
  type("Your name", "Dana");
  type("Email", "dana@example.com");
  const pick = (...files: File[]) => {
    const input = container.querySelector<HTMLInputElement>("input[type=file]:not([capture])")!;
    Object.defineProperty(input, "files", { value: files, configurable: true });
    fireEvent.change(input);
  };
  const submit = () => fireEvent.click(ui.getByRole("button", { name: /Submit review|Try again/ }));
  const close = () => render(null, container);
  return { ui, container, pick, submit, root, close };
}

const jpeg = (name: string) =>
  new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], name, { type: "image/jpeg" });
const stored = (n: number): Media => photo(n);

describe("photos and videos in the review form", () => {
  it("offers a picker for photos and videos and a camera hint on a second input, never forcing capture", () => {
    const view = open();
    const [picker, camera] = view.container.querySelectorAll<HTMLInputElement>("input[type=file]");
    expect(picker?.accept).toBe("image/*,video/*");
    expect(picker?.multiple).toBe(true);
    expect(picker?.hasAttribute("capture")).toBe(false);
    expect(camera?.getAttribute("capture")).toBe("environment");
    expect(view.ui.getByRole("group", { name: "Photos and videos (optional)" })).toBeTruthy();
  });

  it("shows a named progress bar per file and will not send the review while a file is uploading", async () => {
    const view = open();
    view.pick(jpeg("beach.jpg"));
    await waitFor(() => expect(uploads).toHaveLength(1));
    expect(uploads[0]!.body).toContain('name="file"');
    const bar = await waitFor(() => view.ui.getByRole("progressbar", { name: "Uploading beach.jpg" }));
    expect(bar.tagName).toBe("PROGRESS");
    view.submit();
    const notice = view.container.querySelector(".plaudit-media-field__notice")!;
    await waitFor(() => expect(notice.textContent).toContain("Your photos and videos are still uploading."));
    expect(notice.getAttribute("role")).toBe("alert");
    expect(reviewPosts).toEqual([]);
    uploads[0]!.answer(json(stored(1), 201));
    await waitFor(() => expect(view.ui.getByText("Uploaded")).toBeTruthy());
    // The reason is gone once the file is there.
    expect(view.container.textContent).not.toContain("still uploading");
  });

  it("sends the uploaded files' ids with the review, in the order they were added", async () => {
    const view = open();
    view.pick(jpeg("one.jpg"), jpeg("two.jpg"));
    await waitFor(() => expect(uploads).toHaveLength(2));
    uploads[1]!.answer(json(stored(2), 201));
    uploads[0]!.answer(json(stored(1), 201));
    await waitFor(() => expect(view.ui.getAllByText("Uploaded")).toHaveLength(2));
    view.submit();
    await waitFor(() => expect(reviewPosts).toHaveLength(1));
    expect(reviewPosts[0]!.mediaIds).toEqual([stored(1).id, stored(2).id]);
  });

  it("retries a failed upload from its Retry button, and removes a file with Remove", async () => {
    const view = open();
    view.pick(jpeg("first.jpg"), jpeg("second.jpg"));
    await waitFor(() => expect(uploads).toHaveLength(2));
    uploads[0]!.answer(json({ error: { code: "internal", message: "x" } }, 500));
    uploads[1]!.answer(json(stored(2), 201));
    const retry = await waitFor(() => view.ui.getByRole("button", { name: "Retry first.jpg" }));
    expect(view.container.textContent).toContain("Could not be uploaded.");
    // A failed file also holds the review back, with a different reason.
    view.submit();
    await waitFor(() => expect(view.container.textContent).toContain("Some files could not be uploaded."));
    fireEvent.click(retry);
    await waitFor(() => expect(uploads).toHaveLength(3));
    uploads[2]!.answer(json(stored(3), 201));
    await waitFor(() => expect(view.ui.getAllByText("Uploaded")).toHaveLength(2));
    fireEvent.click(view.ui.getByRole("button", { name: "Remove second.jpg" }));
    await waitFor(() => expect(view.ui.queryByText("second.jpg")).toBeNull());
    expect(view.root.activeElement).toBe(view.ui.getByRole("button", { name: "Add photos or videos" }));
    view.submit();
    await waitFor(() => expect(reviewPosts).toHaveLength(1));
    expect(reviewPosts[0]!.mediaIds).toEqual([stored(3).id]);
  });

  it("when the server no longer has an uploaded file (swept after 45 minutes), offers to upload it again", async () => {
    const view = open();
    view.pick(jpeg("one.jpg"), jpeg("two.jpg"));
    await waitFor(() => expect(uploads).toHaveLength(2));
    uploads[0]!.answer(json(stored(1), 201));
    uploads[1]!.answer(json(stored(2), 201));
    await waitFor(() => expect(view.ui.getAllByText("Uploaded")).toHaveLength(2));
    reviewAnswers.push(
      json(
        {
          error: {
            code: "validation_failed",
            message: "request validation failed",
            fields: { mediaIds: `unknown media: ${stored(1).id}` },
          },
        },
        422,
      ),
    );
    view.submit();
    await waitFor(() => expect(reviewPosts).toHaveLength(1));
    const retry = await waitFor(() => view.ui.getByRole("button", { name: "Retry one.jpg" }));
    expect(view.container.textContent).toContain("This upload expired. Retry to upload it again.");
    expect(view.ui.getAllByText("Uploaded")).toHaveLength(1);
    await waitFor(() =>
      expect(view.container.querySelector(".plaudit-media-field__notice")?.textContent).toContain(
        "Some files could not be uploaded.",
      ),
    );
    expect(view.container.querySelector(".plaudit-write-review-alert")?.textContent).toBe("");
    // Sending again as it is would only be refused again.
    view.submit();
    expect(reviewPosts).toHaveLength(1);
    fireEvent.click(retry);
    await waitFor(() => expect(uploads).toHaveLength(3));
    uploads[2]!.answer(json(stored(3), 201));
    await waitFor(() => expect(view.ui.getAllByText("Uploaded")).toHaveLength(2));
    view.submit();
    await waitFor(() => expect(reviewPosts).toHaveLength(2));
    expect(reviewPosts[1]!.mediaIds).toEqual([stored(3).id, stored(2).id]);
  });

  it("keeps the files of a dialog closed before sending for when it opens again; a sent review's are gone", async () => {
    const first = open("tee-kept");
    first.pick(jpeg("kept.jpg"));
    await waitFor(() => expect(uploads).toHaveLength(1));
    first.close();
    // The upload goes on while the dialog is closed.
    uploads[0]!.answer(json(stored(1), 201));
    const again = open("tee-kept");
    await waitFor(() => expect(again.ui.getByText("kept.jpg")).toBeTruthy());
    await waitFor(() => expect(again.ui.getByText("Uploaded")).toBeTruthy());
    again.submit();
    await waitFor(() => expect(reviewPosts).toHaveLength(1));
    expect(reviewPosts[0]!.mediaIds).toEqual([stored(1).id]);
    await waitFor(() => expect(again.container.textContent).toContain("Thank you"));
    again.close();
    const next = open("tee-kept");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(next.ui.queryByText("kept.jpg")).toBeNull();
  });
});
