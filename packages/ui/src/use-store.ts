import { useEffect, useReducer, useRef } from "preact/hooks";

/** The part of a zustand vanilla store the hook needs. */
export interface ReadableStore<S> {
  getState(): S;
  subscribe(listener: () => void): () => void;
}

/**
 * Reads a slice of a vanilla store and re-renders when that slice changes (Object.is), using
 * preact/hooks only — zustand's own hook needs preact/compat (~1.3 KB gz for nothing).
 * Selectors should return values that already exist in the state, not new objects.
 */
export function useStore<S, T>(store: ReadableStore<S>, selector: (state: S) => T): T {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const selected = selector(store.getState());
  const latest = useRef({ selector, selected });
  latest.current = { selector, selected };
  useEffect(() => {
    const check = () => {
      const { selector: select, selected: shown } = latest.current;
      if (!Object.is(select(store.getState()), shown)) rerender(0);
    };
    // The state may have moved between render and subscribe.
    check();
    return store.subscribe(check);
  }, [store]);
  return selected;
}
