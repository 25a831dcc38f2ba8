import { randomCode } from "./ledger.ts";
import type { Reward } from "./program.ts";

// Where a redemption's discount code comes from. Plaudit cannot create a discount in the merchant's
// cart by itself, so this is pluggable: by default it generates a unique code the merchant's
// checkout looks up (or imports); WebhookCodeIssuer asks the merchant's platform for a real one.

export interface CodeRequest {
  storeId: string;
  redemptionId: string;
  customerId: string;
  reward: Reward;
  pointsSpent: number;
  createdAt: string;
}

export interface CodeIssuer {
  /** A code for this redemption; throws when none can be had (the points are then given back). */
  issue(request: CodeRequest): Promise<string>;
}

/** "PLD-" and 12 characters of the unambiguous alphabet: about 59 bits, so guessing is hopeless. */
export const generatedCodeIssuer: CodeIssuer = {
  async issue() {
    const body = randomCode(12);
    return `PLD-${body.slice(0, 4)}-${body.slice(4, 8)}-${body.slice(8)}`;
  },
};
