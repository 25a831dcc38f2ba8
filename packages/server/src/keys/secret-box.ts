import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { assertStrongSecret } from "./secret-strength.ts";

// Signing secrets must stay readable (an HMAC needs the secret itself), so they cannot be hashed
// like admin keys. With PLAUDIT_SECRETS_KEY set they are sealed with AES-256-GCM under a key
// derived from it: a copy of the database alone (a backup, a replica) then signs nothing.
// Stored forms: "v1:<iv>:<tag>:<ciphertext>" (base64url) or "plain:<secret>".

export interface SecretBox {
  /** Whether new secrets are sealed (a secrets key is set). */
  readonly sealing: boolean;
  seal(secret: string): string;
  /** The secret again; throws when it is sealed and this box has no key (or the wrong one). */
  open(stored: string): string;
}

export class SecretsKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretsKeyError";
  }
}

export function secretBox(secretsKey?: string): SecretBox {
  let key: Buffer | undefined;
  if (secretsKey !== undefined) {
    assertStrongSecret("PLAUDIT_SECRETS_KEY", secretsKey);
    key = Buffer.from(hkdfSync("sha256", secretsKey, "plaudit", "signing secrets v1", 32));
  }
  return {
    sealing: key !== undefined,
    seal(secret) {
      if (!key) return `plain:${secret}`;
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
      return ["v1", iv, cipher.getAuthTag(), sealed]
        .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
        .join(":");
    },
    open(stored) {
      if (stored.startsWith("plain:")) return stored.slice("plain:".length);
      const [version, iv, tag, sealed] = stored.split(":");
      if (version !== "v1" || iv === undefined || tag === undefined || sealed === undefined)
        throw new SecretsKeyError("a stored signing secret is in an unknown form");
      if (!key)
        throw new SecretsKeyError(
          "signing secrets are encrypted: set PLAUDIT_SECRETS_KEY to the key they were sealed with",
        );
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
        decipher.setAuthTag(Buffer.from(tag, "base64url"));
        return Buffer.concat([decipher.update(Buffer.from(sealed, "base64url")), decipher.final()]).toString(
          "utf8",
        );
      } catch {
        throw new SecretsKeyError(
          "a signing secret does not open with PLAUDIT_SECRETS_KEY: is it the key they were sealed with?",
        );
      }
    },
  };
}

/** A box without a key: secrets are stored as given (tests; servers without PLAUDIT_SECRETS_KEY). */
export const plainSecretBox: SecretBox = secretBox();
