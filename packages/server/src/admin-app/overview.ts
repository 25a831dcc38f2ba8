import { addDays, startOfDay } from "@plaudit/contract";
import { sql } from "kysely";
import type { Database } from "../db/database.ts";

// The owner's weekly look at the store: how many reviews came in, how they rate, how many carry
// photos or videos or come from verified buyers, which products do best and worst, and what review
// requests turn into. Every figure counts the reviews *received* in the range (created in it) and
// not rejected — pending ones count, so a store that holds reviews for moderation sees its trend.
// Days and weeks are the store's: they start at midnight in its time zone (contract/time-zone.ts),
// so a shop in Los Angeles sees a review of Monday 20:00 there on Monday, not on UTC's Tuesday.

export interface OverviewRange {
  /** First day, YYYY-MM-DD (in the store's zone), inclusive. */
  from: string;
  /** Last day, YYYY-MM-DD (in the store's zone), inclusive. */
  to: string;
}

export interface ProductFigure {
  productId: string;
  name: string | null;
  url: string | null;
  count: number;
  average: number;
}

export interface Overview {
  range: OverviewRange;
  timeZone: string;
  reviews: number;
  average: number | null;
  /** Reviews by rating 1–5. */
  ratingDistribution: [number, number, number, number, number];
  withMedia: number;
  verified: number;
  byStatus: { published: number; pending: number; rejected: number };
  /** Each ISO week (starting Monday) that overlaps the range, oldest first, empty weeks included. */
  weeks: { week: string; reviews: number; average: number | null }[];
  /** Best and worst average rating among products with at least MIN_PRODUCT_REVIEWS reviews. */
  topProducts: ProductFigure[];
  bottomProducts: ProductFigure[];
  /** Review requests made in the range and how far they got; null when there were none. */
  requests: { created: number; sent: number; clicked: number; reviewed: number } | null;
}

export const MIN_PRODUCT_REVIEWS = 1;
const PRODUCTS_SHOWN = 5;
const DAY = 86_400_000;

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The Monday of the week a calendar day falls in, as YYYY-MM-DD. */
export function weekOf(day: string): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  const monday = new Date(date.getTime() - ((date.getUTCDay() + 6) % 7) * DAY);
  return monday.toISOString().slice(0, 10);
}

export async function storeOverview(
  db: Database,
  storeId: string,
  range: OverviewRange,
  timeZone: string,
): Promise<Overview> {
  const since = startOfDay(range.from, timeZone).toISOString();
  const end = addDays(range.to, 1);
  const until = startOfDay(end, timeZone).toISOString();
  const inRange = db.kysely
    .selectFrom("reviews")
    .where("reviews.store_id", "=", storeId)
    .where("reviews.created_at", ">=", since)
    .where("reviews.created_at", "<", until);

  // The weeks (Mondays) that overlap the range, and the instant each after the first starts in
  // the store's zone: a review's week is how many of those starts it is at or after.
  const mondays: string[] = [];
  for (let monday = weekOf(range.from); monday < end; monday = addDays(monday, 7)) mondays.push(monday);
  // The range's end closes the last week (always a CASE: a bare number in GROUP BY would be SQLite's
  // column position).
  const ends = [...mondays.slice(1).map((monday) => startOfDay(monday, timeZone).toISOString()), until];
  // Literals, not parameters: the same text in SELECT and GROUP BY (PostgreSQL compares them), and
  // toISOString() only ever writes digits, '-', ':', '.', 'T' and 'Z'.
  const week = sql<number>`case ${sql.join(
    ends.map((before, i) => sql`when reviews.created_at < ${sql.lit(before)} then ${sql.lit(i)}`),
    sql` `,
  )} end`;

  // One row per week × rating × media × verified: small whatever the number of reviews.
  const cells = await inRange
    .where("reviews.status", "!=", "rejected")
    .select([
      week.as("week"),
      "rating",
      "has_media",
      "verified",
      (eb) => eb.fn.countAll<number | string>().as("n"),
    ])
    .groupBy([week, "rating", "has_media", "verified"])
    .execute();
  const statuses = await inRange
    .select(["status", (eb) => eb.fn.countAll<number | string>().as("n")])
    .groupBy("status")
    .execute();

  const distribution: Overview["ratingDistribution"] = [0, 0, 0, 0, 0];
  const weeks = mondays.map((monday) => ({ week: monday, reviews: 0, ratingSum: 0 }));
  let reviews = 0;
  let ratingSum = 0;
  let withMedia = 0;
  let verified = 0;
  for (const cell of cells) {
    const n = Number(cell.n);
    const rating = Number(cell.rating);
    reviews += n;
    ratingSum += n * rating;
    distribution[rating - 1] = (distribution[rating - 1] ?? 0) + n;
    if (Number(cell.has_media) === 1) withMedia += n;
    if (Number(cell.verified) === 1) verified += n;
    const week = weeks[Number(cell.week)];
    if (week) {
      week.reviews += n;
      week.ratingSum += n * rating;
    }
  }
  const byStatus = { published: 0, pending: 0, rejected: 0 };
  for (const row of statuses) byStatus[row.status] = Number(row.n);

  const products = await inRange
    .where("reviews.status", "!=", "rejected")
    .leftJoin("products", (join) =>
      join
        .onRef("products.store_id", "=", "reviews.store_id")
        .onRef("products.product_id", "=", "reviews.product_id"),
    )
    .select([
      "reviews.product_id as productId",
      "products.name as name",
      "products.url as url",
      (eb) => eb.fn.countAll<number | string>().as("n"),
      (eb) => eb.fn.sum<number | string>("reviews.rating").as("sum"),
    ])
    .groupBy(["reviews.product_id", "products.name", "products.url"])
    .execute();
  const figures: ProductFigure[] = products
    .map((p) => ({
      productId: p.productId,
      name: p.name,
      url: p.url,
      count: Number(p.n),
      average: round2(Number(p.sum) / Number(p.n)),
    }))
    .filter((p) => p.count >= MIN_PRODUCT_REVIEWS);
  // Ties: more reviews first (a 5.0 from forty buyers before a 5.0 from one), then by id.
  const best = [...figures].sort(
    (a, b) => b.average - a.average || b.count - a.count || (a.productId < b.productId ? -1 : 1),
  );
  const worst = [...figures].sort(
    (a, b) => a.average - b.average || b.count - a.count || (a.productId < b.productId ? -1 : 1),
  );

  return {
    range,
    timeZone,
    reviews,
    average: reviews > 0 ? round2(ratingSum / reviews) : null,
    ratingDistribution: distribution,
    withMedia,
    verified,
    byStatus,
    weeks: weeks.map((w) => ({
      week: w.week,
      reviews: w.reviews,
      average: w.reviews > 0 ? round2(w.ratingSum / w.reviews) : null,
    })),
    topProducts: best.slice(0, PRODUCTS_SHOWN),
    bottomProducts: worst.slice(0, PRODUCTS_SHOWN),
    requests: await requestFunnel(db, storeId, since, until),
  };
}

async function requestFunnel(
  db: Database,
  storeId: string,
  since: string,
  until: string,
): Promise<Overview["requests"]> {
  const row = await db.kysely
    .selectFrom("review_requests")
    .where("store_id", "=", storeId)
    .where("created_at", ">=", since)
    .where("created_at", "<", until)
    .select((eb) => [
      eb.fn.countAll<number | string>().as("created"),
      eb.fn.count<number | string>("sent_at").as("sent"),
      eb.fn.count<number | string>("clicked_at").as("clicked"),
      eb.fn.count<number | string>("reviewed_at").as("reviewed"),
    ])
    .executeTakeFirst();
  const created = Number(row?.created ?? 0);
  if (created === 0) return null;
  return {
    created,
    sent: Number(row?.sent ?? 0),
    clicked: Number(row?.clicked ?? 0),
    reviewed: Number(row?.reviewed ?? 0),
  };
}
