// Entry chunk for data-plaudit="points-for" data-amount="49.99" (docs/widget-contract.md).
import { entryOf } from "@plaudit/core";
import { pointsForWidget } from "../inline/points-definitions.ts";

export type { MountOptions } from "@plaudit/core";
export const mount = entryOf(pointsForWidget);
