// The one Chromium that the browser tests, the packaging test and the benchmarks start: where it
// is and how it is started. Plain JavaScript, so scripts/ensure-chromium.mjs (run by node before
// anything is built) and the TypeScript that launches the browser share it (types: chromium.d.mts).

/** PLAUDIT_CHROMIUM, else Debian's package (`apt-get install -y chromium`). */
export const CHROMIUM = process.env.PLAUDIT_CHROMIUM?.trim() || "/usr/bin/chromium";

// TOOLCHAIN.md: without the background-networking flags Chromium floods the closed network.
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** playwright-core's launch options for it, headless; spread them and add the page's own (viewport, …). */
export const CHROMIUM_LAUNCH = { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS };
