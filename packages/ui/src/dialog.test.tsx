import { cleanup, fireEvent, render, within } from "@testing-library/preact";
import { useState } from "preact/hooks";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Dialog } from "./dialog.tsx";

/** Renders into a container inside an open shadow root, as widgets do. */
function renderInShadow(ui: preact.ComponentChild) {
  const host = document.createElement("div");
  document.body.append(host);
  const root = host.attachShadow({ mode: "open" });
  const container = document.createElement("div");
  root.append(container);
  const result = render(ui, { container });
  return { ...result, root, host, ui: within(container) };
}

function Example(props: { onClose?: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <div>
      <button type="button" onClick={() => setOpen(true)}>
        Write a review
      </button>
      <Dialog
        open={open}
        title="Your review"
        closeLabel="Close"
        onClose={() => {
          props.onClose?.();
          setOpen(false);
        }}
      >
        <label>
          Title <input name="title" />
        </label>
        <input name="skipped" tabIndex={-1} />
        <button type="button" disabled>
          Disabled
        </button>
        <button type="submit">Send</button>
      </Dialog>
    </div>
  );
}

afterEach(() => {
  cleanup();
  document.body.replaceChildren();
  document.documentElement.removeAttribute("style");
});

function open() {
  const view = renderInShadow(<Example />);
  const opener = view.ui.getByRole("button", { name: "Write a review" });
  opener.focus();
  fireEvent.click(opener);
  const dialog = view.ui.getByRole("dialog");
  return { ...view, opener, dialog };
}

describe("Dialog", () => {
  it("is a modal dialog named by its title, with a named close button", () => {
    const { dialog, ui } = open();
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    const title = ui.getByRole("heading", { name: "Your review" });
    expect(dialog.getAttribute("aria-labelledby")).toBe(title.id);
    expect(ui.getByRole("button", { name: "Close" })).toBeTruthy();
    expect((dialog as HTMLDialogElement).open).toBe(true);
  });

  it("moves focus to the first field on open (the root's activeElement, not the document's)", () => {
    const { root, ui } = open();
    expect(root.activeElement).toBe(ui.getByRole("textbox", { name: "Title" }));
    // Inside a shadow root the document only sees the host.
    expect(document.activeElement).not.toBe(root.activeElement);
  });

  it("moves focus to the element initialFocus names", () => {
    function WithInitial() {
      return (
        <Dialog
          open
          title="T"
          closeLabel="Close"
          onClose={() => {}}
          initialFocus={() => document.querySelector<HTMLElement>("[data-start]")}
        >
          <input name="a" />
        </Dialog>
      );
    }
    const start = document.createElement("button");
    start.dataset.start = "";
    document.body.append(start);
    renderInShadow(<WithInitial />);
    expect(document.activeElement).toBe(start);
  });

  it("wraps Tab from the last tab stop to the first, and Shift+Tab from the first to the last", () => {
    const { root, dialog, ui } = open();
    const close = ui.getByRole("button", { name: "Close" });
    const send = ui.getByRole("button", { name: "Send" });

    send.focus();
    const tab = fireEvent.keyDown(send, { key: "Tab" });
    expect(tab).toBe(false); // default prevented: the browser does not move focus out
    expect(root.activeElement).toBe(close);

    fireEvent.keyDown(close, { key: "Tab", shiftKey: true });
    expect(root.activeElement).toBe(send);

    // In the middle, Tab is left to the browser.
    const title = ui.getByRole("textbox", { name: "Title" });
    title.focus();
    expect(fireEvent.keyDown(title, { key: "Tab" })).toBe(true);
    expect(dialog.contains(root.activeElement)).toBe(true);
  });

  it("skips disabled controls and tabindex=-1 when wrapping", () => {
    const { root, ui } = open();
    const close = ui.getByRole("button", { name: "Close" });
    close.focus();
    fireEvent.keyDown(close, { key: "Tab", shiftKey: true });
    expect(root.activeElement).toBe(ui.getByRole("button", { name: "Send" }));
  });

  it("closes on Escape and returns focus to the opener inside the shadow root", () => {
    const onClose = vi.fn();
    const view = renderInShadow(<Example onClose={onClose} />);
    const opener = view.ui.getByRole("button", { name: "Write a review" });
    opener.focus();
    fireEvent.click(opener);
    const field = view.ui.getByRole("textbox", { name: "Title" });
    fireEvent.keyDown(field, { key: "Escape" });
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(view.ui.queryByRole("dialog")).toBeNull();
    expect(view.root.activeElement).toBe(opener);
  });

  it("closes from the close button and on the browser's cancel request, once each", () => {
    const onClose = vi.fn();
    const view = renderInShadow(<Example onClose={onClose} />);
    const opener = view.ui.getByRole("button", { name: "Write a review" });
    fireEvent.click(opener);
    fireEvent.click(view.ui.getByRole("button", { name: "Close" }));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(view.ui.queryByRole("dialog")).toBeNull();

    fireEvent.click(opener);
    const cancel = new Event("cancel", { cancelable: true });
    view.ui.getByRole("dialog").dispatchEvent(cancel);
    expect(cancel.defaultPrevented).toBe(true);
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it("returns focus to returnFocusTo when given", () => {
    const target = document.createElement("button");
    document.body.append(target);
    function Controlled() {
      const [open, setOpen] = useState(true);
      return (
        <Dialog
          open={open}
          title="T"
          closeLabel="Close"
          onClose={() => setOpen(false)}
          returnFocusTo={target}
        >
          <input name="a" />
        </Dialog>
      );
    }
    const view = renderInShadow(<Controlled />);
    fireEvent.click(view.ui.getByRole("button", { name: "Close" }));
    expect(document.activeElement).toBe(target);
  });

  it("locks page scroll while open and gives back the page's own inline style", () => {
    const html = document.documentElement;
    html.style.setProperty("overflow", "scroll");
    const view = renderInShadow(<Example />);
    fireEvent.click(view.ui.getByRole("button", { name: "Write a review" }));
    expect(html.style.getPropertyValue("overflow")).toBe("hidden");
    fireEvent.keyDown(view.ui.getByRole("dialog"), { key: "Escape" });
    expect(html.style.getPropertyValue("overflow")).toBe("scroll");
  });

  it("releases the scroll lock when unmounted while open", () => {
    const html = document.documentElement;
    const view = renderInShadow(
      <Dialog open title="T" closeLabel="Close" onClose={() => {}}>
        <input />
      </Dialog>,
    );
    expect(html.style.getPropertyValue("overflow")).toBe("hidden");
    view.unmount();
    expect(html.style.getPropertyValue("overflow")).toBe("");
    expect(html.hasAttribute("style")).toBe(false);
  });

  it("follows the given text direction", () => {
    renderInShadow(
      <Dialog open dir="rtl" lang="he" title="ביקורת" closeLabel="סגירה" onClose={() => {}}>
        <input />
      </Dialog>,
    );
    const dialog = document.querySelector("div")!.shadowRoot!.querySelector("dialog")!;
    expect(dialog.getAttribute("dir")).toBe("rtl");
    expect(dialog.getAttribute("lang")).toBe("he");
  });
});
