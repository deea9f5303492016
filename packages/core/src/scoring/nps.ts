/**
 * NPS: 100 × (promoters − detractors) / n over answered questions, with the adjusted-Wald 95 % interval.
 */
import { NPS_SCALE } from '../questions/metric';
import { type Interval, npsAdjustedWald } from './intervals';
import { intervalFor, isSmallSample } from './small-sample';
import { countBetween, distributionOf, type Tally, tallySize } from './tally';

export interface NpsSummary {
  readonly metric: 'nps';
  readonly scale: typeof NPS_SCALE;
  readonly n: number;
  /** −100..100; null when n = 0. */
  readonly score: number | null;
  /** 95 % interval; null below `MIN_INTERVAL_N` answers. */
  readonly ci: Interval | null;
  readonly smallSample: boolean;
  readonly distribution: { value: number; count: number }[];
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
}

export function summarizeNps(tally: Tally): NpsSummary {
  const n = tallySize(tally);
  const promoters = countBetween(tally, 9, 10);
  const detractors = countBetween(tally, 0, 6);
  return {
    metric: 'nps',
    scale: NPS_SCALE,
    n,
    score: n === 0 ? null : (100 * (promoters - detractors)) / n,
    ci: intervalFor(n, () => npsAdjustedWald(promoters, detractors, n)),
    smallSample: isSmallSample(n),
    distribution: distributionOf(tally),
    promoters,
    passives: n - promoters - detractors,
    detractors,
  };
}
