import type { Rating } from "@plaudit/core";
import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { useState } from "preact/hooks";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RatingInput } from "./rating-input.tsx";

const starLabel = (n: Rating) => (n === 1 ? "1 star" : `${n} stars`);

function Controlled(props: { initial?: Rating | null; dir?: "ltr" | "rtl"; onBlur?: () => void }) {
  const [value, setValue] = useState<Rating | null>(props.initial ?? null);
  return (
    <div>
      <RatingInput
        value={value}
        onChange={setValue}
        label="Your rating"
        starLabel={starLabel}
        dir={props.dir}
        onBlur={props.onBlur}
      />
      <button type="button">After</button>
    </div>
  );
}

const star = (n: number) => screen.getByRole("radio", { name: starLabel(n as Rating) });
const checked = () => screen.getAllByRole("radio").filter((r) => r.getAttribute("aria-checked") === "true");
const tabbable = () => screen.getAllByRole("radio").filter((r) => r.getAttribute("tabindex") === "0");

afterEach(cleanup);

describe("RatingInput", () => {
  it("is a labelled radio group of five stars named by the caller", () => {
    render(<Controlled />);
    const group = screen.getByRole("radiogroup", { name: "Your rating" });
    expect(group).toBeTruthy();
    expect(screen.getAllByRole("radio").map((r) => r.getAttribute("aria-label"))).toEqual([
      "1 star",
      "2 stars",
      "3 stars",
      "4 stars",
      "5 stars",
    ]);
    expect(checked()).toEqual([]);
  });

  it("makes only the first star tabbable when none is checked, and focusing it selects nothing", () => {
    render(<Controlled />);
    expect(tabbable()).toEqual([star(1)]);
    star(1).focus();
    expect(checked()).toEqual([]);
  });

  it("makes only the checked star tabbable (roving tabindex)", () => {
    render(<Controlled initial={4} />);
    expect(tabbable()).toEqual([star(4)]);
    expect(checked()).toEqual([star(4)]);
    expect(star(4).classList.contains("is-filled")).toBe(true);
    expect(star(5).classList.contains("is-filled")).toBe(false);
  });

  it("moves and selects with Right/Up and Left/Down, wrapping at both ends", () => {
    render(<Controlled initial={4} />);
    star(4).focus();
    fireEvent.keyDown(star(4), { key: "ArrowRight" });
    expect(checked()).toEqual([star(5)]);
    expect(document.activeElement).toBe(star(5));
    expect(tabbable()).toEqual([star(5)]);

    fireEvent.keyDown(star(5), { key: "ArrowUp" });
    expect(checked()).toEqual([star(1)]);
    expect(document.activeElement).toBe(star(1));

    fireEvent.keyDown(star(1), { key: "ArrowLeft" });
    expect(checked()).toEqual([star(5)]);

    fireEvent.keyDown(star(5), { key: "ArrowDown" });
    expect(checked()).toEqual([star(4)]);
    expect(document.activeElement).toBe(star(4));
  });

  it("jumps to the first and last star with Home and End", () => {
    render(<Controlled initial={3} />);
    fireEvent.keyDown(star(3), { key: "End" });
    expect(checked()).toEqual([star(5)]);
    expect(document.activeElement).toBe(star(5));
    fireEvent.keyDown(star(5), { key: "Home" });
    expect(checked()).toEqual([star(1)]);
    expect(document.activeElement).toBe(star(1));
  });

  it("selects the focused star with Space and by click", () => {
    render(<Controlled />);
    star(1).focus();
    const space = fireEvent.keyDown(star(1), { key: " " });
    expect(space).toBe(false); // the page does not scroll
    expect(checked()).toEqual([star(1)]);
    fireEvent.click(star(3));
    expect(checked()).toEqual([star(3)]);
    expect(document.activeElement).toBe(star(3));
  });

  it("mirrors Left and Right in RTL, but not Up and Down", () => {
    render(<Controlled initial={2} dir="rtl" />);
    fireEvent.keyDown(star(2), { key: "ArrowLeft" });
    expect(checked()).toEqual([star(3)]);
    fireEvent.keyDown(star(3), { key: "ArrowRight" });
    expect(checked()).toEqual([star(2)]);
    fireEvent.keyDown(star(2), { key: "ArrowRight" });
    expect(checked()).toEqual([star(1)]);
    fireEvent.keyDown(star(1), { key: "ArrowRight" });
    expect(checked()).toEqual([star(5)]);
    fireEvent.keyDown(star(5), { key: "ArrowUp" });
    expect(checked()).toEqual([star(1)]);
  });

  it("reads RTL from the page through the widget's shadow root when no dir is given", () => {
    const page = document.createElement("div");
    page.setAttribute("dir", "rtl");
    document.body.append(page);
    const host = document.createElement("div");
    page.append(host);
    const container = document.createElement("div");
    host.attachShadow({ mode: "open" }).append(container);
    render(<Controlled initial={2} />, { container });
    const inShadow = (n: number) => container.querySelector<HTMLElement>(`[data-rating="${n}"]`)!;
    fireEvent.keyDown(inShadow(2), { key: "ArrowLeft" });
    expect(inShadow(3).getAttribute("aria-checked")).toBe("true");
    expect(inShadow(2).getAttribute("aria-checked")).toBe("false");
    page.remove();
  });

  it("ignores other keys, leaving Tab to the browser", () => {
    const onChange = vi.fn();
    render(<RatingInput value={2} onChange={onChange} label="Rating" starLabel={starLabel} />);
    expect(fireEvent.keyDown(star(2), { key: "Tab" })).toBe(true);
    expect(fireEvent.keyDown(star(2), { key: "a" })).toBe(true);
    expect(onChange).not.toHaveBeenCalled();
  });

  it("reports invalid state and the message that describes it", () => {
    render(
      <div>
        <RatingInput
          value={null}
          onChange={() => {}}
          label="Rating"
          starLabel={starLabel}
          invalid
          required
          describedBy="rating-error"
        />
        <p id="rating-error">Choose a star rating.</p>
      </div>,
    );
    const group = screen.getByRole("radiogroup");
    expect(group.getAttribute("aria-invalid")).toBe("true");
    expect(group.getAttribute("aria-required")).toBe("true");
    expect(group.getAttribute("aria-describedby")).toBe("rating-error");
  });

  it("calls onBlur when focus leaves the group, not when it moves between stars", () => {
    const onBlur = vi.fn();
    render(<Controlled initial={2} onBlur={onBlur} />);
    fireEvent.focusOut(star(2), { relatedTarget: star(3) });
    expect(onBlur).not.toHaveBeenCalled();
    fireEvent.focusOut(star(3), { relatedTarget: screen.getByRole("button", { name: "After" }) });
    expect(onBlur).toHaveBeenCalledTimes(1);
  });
});
