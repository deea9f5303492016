/**
 * Which touchpoints stand out in the overview, defined so the marks are honest:
 *
 * - **Lowest**: within one measure only (NPS, CSAT, CES 1–7 and CES 1–5 are on different scales and are never
 *   ranked against each other), among at least two touchpoints with answers, the lowest score. For all three
 *   metrics higher is better (CES: 7 = easy). It is **clearly** lowest when its whole 95 % interval lies below
 *   every other touchpoint's interval in that measure; otherwise the order could be chance.
 * - **Most changed**: within one measure, the largest change against the period before (`change.difference`)
 *   among the changes that are significant at 95 %. A change that is not significant is never marked.
 */
import type { OverviewRow } from '@touchpoint/core';
import { type MeasureKey, measureOf } from './measure';

export interface LowestMark {
  readonly row: OverviewRow;
  readonly measure: MeasureKey;
  /** Its interval lies wholly below every other interval in the measure. */
  readonly clearly: boolean;
  /** Touchpoints ranked in the measure. */
  readonly among: number;
}

export interface ChangeMark {
  readonly row: OverviewRow;
  readonly measure: MeasureKey;
}

export interface Highlights {
  readonly lowest: readonly LowestMark[];
  readonly mostChanged: readonly ChangeMark[];
}

/** A stable key for an overview row: touchpoint, metric and scale. */
export const rowKey = (row: { touchpoint: string; metric: string; scale: { max: number } }): string =>
  `${row.touchpoint}\u0000${row.metric}\u0000${row.scale.max}`;

export function findHighlights(rows: readonly OverviewRow[]): Highlights {
  const byMeasure = new Map<MeasureKey, OverviewRow[]>();
  for (const row of rows) {
    const key = measureOf(row.metric, row.scale).key;
    byMeasure.set(key, [...(byMeasure.get(key) ?? []), row]);
  }
  const lowest: LowestMark[] = [];
  const mostChanged: ChangeMark[] = [];
  for (const [measure, group] of byMeasure) {
    const scored = group.filter((row) => row.score !== null);
    if (scored.length >= 2) {
      const worst = scored.reduce((a, b) => (b.score! < a.score! ? b : a));
      const clearly =
        worst.ci !== null &&
        scored.every((other) => other === worst || (other.ci !== null && worst.ci!.high < other.ci.low));
      lowest.push({ row: worst, measure, clearly, among: scored.length });
    }
    const real = group.filter((row) => row.change?.significant === true);
    if (real.length > 0) {
      const most = real.reduce((a, b) =>
        Math.abs(b.change!.difference) > Math.abs(a.change!.difference) ? b : a,
      );
      mostChanged.push({ row: most, measure });
    }
  }
  return { lowest, mostChanged };
}
