/**
 * The three metric questions Touchpoint asks, their scales and their score bands.
 * docs/design.md "Scoring" is the source of every number here.
 */

export const METRICS = ['nps', 'ces', 'csat'] as const;
export type Metric = (typeof METRICS)[number];

/** An inclusive integer scale. */
export interface Scale {
  readonly min: number;
  readonly max: number;
}

/** NPS: 0 (not at all likely) .. 10 (extremely likely). */
export const NPS_SCALE: Scale = { min: 0, max: 10 };
/** CES 2.0: 1 (strongly disagree) .. 7 (strongly agree), where 7 means easy. */
export const CES_SCALE: Scale = { min: 1, max: 7 };
/** The 5-point CES variant: 1 .. 5, where 5 means easy. */
export const CES5_SCALE: Scale = { min: 1, max: 5 };
/** CSAT: 1 (very unsatisfied) .. 5 (very satisfied). */
export const CSAT_SCALE: Scale = { min: 1, max: 5 };

/** CES comes in two lengths; the longer one is CES 2.0 and the default. */
export type CesPoints = 5 | 7;

/** The scale of a metric; `points` only matters for CES. */
export function scaleOf(metric: Metric, points: CesPoints = 7): Scale {
  if (metric === 'nps') return NPS_SCALE;
  if (metric === 'csat') return CSAT_SCALE;
  return points === 5 ? CES5_SCALE : CES_SCALE;
}

/** Whether `value` is an integer on `scale`. */
export function isOnScale(value: number, scale: Scale): boolean {
  return Number.isInteger(value) && value >= scale.min && value <= scale.max;
}

export const NPS_BANDS = ['detractor', 'passive', 'promoter'] as const;
export const CES_BANDS = ['disagree', 'neutral', 'agree'] as const;
export const CSAT_BANDS = ['unsatisfied', 'neutral', 'satisfied'] as const;

export type NpsBand = (typeof NPS_BANDS)[number];
export type CesBand = (typeof CES_BANDS)[number];
export type CsatBand = (typeof CSAT_BANDS)[number];
export type Band = NpsBand | CesBand | CsatBand;

/** The band names a follow-up question may be limited to, per metric. */
export const BANDS: { readonly [M in Metric]: readonly Band[] } = {
  nps: NPS_BANDS,
  ces: CES_BANDS,
  csat: CSAT_BANDS,
};

/**
 * The band a score falls in.
 * - NPS: detractor 0–6, passive 7–8, promoter 9–10.
 * - CES (7-point): disagree 1–3, neutral 4, agree 5–7; (5-point): disagree 1–2, neutral 3, agree 4–5.
 * - CSAT: unsatisfied 1–2, neutral 3, satisfied 4–5 (satisfied is the top-2-box).
 */
export function bandOf(metric: Metric, value: number, points: CesPoints = 7): Band {
  if (metric === 'nps') return value >= 9 ? 'promoter' : value >= 7 ? 'passive' : 'detractor';
  if (metric === 'csat') return value >= 4 ? 'satisfied' : value === 3 ? 'neutral' : 'unsatisfied';
  const neutral = points === 5 ? 3 : 4;
  return value > neutral ? 'agree' : value === neutral ? 'neutral' : 'disagree';
}
