import type { RefObject } from "preact";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { api } from "./api.ts";

/**
 * A cursor-paged admin list (`{ items, nextCursor, total? }`): the first page whenever `query`
 * changes, `load(cursor)` for the next; `total` when the list's first page says how many match
 * in all (null when it does not; next pages leave it out, and it stands). `setItems` and `setTotal` let a screen change rows it wrote to. Only the answer
 * to the latest request is shown: the first page of a query left behind (the queue opened, then
 * filtered at once) may answer last, and must not replace the filtered list.
 */
export function usePagedList<T>(path: string, query: Record<string, string>) {
  const [items, setItems] = useState<T[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [failed, setFailed] = useState<unknown>(null);
  const latest = useRef(0);
  const key = new URLSearchParams(query).toString();
  const load = useCallback(
    async (after?: string) => {
      const request = ++latest.current;
      setFailed(null);
      const params = new URLSearchParams({ ...query, ...(after ? { cursor: after } : {}) });
      try {
        const { data } = await api<{ items: T[]; nextCursor: string | null; total?: number }>(
          `${path}?${params}`,
        );
        if (request !== latest.current) return;
        setItems((old) => (after && old ? [...old, ...data.items] : data.items));
        setCursor(data.nextCursor);
        // A next page does not count the list again: the first page's total stands.
        if (!after) setTotal(data.total ?? null);
      } catch (error) {
        if (request === latest.current) setFailed(error);
      }
    },
    [path, key],
  );
  useEffect(() => {
    setItems(null);
    void load();
  }, [load]);
  return { items, setItems, total, setTotal, cursor, failed, load };
}

/** A filter form's filled-in values, by field name. */
export function formValues(form: HTMLFormElement, names: readonly string[]): Record<string, string> {
  const data = new FormData(form);
  const values: Record<string, string> = {};
  for (const name of names) {
    const value = String(data.get(name) ?? "").trim();
    if (value) values[name] = value;
  }
  return values;
}

const SENT = Symbol("sent");

/**
 * A filter form whose fields are uncontrolled (`defaultValue`, `defaultChecked`; a select's
 * `data-applied`): a screen renders again and again while a merchant types (its list, figures or
 * the store's zone arriving), and controlled fields went back to the applied values, so a day
 * typed into "Since" was gone before Apply. When the filters applied change (Apply, back and
 * forward, a link), the fields are set to them in place. A form drawn anew instead (keyed by the
 * filters) dropped the focus to the page: Enter in a field, and Tab started again from the top.
 */
export function useAppliedForm(applied: string): RefObject<HTMLFormElement | null> {
  const form = useRef<HTMLFormElement>(null);
  const shown = useRef<string | typeof SENT>(applied);
  // Sent, the fields hold filters no render has applied yet: whatever the next render applies —
  // those filters, or the ones before them when Back came first (the two route changes in one
  // render) — the fields are set to it. Before, Back that quick left the typed filters over the
  // list of the old ones.
  useLayoutEffect(() => {
    const element = form.current;
    if (!element) return;
    const sent = () => {
      shown.current = SENT;
    };
    // Capture: marked before the screen's own onSubmit runs. A screen that applies the search
    // there (a signal, not the URL) renders in the microtask between the two listeners, and that
    // render must not count as the one that applies what was sent.
    element.addEventListener("submit", sent, { capture: true });
    return () => element.removeEventListener("submit", sent, { capture: true });
  }, []);
  // After every render (cheap: a string compared), not only when `applied` changed: sent and Back
  // come to one render of the filters already shown.
  useLayoutEffect(() => {
    if (shown.current === applied) return;
    shown.current = applied;
    for (const field of Array.from(form.current?.elements ?? [])) {
      if (field instanceof HTMLSelectElement) {
        if (field.dataset.applied !== undefined) field.value = field.dataset.applied;
      } else if (field instanceof HTMLInputElement) {
        if (field.type === "checkbox" || field.type === "radio") field.checked = field.defaultChecked;
        else field.value = field.defaultValue;
      }
    }
  });
  return form;
}
