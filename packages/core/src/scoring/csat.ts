/**
 * CSAT: 100 × share of 4–5 answers (top-2-box) with a Wilson 95 % interval; the mean is reported beside it.
 */
import { CSAT_SCALE } from '../questions/metric';
import { type Interval, wilson } from './intervals';
import { intervalFor, isSmallSample } from './small-sample';
import { countBetween, distributionOf, moments, type Tally, tallySize } from './tally';

export interface CsatSummary {
  readonly metric: 'csat';
  readonly scale: typeof CSAT_SCALE;
  readonly n: number;
  /** % satisfied (4 or 5), 0..100; null when n = 0. */
  readonly score: number | null;
  /** 95 % interval; null below `MIN_INTERVAL_N` answers. */
  readonly ci: Interval | null;
  readonly smallSample: boolean;
  readonly distribution: { value: number; count: number }[];
  /** Answers of 4 or 5. */
  readonly satisfied: number;
  /** Mean on the 1–5 scale; null when n = 0. */
  readonly mean: number | null;
}

export function summarizeCsat(tally: Tally): CsatSummary {
  const n = tallySize(tally);
  const satisfied = countBetween(tally, 4, 5);
  return {
    metric: 'csat',
    scale: CSAT_SCALE,
    n,
    score: n === 0 ? null : (100 * satisfied) / n,
    ci: intervalFor(n, () => wilson(satisfied, n)),
    smallSample: isSmallSample(n),
    distribution: distributionOf(tally),
    satisfied,
    mean: moments(tally).mean,
  };
}
