import { cleanup, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { Stars } from "./stars.tsx";
import { fillStep } from "./stars-styles.ts";

afterEach(cleanup);

describe("Stars", () => {
  it("exposes one text alternative for the whole row and hides the drawn stars", () => {
    render(<Stars value={4.5} label="4.5 out of 5 stars" />);
    const stars = screen.getByRole("img", { name: "4.5 out of 5 stars" });
    for (const row of stars.children) expect(row.getAttribute("aria-hidden")).toBe("true");
  });

  it("fills to the nearest tenth of a star with a class, never an inline style", () => {
    const { container } = render(<Stars value={4.26} label="4.26 out of 5 stars" />);
    const fill = container.querySelector(".plaudit-stars__fill");
    expect(fill?.classList.contains("plaudit-fill-43")).toBe(true);
    expect(container.innerHTML).not.toContain("style=");
  });

  it("clamps values outside 0–5", () => {
    expect(fillStep(-1)).toBe(0);
    expect(fillStep(7)).toBe(50);
    expect(fillStep(Number.NaN)).toBe(0);
  });
});
