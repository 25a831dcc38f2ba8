// A storefront's TypeScript against Plaudit's public API: copied into the packaging test's app
// outside the repository and type-checked there against the installed tarballs' .d.ts (in the
// repository the root tsconfig checks it against the source). Every @ts-expect-error proves a
// type is real: were an import `any`, the directive would be unused and the check would fail.
import {
  createClient,
  getEvents,
  isPlauditError,
  type PlauditClient,
  type PlauditEventMap,
  type Summary,
} from "@plaudit/core";
import { defineElements } from "@plaudit/embed";
import { type MountLoyaltyOptions, mountLoyalty, mountPointsFor } from "@plaudit/loyalty";
import { type MountWidgetOptions, mountReviews, mountStars } from "@plaudit/reviews";
import { renderStars } from "@plaudit/reviews/server";

const client: PlauditClient = createClient({ apiBase: "https://reviews.example.com", store: "demo" });

export async function averageOf(productId: string): Promise<number> {
  const summary: Summary = await client.getSummary(productId);
  // @ts-expect-error a summary's histogram holds numbers, not strings
  const wrong: string = summary.histogram[0];
  return wrong.length + summary.average;
}

export function countSubmissions(): () => void {
  return getEvents().on("review:submitted", (event: PlauditEventMap["review:submitted"]) => {
    const status: "published" | "pending" = event.status;
    console.log(event.productId, status);
  });
}

export function mountAll(page: Document): Array<() => void> {
  defineElements();
  const reviews: MountWidgetOptions = { store: "demo", apiBase: client.apiBase, productId: "tee-classic" };
  const loyalty: MountLoyaltyOptions = { store: "demo", apiBase: client.apiBase, amount: 49.99 };
  const host = page.createElement("div");
  // @ts-expect-error a reviews widget needs the product it is for
  mountReviews(host, { store: "demo", apiBase: client.apiBase });
  return [
    mountReviews(host, reviews),
    mountStars(host, { ...reviews, href: "#reviews" }),
    mountLoyalty(host, loyalty),
    mountPointsFor(host, loyalty),
  ];
}

export async function starsHtml(summary: Summary): Promise<string> {
  try {
    const { html } = await renderStars({
      store: "demo",
      product: { id: summary.productId },
      data: { summary },
    });
    return html;
  } catch (error) {
    if (isPlauditError(error)) return "";
    throw error;
  }
}
