// The page-wide event bus: how reviews and loyalty widgets (which never import each other) and
// the host page (window.Plaudit.on) hear about each other.
import type { Redemption, Review, VoteValue } from "./api-types.ts";
import { pageSingleton } from "./page-singleton.ts";

export interface PlauditEventMap {
  "review:submitted": {
    store: string;
    productId: string;
    review: Review;
    status: "published" | "pending";
    customerToken?: string;
  };
  "review:voted": { store: string; reviewId: string; value: VoteValue };
  "widget:mounted": { kind: string; element: Element };
  "widget:unmounted": { kind: string; element: Element };
  "loyalty:redeemed": { store: string; redemption: Redemption; rewardName: string };
  "loyalty:updated": { store: string; balance: number };
  error: { error: unknown; kind?: string; element?: Element };
}

export type PlauditEventName = keyof PlauditEventMap;
export type PlauditListener<K extends PlauditEventName> = (detail: PlauditEventMap[K]) => void;

export interface PlauditEvents {
  /** Returns the matching `off`. */
  on<K extends PlauditEventName>(name: K, listener: PlauditListener<K>): () => void;
  off<K extends PlauditEventName>(name: K, listener: PlauditListener<K>): void;
  /** A throwing listener never breaks emit: its error goes to the `error` event (or the console). */
  emit<K extends PlauditEventName>(name: K, detail: PlauditEventMap[K]): void;
}

export function createEvents(): PlauditEvents {
  const listeners = new Map<string, Set<(detail: never) => void>>();

  const events: PlauditEvents = {
    on(name, listener) {
      let set = listeners.get(name);
      if (!set) {
        set = new Set();
        listeners.set(name, set);
      }
      set.add(listener);
      return () => events.off(name, listener);
    },
    off(name, listener) {
      listeners.get(name)?.delete(listener);
    },
    emit(name, detail) {
      // A copy: listeners may subscribe or unsubscribe while we call them.
      for (const listener of [...(listeners.get(name) ?? [])]) {
        try {
          (listener as PlauditListener<typeof name>)(detail);
        } catch (error) {
          // An error listener that throws is only logged: reporting it as an error would loop forever.
          if (name !== "error" && listeners.get("error")?.size) events.emit("error", { error });
          else console.error(`[plaudit] a listener of "${name}" threw`, error);
        }
      }
    },
  };
  return events;
}

/** The page's one event bus, shared with every other copy of @plaudit/core of the same major. */
export const getEvents = (): PlauditEvents => pageSingleton("events", createEvents);
