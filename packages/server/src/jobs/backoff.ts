/**
 * How long before the next try after `attempts` failed ones: 30 s, 1 min, 2 min, … doubling, at
 * most 6 hours. Ten attempts span about 4 hours: a mail server down for an afternoon is ridden out.
 */
export function retryDelayMs(attempts: number): number {
  const base = 30_000 * 2 ** Math.max(0, attempts - 1);
  return Math.min(base, 6 * 60 * 60 * 1000);
}
