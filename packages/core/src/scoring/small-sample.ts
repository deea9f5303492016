/**
 * How few answers a score may honestly be shown with — the one rule for small samples (decision 0011).
 *
 * - Below `MIN_INTERVAL_N` answers there is no 95 % interval: with one NPS answer of 9 the score is +100 and the
 *   adjusted-Wald interval −48 to +98, a true statement that reads as a contradiction (the score outside its own
 *   interval). Every summary, trend point and export therefore carries `ci: null` there, and the dashboard says
 *   "fewer than 5 answers: too few for an interval" instead.
 * - Below `SMALL_SAMPLE` answers the score carries the `smallSample` flag: shown, with a warning.
 */

/** Fewer answers than this carry the `smallSample` flag: the score is shown, with a warning. */
export const SMALL_SAMPLE = 30;
/** Fewer answers than this have no interval (`ci: null`). */
export const MIN_INTERVAL_N = 5;

export const isSmallSample = (n: number) => n < SMALL_SAMPLE;

/** The interval `compute` gives, or null when `n` is below `MIN_INTERVAL_N`. */
export function intervalFor<T>(n: number, compute: () => T | null): T | null {
  return n < MIN_INTERVAL_N ? null : compute();
}
