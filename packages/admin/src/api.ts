// The admin app speaks only to the admin API, with the session cookie (sent by the browser, never
// readable by script) and, on every write, the session's CSRF token.
import type { ErrorCode } from "@plaudit/contract";
import { locale } from "./i18n.ts";

/** The API's error codes (the contract's), and the app's own for answers that never came. */
export type ProblemCode = ErrorCode | "network" | "http_error" | "unknown";

export interface ApiProblem {
  status: number;
  code: ProblemCode;
  message: string;
  fields?: Record<string, string>;
  /** Seconds to wait, from Retry-After (a locked sign-in, a rate limit). */
  retryAfter?: number;
}

export class ApiFailure extends Error {
  constructor(readonly problem: ApiProblem) {
    super(problem.message);
    this.name = "ApiFailure";
  }
}

let csrfToken = "";

/** Remembered from the session: every write carries it. */
export function useCsrfToken(token: string): void {
  csrfToken = token;
}

/** Told when the session ended under us (401): the app goes back to sign-in. */
let onSignedOut: () => void = () => {};
export function whenSignedOut(listener: () => void): void {
  onSignedOut = listener;
}

/**
 * Told when the server refused a write or read for the user's role (403 insufficient_scope): the
 * role changed since the session was read (another owner changed it, or this user gave their own
 * away), and the app reads it again, so its screens and menu follow the role the server enforces.
 */
let onRoleRefused: () => void = () => {};
export function whenRoleRefused(listener: () => void): void {
  onRoleRefused = listener;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent even if the page is being closed (the grace period's flush). */
  keepalive?: boolean;
}

/**
 * How long an answer may take. A server that never answers (a hung proxy, a database lock) would
 * otherwise leave "Loading…" up for good, and a sent decision's review disabled for good; given
 * up, it is "the server cannot be reached" — with Try again, and nothing shown as done.
 */
export const ANSWER_TIMEOUT_MS = 30_000;

export async function api<T>(
  path: string,
  options: RequestOptions = {},
): Promise<{ data: T; headers: Headers }> {
  const method = options.method ?? "GET";
  // The server's own words (a field it refused, a conflict) in the language the merchant chose.
  const headers: Record<string, string> = {
    accept: "application/json",
    "accept-language": locale.value,
    ...options.headers,
  };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  let response: Response;
  let text: string;
  const giveUp = new AbortController();
  const timer = setTimeout(() => giveUp.abort(), ANSWER_TIMEOUT_MS);
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      signal: giveUp.signal,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.keepalive ? { keepalive: true } : {}),
    });
    text = await response.text();
  } catch {
    throw new ApiFailure({ status: 0, code: "network", message: "network" });
  } finally {
    clearTimeout(timer);
  }
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    const error = (json as { error?: Omit<ApiProblem, "status"> } | null)?.error;
    const retryAfter = Number(response.headers.get("retry-after"));
    const problem: ApiProblem = {
      status: response.status,
      code: error?.code ?? "http_error",
      message: error?.message ?? response.statusText,
      ...(error?.fields ? { fields: error.fields } : {}),
      ...(retryAfter > 0 ? { retryAfter } : {}),
    };
    if (response.status === 401 && !path.endsWith("/v1/admin/session")) onSignedOut();
    if (response.status === 403 && problem.code === "insufficient_scope") onRoleRefused();
    throw new ApiFailure(problem);
  }
  return { data: json as T, headers: response.headers };
}

export const problemOf = (error: unknown): ApiProblem =>
  error instanceof ApiFailure ? error.problem : { status: 0, code: "unknown", message: String(error) };
