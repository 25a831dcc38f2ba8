// Entry chunk for data-plaudit="points" (docs/widget-contract.md): the member's balance inline.
import { entryOf } from "@plaudit/core";
import { pointsWidget } from "../inline/points-definitions.ts";

export type { MountOptions } from "@plaudit/core";
export const mount = entryOf(pointsWidget);
