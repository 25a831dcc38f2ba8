import { afterEach, describe, expect, it } from "vitest";
import { focusAt, followFocus, pathIn } from "./focus-path.ts";

const cards = (count: number) =>
  Array.from(
    { length: count },
    (_, i) => `<article><h3>Card ${i + 1}</h3><button>Helpful 0</button></article>`,
  ).join("");

function widget(markup: string): { host: HTMLElement; root: ShadowRoot } {
  const host = document.createElement("div");
  document.body.append(host);
  const root = host.attachShadow({ mode: "open" });
  root.innerHTML = `<div class="plaudit-root">${markup}</div>`;
  return { host, root };
}

afterEach(() => document.body.replaceChildren());

describe("the keyboard's place in a widget whose host the page swapped", () => {
  it("finds the second of two identical buttons in the new widget, not the first", () => {
    const old = widget(cards(3));
    const second = old.root.querySelectorAll("button")[1]!;
    const path = pathIn(old.root, second);
    expect(path).toEqual([0, 1, 1]);
    old.host.remove();
    const swapped = widget(cards(3));
    focusAt(swapped.root, path);
    expect(swapped.root.activeElement).toBe(swapped.root.querySelectorAll("button")[1]);
    expect(swapped.root.activeElement?.closest("article")?.querySelector("h3")?.textContent).toBe("Card 2");
  });

  it("puts it on the widget's first control when that control is gone, and on the host when there is none", () => {
    const gone = widget(cards(1));
    focusAt(gone.root, [0, 2, 1]);
    expect(gone.root.activeElement).toBe(gone.root.querySelector("button"));
    gone.host.remove();
    const bare = widget("<p>650 points</p>");
    focusAt(bare.root, [0, 0]);
    expect(document.activeElement).toBe(bare.host);
    expect(bare.host.tabIndex).toBe(-1);
  });

  it("leaves the keyboard where the page put it since (not on <body>)", () => {
    const elsewhere = document.createElement("input");
    document.body.append(elsewhere);
    elsewhere.focus();
    const swapped = widget(cards(2));
    focusAt(swapped.root, [0, 0, 1]);
    expect(document.activeElement).toBe(elsewhere);
  });

  it("follows the keyboard inside the host, and forgets it when it leaves for the page", async () => {
    const { host, root } = widget(cards(2));
    const focus = followFocus(host);
    const button = root.querySelectorAll("button")[1]!;
    button.focus();
    expect(focus.at).toBe(button);
    const outside = document.createElement("button");
    document.body.append(outside);
    outside.focus();
    await Promise.resolve();
    expect(focus.at).toBeUndefined();
    focus.stop.abort();
  });
});
