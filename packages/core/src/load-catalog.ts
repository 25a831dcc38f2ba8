// Each language's messages in a chunk of their own, loaded with the locale decision: an English
// page never downloads German or Hebrew, a German page downloads German once, whatever number of
// widgets speak it. The server renders with every catalog at hand (plain objects, not loaders).
import { getEvents } from "./events.ts";
import { type Catalogs, createI18n, type I18n, type Messages, matchCatalog } from "./i18n.ts";

/** Imports a language's chunk: `() => import("./de.ts").then((m) => m.de)`. */
export type LoadMessages = () => Promise<Messages>;

/**
 * A widget's catalogs as it ships: English with its code (the fallback, and what most pages
 * speak), each other language either at hand or a loader called only on a page that speaks it.
 */
export type LoadableCatalogs = { en: Messages } & Record<string, Messages | LoadMessages | undefined>;

// One import per language per page, and what came is kept: a widget mounted after it (24 badges,
// a list the shopper opens later) renders at once, in the task it mounts in.
const kept = new Map<LoadMessages, Messages | Promise<Messages | undefined>>();

/**
 * Still on its way? Asked of the answer, not with `instanceof Promise`: a page that replaced
 * `window.Promise` (zone.js on an Angular storefront, a polyfill an old theme ships) makes every
 * native promise — an import(), an async function's — fail that test, and a German page's widget
 * then mounted with the promise for its messages: English words, German numbers.
 */
export const isPending = <T>(found: T | Promise<T>): found is Promise<T> =>
  typeof (found as { then?: unknown } | undefined)?.then === "function";

/**
 * The catalogs createI18n needs for `locale`, matched as createI18n matches (`de-AT` → `de`,
 * unknown → `en`): now when they are at hand, else a promise of them (what the loader awaits
 * before mounting over painted markup: define-widget.ts readyOf). A chunk that cannot load (the
 * network) is reported and leaves the widget in English, working; the next widget asks again.
 */
export function catalogsFor(locale: string, catalogs: LoadableCatalogs): Catalogs | Promise<Catalogs> {
  const key = matchCatalog(locale, Object.keys(catalogs));
  // Without its messages (not loaded) the widget is English, and says so (lang="en").
  const speaking = (messages?: Messages): Catalogs =>
    messages ? { en: catalogs.en, [key]: messages } : { en: catalogs.en };
  let found = catalogs[key];
  if (typeof found === "function") {
    const load = found;
    let got = kept.get(load);
    if (!got) {
      got = load().then(
        (messages) => {
          kept.set(load, messages);
          return messages;
        },
        (error: unknown) => {
          kept.delete(load);
          getEvents().emit("error", { error });
          return undefined;
        },
      );
      kept.set(load, got);
    }
    if (isPending<Messages | undefined>(got)) return got.then(speaking);
    found = got;
  }
  return speaking(found);
}

/**
 * Mounts a widget speaking `locale`: at once when its catalog is at hand, else in the task the
 * catalog arrives, in one render. Until then the host keeps what it shows (the painted or server
 * markup is in that language already): no English first, no text swapped, nothing moved.
 * Answers the unmount; unmounted while the catalog was on its way, nothing mounts.
 */
export function mountSpeaking(
  locale: string,
  catalogs: LoadableCatalogs,
  kind: string,
  mount: (i18n: I18n) => () => void,
): () => void {
  const found = catalogsFor(locale, catalogs);
  if (!isPending(found)) return mount(createI18n(locale, found));
  let unmount: (() => void) | undefined;
  let gone = false;
  found
    .then((ready) => {
      if (!gone) unmount = mount(createI18n(locale, ready));
    })
    .catch((error: unknown) => getEvents().emit("error", { error, kind }));
  return () => {
    gone = true;
    unmount?.();
  };
}
