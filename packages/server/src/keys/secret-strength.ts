/**
 * The shortest secret Plaudit takes from anyone (PLAUDIT_DEMO_SECRET, PLAUDIT_SECRETS_KEY,
 * PLAUDIT_METRICS_TOKEN, a store's keys in tests): 32 characters. The ones it makes itself are
 * 32 random bytes, far above this.
 */
export const MIN_SECRET_LENGTH = 32;

export class WeakSecretError extends Error {
  constructor(what: string) {
    super(`${what} must be at least ${MIN_SECRET_LENGTH} characters (make one: openssl rand -base64 32)`);
    this.name = "WeakSecretError";
  }
}

/** Throws WeakSecretError when `secret` is shorter than MIN_SECRET_LENGTH. */
export function assertStrongSecret(what: string, secret: string): void {
  if (secret.length < MIN_SECRET_LENGTH) throw new WeakSecretError(what);
}
