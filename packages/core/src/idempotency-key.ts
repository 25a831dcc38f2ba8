// A fresh Idempotency-Key per action: a redemption, a review sent (a retry of the same one keeps
// its key: store.ts). randomUUID exists only in secure contexts (https, localhost);
// a store served over plain http still gets 128 random bits (getRandomValues is in every browser
// that runs module scripts, which the loader needs anyway).
export function newIdempotencyKey(): string {
  const webCrypto = globalThis.crypto;
  if (typeof webCrypto.randomUUID === "function") return webCrypto.randomUUID();
  const bytes = webCrypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
