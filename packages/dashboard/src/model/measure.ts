/**
 * A measure is a metric on one scale: NPS, CSAT, CES 1–7 or CES 1–5. Scores are only ever ranked within a
 * measure, because the three metrics (and the two CES lengths) use different scales.
 */
import type { CesPoints, Metric, Scale } from '@touchpoint/core';

export type MeasureKey = 'nps' | 'csat' | 'ces7' | 'ces5';

export interface Measure {
  readonly key: MeasureKey;
  readonly metric: Metric;
  readonly points: CesPoints;
  /** The answer scale (NPS 0–10, CSAT 1–5, CES 1–7 or 1–5). */
  readonly scale: Scale;
  /** Where the score can lie: NPS −100..100, CSAT 0..100 (%), CES the answer scale (a mean). */
  readonly domain: Scale;
}

/** Display order of the measures in the overview. */
export const MEASURE_ORDER: readonly MeasureKey[] = ['nps', 'csat', 'ces7', 'ces5'];

/** The measure of a metric and (for CES) its number of points. */
export const measureKey = (metric: Metric, points: CesPoints): MeasureKey =>
  metric === 'ces' ? (points === 5 ? 'ces5' : 'ces7') : metric;

export function measureOf(metric: Metric, scale: Scale): Measure {
  switch (metric) {
    case 'nps':
      return { key: 'nps', metric, points: 7, scale, domain: { min: -100, max: 100 } };
    case 'csat':
      return { key: 'csat', metric, points: 7, scale, domain: { min: 0, max: 100 } };
    case 'ces': {
      const points: CesPoints = scale.max === 5 ? 5 : 7;
      return { key: points === 5 ? 'ces5' : 'ces7', metric, points, scale, domain: scale };
    }
  }
}
