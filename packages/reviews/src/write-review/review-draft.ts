// The write-a-review form's logic without a DOM: the draft, its checks against the API's LIMITS
// (counted the way the server counts: trimmed, in code points, so an emoji is one character),
// the request body, and how the server's field paths map back onto the form.
import {
  AUTHOR_NAME_MAX,
  BODY_MAX,
  EMAIL_MAX,
  type Rating,
  type ReviewInput,
  TITLE_MAX,
} from "@plaudit/core";

export interface ReviewDraft {
  rating: Rating | null;
  title: string;
  body: string;
  name: string;
  email: string;
  /** Honeypot: only bots fill it. Sent as it is so the server can discard the review quietly. */
  website: string;
}

/** The fields that can be invalid, in the order they appear in the form (first invalid gets focus). */
export const DRAFT_FIELDS = ["rating", "title", "body", "name", "email"] as const;
export type DraftField = (typeof DRAFT_FIELDS)[number];

/** A message key of the catalog plus its parameters. */
export interface FieldProblem {
  key: string;
  params?: Record<string, number>;
}
export type DraftProblems = Partial<Record<DraftField, FieldProblem>>;

export const emptyDraft = (): ReviewDraft => ({
  rating: null,
  title: "",
  body: "",
  name: "",
  email: "",
  website: "",
});

/** Characters as the API counts them. */
export const characterCount = (text: string): number => [...text.trim()].length;

// Deliberately loose: one @, something before it, a dot in the domain. The server has the last word.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export function checkField(field: DraftField, draft: ReviewDraft): FieldProblem | undefined {
  switch (field) {
    case "rating":
      return draft.rating === null ? { key: "error.rating.required" } : undefined;
    case "title":
      return characterCount(draft.title) > TITLE_MAX
        ? { key: "error.title.tooLong", params: { max: TITLE_MAX } }
        : undefined;
    case "body":
      return within(draft.body, BODY_MAX, "body");
    case "name":
      return within(draft.name, AUTHOR_NAME_MAX, "name");
    case "email": {
      const email = draft.email.trim();
      if (!email) return { key: "error.email.required" };
      if (email.length > EMAIL_MAX || !EMAIL_SHAPE.test(email)) return { key: "error.email.invalid" };
      return undefined;
    }
  }
}

function within(text: string, max: number, field: string): FieldProblem | undefined {
  const count = characterCount(text);
  if (count === 0) return { key: `error.${field}.required` };
  if (count > max) return { key: `error.${field}.tooLong`, params: { max } };
  return undefined;
}

export function checkDraft(draft: ReviewDraft): DraftProblems {
  const problems: DraftProblems = {};
  for (const field of DRAFT_FIELDS) {
    const problem = checkField(field, draft);
    if (problem) problems[field] = problem;
  }
  return problems;
}

export const firstProblemField = (problems: Partial<Record<DraftField, unknown>>): DraftField | undefined =>
  DRAFT_FIELDS.find((field) => problems[field] !== undefined);

/** The POST body of API.md (with the uploaded media's ids). Only call with a draft that passed checkDraft. */
export function toReviewInput(
  draft: ReviewDraft,
  customerToken?: string,
  mediaIds: string[] = [],
): ReviewInput {
  const title = draft.title.trim();
  return {
    rating: draft.rating as Rating,
    ...(title ? { title } : {}),
    body: draft.body.trim(),
    author: { name: draft.name.trim(), email: draft.email.trim() },
    ...(mediaIds.length ? { mediaIds } : {}),
    ...(customerToken ? { customerToken } : {}),
    website: draft.website,
  };
}

const SERVER_PATHS: Record<string, DraftField> = {
  rating: "rating",
  title: "title",
  body: "body",
  author: "name",
  "author.name": "name",
  "author.email": "email",
};

/** The form fields named by a validation_failed `fields` object (dotted paths); others are ignored. */
export function fieldsFromServer(fields: Record<string, string>): DraftField[] {
  const named = new Set(Object.keys(fields).flatMap((path) => SERVER_PATHS[path] ?? []));
  return DRAFT_FIELDS.filter((field) => named.has(field));
}

/** A field's current value as text, to tell whether the shopper changed it since the server's verdict. */
export const fieldValue = (draft: ReviewDraft, field: DraftField): string =>
  field === "rating" ? String(draft.rating ?? "") : draft[field];
