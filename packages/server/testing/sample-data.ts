import type { StoredProgram } from "../src/loyalty/program.ts";

// Sample data the server's suites share. The program is a full, realistic one (every earning
// action, every reward kind, three tiers); the demo store's program (DEMO_LOYALTY_PROGRAM in
// packages/demo/src/seed-loyalty.ts) began as the same, but is the demo's to change — these suites
// keep their figures whatever the demo shows.
// A copy on purpose, the one allowed exception to "one source of truth": neither side may import
// the other. The server never depends on the demo (DESIGN.md's arrows, biome.json), and the demo's
// seed ships with `start --demo` while this kit never ships (its build compiles only its entry
// points). They differ today only in referralUrlTemplate (a shop's URL here, the demo's there).

export const SAMPLE_LOYALTY_PROGRAM: StoredProgram = {
  pointsName: "points",
  earning: [
    { action: "purchase", points: 1, label: "1 point for every $1 you spend" },
    { action: "signup", points: 100, label: "Join the program" },
    { action: "review", points: 50, label: "Write a review" },
    { action: "review_with_media", points: 50, label: "Add a photo or video to your review" },
    {
      action: "referral",
      points: 250,
      label: "Refer a friend: you both get 250 points on their first order",
    },
    { action: "birthday", points: 200, label: "A birthday treat every year" },
  ],
  rewards: [
    { id: "five-off", name: "$5 off your order", cost: 500, kind: "amount_off", value: 5 },
    { id: "ten-percent", name: "10% off your order", cost: 800, kind: "percent_off", value: 10 },
    { id: "free-shipping", name: "Free shipping", cost: 300, kind: "free_shipping", value: 0 },
    {
      id: "free-socks",
      name: "Free merino socks",
      cost: 1200,
      kind: "free_product",
      value: 18,
      productId: "socks-merino",
    },
    { id: "fifteen-off", name: "$15 off your order", cost: 1400, kind: "amount_off", value: 15 },
  ],
  tiers: [
    { id: "bronze", name: "Bronze", threshold: 0, perks: ["Earn points on every order"] },
    {
      id: "silver",
      name: "Silver",
      threshold: 1000,
      perks: ["Free shipping on every order", "Early access to sales"],
    },
    {
      id: "gold",
      name: "Gold",
      threshold: 2500,
      perks: [
        "Free shipping on every order",
        "Early access to sales",
        "Double points in your birthday month",
      ],
    },
  ],
  settings: {
    expiryDays: 365,
    tierMode: "points",
    tierWindowDays: 365,
    referralUrlTemplate: "https://shop.example/?ref={code}",
    codeWebhookUrl: null,
    codeWebhookTimeoutMs: 5000,
    returnWindowDays: 30,
    reviewPointsNeedPurchase: true,
    reviewPointsPerDay: 3,
    referralMinimumOrderTotal: 20,
  },
};

/** The server's one PRNG (mulberry32): a randomized suite replays the same run for a seed. */
export { prng } from "../src/prng.ts";
