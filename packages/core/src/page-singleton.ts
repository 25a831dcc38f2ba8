// One store and one event bus per page, even when two copies of Plaudit load (script tag + npm):
// the first copy registers on globalThis under a Symbol.for key, later copies of the same major
// reuse it. A different major may shape state differently, so it keeps a private one instead.
import { CORE_VERSION } from "./version.ts";

interface Registration<T> {
  version: string;
  value: T;
}

const major = (version: string) => version.split(".")[0];
/** This module copy's own values, for when the page's registration has another major. */
const own = new Map<string, unknown>();

export function pageSingleton<T>(name: string, create: () => T, version = CORE_VERSION): T {
  const key = Symbol.for(`plaudit.${name}`);
  const slot = globalThis as unknown as Record<symbol, Registration<T> | undefined>;
  const found = slot[key];
  if (!found) {
    const value = create();
    slot[key] = { version, value };
    return value;
  }
  if (major(found.version) === major(version)) return found.value;
  if (!own.has(name)) {
    own.set(name, create());
    console.warn(
      `[plaudit] two Plaudit copies with different major versions on this page (${found.version} and ${version}): ` +
        `each keeps its own ${name}. Load one version only.`,
    );
  }
  return own.get(name) as T;
}
