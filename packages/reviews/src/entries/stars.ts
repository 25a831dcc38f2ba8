// Entry chunk for data-plaudit="stars" (docs/widget-contract.md). Must not import the list code.
import { entryOf } from "@plaudit/core";
import { starsWidget } from "../stars-badge/stars-definition.ts";

export type { MountOptions } from "@plaudit/core";
export const mount = entryOf(starsWidget);
