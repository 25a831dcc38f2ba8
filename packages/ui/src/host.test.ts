import { describe, expect, it } from "vitest";
import { adoptStyles, prepareHost } from "./host.ts";

describe("prepareHost", () => {
  it("attaches an open shadow root once and reuses it", () => {
    const host = document.createElement("div");
    const root = prepareHost(host);
    expect(root.mode).toBe("open");
    expect(prepareHost(host)).toBe(root);
  });
});

describe("adoptStyles", () => {
  it("shares one sheet per css text across roots and does not adopt it twice", () => {
    const a = prepareHost(document.createElement("div"));
    const b = prepareHost(document.createElement("div"));
    adoptStyles(a, [".x{color:red}"]);
    adoptStyles(a, [".x{color:red}", ".y{color:blue}"]);
    adoptStyles(b, [".x{color:red}"]);
    expect(a.adoptedStyleSheets).toHaveLength(2);
    expect(b.adoptedStyleSheets[0]).toBe(a.adoptedStyleSheets[0]);
  });
});
