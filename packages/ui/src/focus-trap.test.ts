import { afterEach, describe, expect, it } from "vitest";
import { deepActiveElement, tabbablesWithin } from "./focus-trap.ts";

afterEach(() => document.body.replaceChildren());

function fixture(html: string) {
  const box = document.createElement("div");
  // Test markup only, written by this file.
  box.innerHTML = html;
  document.body.append(box);
  return box;
}

const names = (els: HTMLElement[]) => els.map((el) => el.getAttribute("data-name"));

describe("tabbablesWithin", () => {
  it("lists tab stops in order, skipping disabled, hidden, inert and tabindex=-1", () => {
    const box = fixture(`
      <a data-name="link" href="#x">x</a><a data-name="no-href">y</a>
      <input data-name="text"><input data-name="hidden-type" type="hidden">
      <button data-name="disabled" disabled>d</button>
      <div hidden><button data-name="in-hidden">h</button></div>
      <div inert><button data-name="in-inert">i</button></div>
      <span data-name="minus-one" tabindex="-1"></span><span data-name="zero" tabindex="0"></span>
      <textarea data-name="area"></textarea>
      <video data-name="player" controls></video><video data-name="no-controls"></video>`);
    expect(names(tabbablesWithin(box))).toEqual(["link", "text", "zero", "area", "player"]);
  });

  it("treats a native radio group as one stop: the checked radio, or the first", () => {
    const box = fixture(`
      <input type="radio" name="size" data-name="s"><input type="radio" name="size" data-name="m" checked>
      <input type="radio" name="fit" data-name="slim"><input type="radio" name="fit" data-name="loose">`);
    expect(names(tabbablesWithin(box))).toEqual(["m", "slim"]);
  });
});

describe("deepActiveElement", () => {
  it("finds focus inside nested open shadow roots", () => {
    const host = fixture("");
    const outer = host.attachShadow({ mode: "open" });
    const innerHost = document.createElement("div");
    outer.append(innerHost);
    const input = document.createElement("input");
    innerHost.attachShadow({ mode: "open" }).append(input);
    input.focus();
    expect(document.activeElement).toBe(host);
    expect(deepActiveElement()).toBe(input);
  });
});
