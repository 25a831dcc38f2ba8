import { getEvents } from "@plaudit/core/events";
import { render } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { ErrorBoundary } from "./error-boundary.tsx";

function Broken(): never {
  throw new Error("boom");
}

describe("ErrorBoundary", () => {
  it("reports a render error on the page-wide bus and renders the quiet fallback", () => {
    const seen: unknown[] = [];
    const off = getEvents().on("error", (detail) => seen.push(detail));
    const { container } = render(
      <ErrorBoundary kind="reviews" fallback={<p>Reviews are unavailable</p>}>
        <Broken />
      </ErrorBoundary>,
    );
    off();
    expect(container.textContent).toBe("Reviews are unavailable");
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ kind: "reviews", error: expect.objectContaining({ message: "boom" }) });
  });
});
