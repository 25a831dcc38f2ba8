// The loyalty launcher kind, defined once (loader entry, mountLoyalty, <plaudit-loyalty>). The
// panel is its own chunk, loaded on first open.
import { defineWidget } from "@plaudit/core";
import { mountLauncher } from "./mount-launcher.ts";

export const loyaltyWidget = defineWidget({
  kind: "loyalty",
  storeWide: true,
  attributes: ["customer-token", "position", "launcher", "join-url", "signin-url"],
  options: () => ({}),
  mount: ({ host, root, config, store }) => mountLauncher({ host, root, config, store }),
});
