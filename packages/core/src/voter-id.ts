// Votes need a stable anonymous voter id (one vote per voter per review). Storage can throw
// (Safari private mode, sandboxed iframes, blocked cookies): then the id lives for this page only.

const KEY = "plaudit:voter";

const newId = (): string =>
  typeof crypto !== "undefined" && typeof crypto.randomUUID === "function"
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

export function createVoterId(
  storage: () => Storage | undefined = () => globalThis.localStorage,
): () => string {
  let id: string | undefined;
  return () => {
    if (id) return id;
    try {
      const store = storage();
      id = store?.getItem(KEY) || undefined;
      if (!id) {
        id = newId();
        store?.setItem(KEY, id);
      }
    } catch {
      id ??= newId();
    }
    return id;
  };
}
