// Entry chunk for data-plaudit="loyalty" (docs/widget-contract.md): the launcher only. The panel
// is a separate chunk the launcher imports on first open.
import { entryOf } from "@plaudit/core";
import { loyaltyWidget } from "../launcher/loyalty-definition.ts";

export type { MountOptions } from "@plaudit/core";
export const mount = entryOf(loyaltyWidget);
