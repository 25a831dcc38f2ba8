// Entry chunk for data-plaudit="stars" (docs/widget-contract.md). Must not import the list code.
import { entryOf, readyOf } from "@plaudit/core";
import { starsWidget } from "../stars-badge/stars-definition.ts";

export type { MountOptions } from "@plaudit/core";
export const mount = entryOf(starsWidget);
/** The loader awaits it before `mount`: the catalog of the host's language. */
export const ready = readyOf(starsWidget);
