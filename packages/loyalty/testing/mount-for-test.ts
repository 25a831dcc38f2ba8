// Mounts a loyalty widget the way the loader does, on a fresh store wired to the fake API.
import { catalogsFor, resolveLocale, type WidgetConfig } from "@plaudit/core";
import { within } from "@testing-library/preact";
import { mountPoints, mountPointsFor } from "../src/inline/mount-inline.ts";
import { mountLauncher } from "../src/launcher/mount-launcher.ts";
import { inlineLoadable } from "../src/messages/loadable.ts";
import { API_BASE, type FakeLoyaltyOptions, fakeLoyaltyApi, STORE, testStore } from "./fake-loyalty-api.ts";

export type LoyaltyKind = "loyalty" | "points" | "points-for";

const MOUNT = { loyalty: mountLauncher, points: mountPoints, "points-for": mountPointsFor };

export function mountLoyaltyWidget(
  kind: LoyaltyKind,
  attributes: Record<string, string> = {},
  apiOptions: FakeLoyaltyOptions = {},
  shared?: { api: ReturnType<typeof fakeLoyaltyApi>; store: ReturnType<typeof testStore> },
) {
  const api = shared?.api ?? fakeLoyaltyApi(apiOptions);
  const store = shared?.store ?? testStore(api);
  const host = document.createElement("div");
  host.setAttribute("data-plaudit", kind);
  for (const [name, value] of Object.entries(attributes)) host.setAttribute(name, value);
  document.body.append(host);
  const options: Record<string, string> = {};
  for (const [name, value] of Object.entries(host.dataset))
    if (!["plaudit", "locale", "theme"].includes(name) && value !== undefined) options[name] = value;
  const config: WidgetConfig = {
    store: STORE,
    apiBase: API_BASE,
    theme: (host.dataset.theme as WidgetConfig["theme"]) ?? "auto",
    ...(host.dataset.locale ? { locale: host.dataset.locale } : {}),
    options,
  };
  const root = host.attachShadow({ mode: "open" });
  const unmount = MOUNT[kind]({ host, root, config, store });
  return { api, store, host, root, view: within(root as unknown as HTMLElement), unmount };
}

/** Resolves once the host's language has come (German and Hebrew are chunks of their own). */
export const languageArrived = async (host: HTMLElement): Promise<void> => {
  await catalogsFor(host.dataset.locale || resolveLocale(host), inlineLoadable);
};
