/**
 * Is a change real? Two tallies (two periods, or two touchpoints) of one metric compared by a z-test on the
 * difference at 95 %.
 *
 * - NPS: adjusted-Wald (add ¾ promoter and ¾ detractor to each group, as for the interval):
 *   z = (NPS'a − NPS'b) / √(se'a² + se'b²).
 * - CSAT: Agresti–Caffo (add one satisfied and one not to each group): z = (p̃a − p̃b) / √(Σ p̃(1 − p̃)/(n + 2)).
 * - CES: Welch's z on the means: z = (x̄a − x̄b) / √(sa²/na + sb²/nb); needs n ≥ 2 in each.
 *
 * `difference` is the plain difference of the two scores (a − b) as a marketer reads it; `ci` is the 95 %
 * interval of the difference from the same method as z.
 */

import type { Metric } from '../questions/metric';
import { type Interval, npsAdjusted, Z95 } from './intervals';
import { summarizeTally } from './summarize-tally';
import { assertSameKind, countBetween, moments, type Tally, tallySize } from './tally';

export interface Comparison {
  readonly metric: Metric;
  /** Score of a minus score of b, in the metric's units (NPS points, CSAT percentage points, CES scale points). */
  readonly difference: number;
  /** z statistic; null when there is no spread at all in either group (then any difference is significant). */
  readonly z: number | null;
  /** |z| > 1.96: the difference is significant at 95 %. */
  readonly significant: boolean;
  /** 95 % interval of the difference; null when z is null. */
  readonly ci: Interval | null;
  readonly n: { readonly a: number; readonly b: number };
}

/**
 * Compares two tallies. Returns null when either is empty (or, for CES, has fewer than 2 answers).
 * Throws `TallyMismatchError` for different metrics or scales.
 */
export function compareTallies(a: Tally, b: Tally): Comparison | null {
  assertSameKind(a, b);
  const na = tallySize(a);
  const nb = tallySize(b);
  if (na === 0 || nb === 0) return null;
  const scoreA = summarizeTally(a).score!;
  const scoreB = summarizeTally(b).score!;
  const difference = scoreA - scoreB;
  let estimate: number;
  let se: number;
  let unit: number;
  switch (a.metric) {
    case 'nps': {
      const adjA = npsAdjusted(countBetween(a, 9, 10), countBetween(a, 0, 6), na);
      const adjB = npsAdjusted(countBetween(b, 9, 10), countBetween(b, 0, 6), nb);
      estimate = adjA.nps - adjB.nps;
      se = Math.sqrt(adjA.se ** 2 + adjB.se ** 2);
      unit = 100;
      break;
    }
    case 'csat': {
      const pa = (countBetween(a, 4, 5) + 1) / (na + 2);
      const pb = (countBetween(b, 4, 5) + 1) / (nb + 2);
      estimate = pa - pb;
      se = Math.sqrt((pa * (1 - pa)) / (na + 2) + (pb * (1 - pb)) / (nb + 2));
      unit = 100;
      break;
    }
    case 'ces': {
      if (na < 2 || nb < 2) return null;
      const ma = moments(a);
      const mb = moments(b);
      estimate = ma.mean! - mb.mean!;
      se = Math.sqrt(ma.sd! ** 2 / na + mb.sd! ** 2 / nb);
      unit = 1;
      break;
    }
  }
  if (!(se > 0)) {
    // Only CES can get here: both groups answered one value each. Any difference is then certain.
    return {
      metric: a.metric,
      difference,
      z: null,
      significant: difference !== 0,
      ci: null,
      n: { a: na, b: nb },
    };
  }
  const z = estimate / se;
  return {
    metric: a.metric,
    difference,
    z,
    significant: Math.abs(z) > Z95,
    ci: { low: unit * (estimate - Z95 * se), high: unit * (estimate + Z95 * se) },
    n: { a: na, b: nb },
  };
}
