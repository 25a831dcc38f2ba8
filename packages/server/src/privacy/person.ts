import { type ExpressionBuilder, type Kysely, type RawBuilder, type SqlBool, sql } from "kysely";
import type { Schema } from "../db/schema.ts";
import { normalizeAddress } from "../suppression/index.ts";

type Queryable = Kysely<Schema>;

/** Who a privacy request names: the shop's customer id, an email address, or both. */
export interface PersonQuery {
  customerId?: string;
  email?: string;
}

/**
 * Everything that identifies one person in one store. A request names a customer id or an
 * address; the other is found through their orders and reviews (one step: the addresses of the
 * customer's orders and reviews, the customer ids of orders and reviews with that address).
 */
export interface Person {
  customerIds: string[];
  /** Normalised (trimmed, lower case): compare with lower(column). */
  emails: string[];
  /** Names they gave on reviews and orders, for scrubbing them out of their own texts. */
  names: string[];
}

/**
 * The rows of a table that belong to the person: its customer-id column is one of theirs or its
 * address column (compared without case) one of their addresses. Either column may be absent.
 */
export function belongsTo(
  person: Pick<Person, "customerIds" | "emails">,
  columns: { customerId?: string; email?: string },
): RawBuilder<SqlBool> {
  const either: RawBuilder<unknown>[] = [];
  if (columns.customerId && person.customerIds.length > 0)
    either.push(sql`${sql.ref(columns.customerId)} in (${sql.join(person.customerIds)})`);
  if (columns.email && person.emails.length > 0)
    either.push(sql`lower(${sql.ref(columns.email)}) in (${sql.join(person.emails)})`);
  return either.length > 0 ? sql<SqlBool>`(${sql.join(either, sql` or `)})` : sql<SqlBool>`1 = 0`;
}

/** The person's review requests: mailed to one of their addresses, or for one of their orders. */
export function requestsOf(person: Pick<Person, "customerIds" | "emails">, orderIds: string[]) {
  return (eb: ExpressionBuilder<Schema, "review_requests">) =>
    eb.or([
      belongsTo(person, { email: "email" }),
      ...(orderIds.length > 0 ? [eb("order_id", "in", orderIds)] : []),
    ]);
}

/** The votes table's voters that are this person: their customer ids, and a named voter id. */
export function votersOf(person: Pick<Person, "customerIds">, voter?: string): string[] {
  return [...person.customerIds.map((id) => `customer:${id}`), ...(voter !== undefined ? [voter] : [])];
}

export async function findPerson(db: Queryable, storeId: string, query: PersonQuery): Promise<Person> {
  const customerIds = new Set(query.customerId !== undefined ? [query.customerId] : []);
  const emails = new Set(query.email !== undefined ? [normalizeAddress(query.email)] : []);
  const asked: Person = { customerIds: [...customerIds], emails: [...emails], names: [] };
  const names = new Set<string>();

  const reviews = await db
    .selectFrom("reviews")
    .select(["customer_id", "author_email", "author_name"])
    .where("store_id", "=", storeId)
    .where(belongsTo(asked, { customerId: "customer_id", email: "author_email" }))
    .execute();
  const orders = await db
    .selectFrom("orders")
    .select(["customer_id", "email", "customer_name"])
    .where("store_id", "=", storeId)
    .where(belongsTo(asked, { customerId: "customer_id", email: "email" }))
    .execute();
  for (const row of reviews) {
    if (row.customer_id) customerIds.add(row.customer_id);
    if (row.author_email) emails.add(normalizeAddress(row.author_email));
    names.add(row.author_name);
  }
  for (const row of orders) {
    customerIds.add(row.customer_id);
    if (row.email) emails.add(normalizeAddress(row.email));
    if (row.customer_name) names.add(row.customer_name);
  }
  return {
    customerIds: [...customerIds],
    emails: [...emails].filter((e) => e.length > 0),
    names: [...names].filter((n) => n.trim().length > 0),
  };
}
