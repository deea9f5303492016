/**
 * CES (2.0): the mean agreement, high = easy, with a t-based 95 % interval, and the % who agree
 * (5–7 on the 7-point scale, 4–5 on the 5-point one).
 */
import type { Scale } from '../questions/metric';
import { type Interval, tInterval, wilson } from './intervals';
import { intervalFor, isSmallSample } from './small-sample';
import { countBetween, distributionOf, moments, type Tally, tallySize } from './tally';

export interface CesSummary {
  readonly metric: 'ces';
  readonly scale: Scale;
  readonly n: number;
  /** Mean on the scale (1..7 or 1..5); null when n = 0. */
  readonly score: number | null;
  /** t interval of the mean; null when n < 2 (one answer has no spread). */
  readonly ci: Interval | null;
  readonly smallSample: boolean;
  readonly distribution: { value: number; count: number }[];
  /** Sample standard deviation; null when n < 2. */
  readonly sd: number | null;
  /** Answers that agree (found it easy). */
  readonly agree: number;
  /** % who agree, 0..100; null when n = 0. */
  readonly agreePercent: number | null;
  /** Wilson interval of `agreePercent`. */
  readonly agreeCi: Interval | null;
}

export function summarizeCes(tally: Tally): CesSummary {
  const n = tallySize(tally);
  const { mean, sd } = moments(tally);
  const agreeFrom = tally.scale.max === 5 ? 4 : 5;
  const agree = countBetween(tally, agreeFrom, tally.scale.max);
  return {
    metric: 'ces',
    scale: tally.scale,
    n,
    score: mean,
    ci: intervalFor(n, () =>
      mean === null || sd === null ? null : tInterval(mean, sd, n, tally.scale.min, tally.scale.max),
    ),
    smallSample: isSmallSample(n),
    distribution: distributionOf(tally),
    sd,
    agree,
    agreePercent: n === 0 ? null : (100 * agree) / n,
    agreeCi: intervalFor(n, () => wilson(agree, n)),
  };
}
