import { createI18n } from "@plaudit/core";
import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { makeReview } from "../../testing/fake-api.ts";
import { reviewsCatalogs } from "../messages/index.ts";
import { excerpt, READ_MORE_AFTER, ReviewCard } from "./review-card.tsx";

const i18n = createI18n("en-US", reviewsCatalogs);
afterEach(cleanup);

const longBody = `${"Soft cotton, true to size. ".repeat(20)}THE END`;

describe("review card", () => {
  it("shows a long review cut short until Read more, then all of it", () => {
    render(
      <ReviewCard
        review={makeReview(1, { body: longBody })}
        i18n={i18n}
        myVote={undefined}
        onVote={() => {}}
      />,
    );
    const toggle = screen.getByRole("button", { name: /^Read more/ });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    const body = document.getElementById(toggle.getAttribute("aria-controls")!)!;
    expect(body.textContent).not.toContain("THE END");
    expect(body.textContent!.length).toBeLessThanOrEqual(READ_MORE_AFTER + 1);
    fireEvent.click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    expect(toggle.textContent).toBe("Show less");
    expect(body.textContent).toBe(longBody);
  });

  it("names each Read more with its review's heading, so it makes sense in a list of buttons", () => {
    const named = (title: string) => {
      render(
        <ReviewCard
          review={makeReview(7, { body: longBody, title, author: { name: "Dana" } })}
          i18n={i18n}
          myVote={undefined}
          onVote={() => {}}
        />,
      );
      const toggle = document.querySelector<HTMLElement>(".plaudit-review__more")!;
      const name = toggle
        .getAttribute("aria-labelledby")
        ?.split(" ")
        .map((ref) => document.getElementById(ref)?.textContent)
        .join(" ");
      cleanup();
      return name;
    };
    expect(named("Great gift")).toBe("Read more Great gift");
    expect(named("")).toBe("Read more Review by Dana");
  });

  it("names each helpful-vote button with its review's heading, its own words first", () => {
    render(
      <>
        <ReviewCard
          review={makeReview(7, { title: "Great gift", helpful: { up: 3, down: 1 } })}
          i18n={i18n}
          myVote={undefined}
          onVote={() => {}}
        />
        <ReviewCard
          review={makeReview(8, { title: "", author: { name: "Dana" }, helpful: { up: 0, down: 0 } })}
          i18n={i18n}
          myVote={undefined}
          onVote={() => {}}
        />
      </>,
    );
    // A screen reader's list of the page's buttons: each vote says which review it is on.
    for (const name of [
      "Yes, helpful 3 Great gift",
      "No, not helpful 1 Great gift",
      "Yes, helpful 0 Review by Dana",
      "No, not helpful 0 Review by Dana",
    ]) {
      expect(screen.getByRole("button", { name })).toBeTruthy();
    }
  });

  it("has no Read more for a short review", () => {
    render(<ReviewCard review={makeReview(1)} i18n={i18n} myVote={undefined} onVote={() => {}} />);
    expect(screen.queryByRole("button", { name: /^Read more/ })).toBeNull();
  });

  it("cuts at a word boundary", () => {
    expect(excerpt("word ".repeat(100), 42)).toBe(`${"word ".repeat(8).trimEnd()}…`);
  });

  it("names its rating, author, verified badge, date, reply and photos", () => {
    const review = makeReview(2, {
      rating: 4,
      verified: true,
      createdAt: "2026-03-05T10:00:00.000Z",
      reply: { body: "Thanks, Ada!", createdAt: "2026-03-06T10:00:00.000Z" },
      media: [
        { id: "m1", kind: "image", url: "/m1.webp", thumbnailUrl: "/m1-thumb.webp", width: 800, height: 600 },
      ],
    });
    render(<ReviewCard review={review} i18n={i18n} myVote="up" onVote={() => {}} />);
    expect(screen.getByRole("img", { name: "4 out of 5 stars" })).toBeTruthy();
    expect(screen.getByText("Verified buyer")).toBeTruthy();
    expect(screen.getByText("Mar 5, 2026").getAttribute("datetime")).toBe(review.createdAt);
    expect(screen.getByText("Thanks, Ada!")).toBeTruthy();
    const photo = screen.getByRole("img", { name: "Photo 1 from Shopper 2’s review" });
    expect(photo.getAttribute("width")).toBe("64");
    expect(photo.getAttribute("height")).toBe("64");
    expect(screen.getByRole("button", { name: /Yes, helpful/ }).getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByRole("button", { name: /No, not helpful/ }).getAttribute("aria-pressed")).toBe(
      "false",
    );
  });

  it("passes the review and the direction to onVote", () => {
    const onVote = vi.fn();
    const review = makeReview(3);
    render(<ReviewCard review={review} i18n={i18n} myVote={undefined} onVote={onVote} />);
    fireEvent.click(screen.getByRole("button", { name: /No, not helpful/ }));
    expect(onVote).toHaveBeenCalledWith(review, "down");
  });

  it("keeps markup in a review as text", () => {
    const { container } = render(
      <ReviewCard
        review={makeReview(4, { title: "<img src=x onerror=alert(1)>", body: "<b>bold</b>" })}
        i18n={i18n}
        myVote={undefined}
        onVote={() => {}}
      />,
    );
    expect(container.querySelector("b")).toBeNull();
    expect(screen.getByText("<b>bold</b>")).toBeTruthy();
  });

  it("lets each shopper's text keep its own direction on a page of another script", () => {
    const he = createI18n("he", reviewsCatalogs);
    const review = makeReview(5, {
      title: "Great tee",
      body: "Fits well.",
      reply: { body: "Thanks!", createdAt: "2026-01-02T00:00:00.000Z" },
    });
    const { container } = render(
      <ReviewCard review={review} i18n={he} myVote={undefined} onVote={() => {}} />,
    );
    for (const text of ["Great tee", "Fits well.", "Thanks!", review.author.name]) {
      expect([text, screen.getByText(text).getAttribute("dir")]).toEqual([text, "auto"]);
    }
    expect(container.querySelector(".plaudit-review__meta time")?.getAttribute("dir")).toBeNull();
  });
});
