import { hash, verify } from "@node-rs/argon2";

/** @node-rs/argon2's Algorithm.Argon2id (a const enum, which this build cannot import). */
const ARGON2ID = 2;

// Passwords are stored as argon2id PHC strings with the library's defaults (19 MiB, 2 passes,
// 1 lane: OWASP's baseline for argon2id). Length is the only rule (NIST SP 800-63B): at least
// PASSWORD_MIN characters, and a ceiling so hashing cannot be made expensive on purpose.

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

/** Why a new password is refused, or undefined when it is fine. */
export function passwordProblem(password: unknown): string | undefined {
  if (typeof password !== "string") return "must be a password";
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters`;
  if (length > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters`;
  return undefined;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

// Verified against when the account does not exist, so a wrong address costs as long as a wrong
// password and sign-in does not tell which addresses have accounts.
let decoy: Promise<string> | undefined;

export async function passwordMatches(stored: string | null, presented: string): Promise<boolean> {
  if (stored === null) {
    decoy ??= hashPassword("not-a-password-anyone-has");
    await verify(await decoy, presented).catch(() => false);
    return false;
  }
  return verify(stored, presented).catch(() => false);
}
