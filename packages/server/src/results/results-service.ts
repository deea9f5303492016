/**
 * The numbers of the results API, from the rollups. Every score comes from core: rollup rows are merged with
 * `mergeTallies`, summarized with `summarizeTally` and compared with `compareTallies`; nothing here re-derives a
 * formula. A range never rereads raw events.
 */
import {
  type AttributesResponse,
  bandOf,
  type CompareResponse,
  type Comparison,
  compareTallies,
  createTally,
  DEVICES,
  type Device,
  type JourneyRef,
  type JourneyResponse,
  mergeTallies,
  OTHER_SEGMENT_VALUE,
  type OverviewResponse,
  type OverviewRow,
  type ResponseAnswer,
  type ResponseDetail,
  SEGMENT_ATTRIBUTE_LIMITS,
  type SegmentsResponse,
  scaleOf,
  summarizeTally,
  type Tally,
  type TouchpointSummary,
  type TrendPoint,
  type TrendResponse,
  type Verbatim,
  type VerbatimsResponse,
} from '@touchpoint/core';
import { summarizeRollups, tallyOfRollup } from '../store/rollup';
import type {
  AnswerPosition,
  RollupRow,
  SegmentDimension,
  SegmentFilter,
  Store,
  TextRow,
} from '../store/store';
import { customerOf } from './customer';
import { addDays, bucketsOf, dayStart, daysBetween } from './days';
import type { DayRange, MetricKind } from './results-params';
import { encodeCursor } from './verbatim-cursor';

/** The label of a segment value the events did not report (no device or no locale). */
export const UNKNOWN_SEGMENT = 'unknown';

const kindOfRow = (row: Pick<RollupRow, 'metric' | 'points'>): MetricKind => ({
  metric: row.metric,
  points: row.points,
});
const sameKind = (a: MetricKind, b: MetricKind) => a.metric === b.metric && a.points === b.points;
const groupKey = (touchpoint: string, kind: MetricKind) =>
  `${touchpoint}\u0000${kind.metric}\u0000${kind.points}`;
/** The kind of a summary (CES: its scale's length). */
const kindOfSummary = (summary: TouchpointSummary): MetricKind => ({
  metric: summary.metric,
  points: summary.metric === 'ces' ? (summary.scale.max === 5 ? 5 : 7) : 0,
});
const emptyTally = (kind: MetricKind): Tally => createTally(kind.metric, kind.points === 0 ? 7 : kind.points);

/** The tally of the rows of one kind (an empty one when there are none). */
function tallyOf(rows: Iterable<RollupRow>, kind: MetricKind): Tally {
  let tally = emptyTally(kind);
  for (const row of rows) if (sameKind(kindOfRow(row), kind)) tally = mergeTallies(tally, tallyOfRollup(row));
  return tally;
}

function trendPoints(
  rows: readonly RollupRow[],
  kind: MetricKind,
  range: DayRange,
  interval: 'day' | 'week',
): TrendPoint[] {
  const byDay = new Map<string, RollupRow[]>();
  for (const row of rows) {
    if (!sameKind(kindOfRow(row), kind)) continue;
    const rows = byDay.get(row.day);
    if (rows === undefined) byDay.set(row.day, [row]);
    else rows.push(row);
  }
  return bucketsOf(range.from, range.to, interval).map((bucket) => {
    let tally = emptyTally(kind);
    for (let day = bucket.from; day <= bucket.to; day = addDays(day, 1)) {
      for (const row of byDay.get(day) ?? []) tally = mergeTallies(tally, tallyOfRollup(row));
    }
    const { n, score, ci, smallSample } = summarizeTally(tally);
    return { start: bucket.start, n, score, ci, smallSample };
  });
}

/** Groups rollup rows by touchpoint × metric kind. */
function groupRows(rows: readonly RollupRow[]): Map<string, RollupRow[]> {
  const groups = new Map<string, RollupRow[]>();
  for (const row of rows) {
    const key = groupKey(row.touchpoint, kindOfRow(row));
    const rows = groups.get(key);
    if (rows === undefined) groups.set(key, [row]);
    else rows.push(row);
  }
  return groups;
}

export interface OverviewQuery extends DayRange {
  readonly segment: SegmentFilter;
  /** Only this metric. */
  readonly kind?: MetricKind | undefined;
  readonly touchpoint?: string | undefined;
}

/** Every touchpoint × metric of the range, with its weekly trend and its change against the range before. */
export async function overview(store: Store, site: string, query: OverviewQuery): Promise<OverviewResponse> {
  const days = daysBetween(query.from, query.to);
  const previousFrom = addDays(query.from, -days);
  const rows = await store.rollups({
    site,
    from: previousFrom,
    to: query.to,
    segment: query.segment,
    touchpoint: query.touchpoint,
  });
  const current = rows.filter((row) => row.day >= query.from);
  const previous = groupRows(rows.filter((row) => row.day < query.from));
  const currentGroups = groupRows(current);
  const out: OverviewRow[] = [];
  for (const summary of summarizeRollups(current)) {
    const kind = kindOfSummary(summary);
    if (query.kind !== undefined && !sameKind(kind, query.kind)) continue;
    const key = groupKey(summary.touchpoint, kind);
    const mine = currentGroups.get(key) ?? [];
    const change: Comparison | null = compareTallies(
      tallyOf(mine, kind),
      tallyOf(previous.get(key) ?? [], kind),
    );
    out.push({ ...summary, trend: trendPoints(mine, kind, query, 'week'), change });
  }
  return { from: query.from, to: query.to, rows: out };
}

export interface TrendQuery extends DayRange {
  readonly touchpoint: string;
  readonly kind: MetricKind;
  readonly interval: 'day' | 'week';
  readonly segment: SegmentFilter;
}

export async function trend(store: Store, site: string, query: TrendQuery): Promise<TrendResponse> {
  const rows = await store.rollups({
    site,
    from: query.from,
    to: query.to,
    touchpoint: query.touchpoint,
    segment: query.segment,
  });
  return {
    touchpoint: query.touchpoint,
    metric: query.kind.metric,
    scale: scaleOf(query.kind.metric, query.kind.points === 0 ? 7 : query.kind.points),
    interval: query.interval,
    points: trendPoints(rows, query.kind, query, query.interval),
  };
}

export interface CompareQuery {
  readonly kind: MetricKind;
  readonly a: DayRange & { readonly touchpoint: string };
  readonly b: DayRange & { readonly touchpoint: string };
  readonly segment: SegmentFilter;
}

export async function compare(store: Store, site: string, query: CompareQuery): Promise<CompareResponse> {
  const side = async (which: CompareQuery['a']) => {
    const rows = await store.rollups({
      site,
      from: which.from,
      to: which.to,
      touchpoint: which.touchpoint,
      segment: query.segment,
    });
    const tally = tallyOf(rows, query.kind);
    return {
      tally,
      side: { ...summarizeTally(tally), touchpoint: which.touchpoint, from: which.from, to: which.to },
    };
  };
  const a = await side(query.a);
  const b = await side(query.b);
  return { a: a.side, b: b.side, comparison: compareTallies(a.tally, b.tally) };
}

export interface SegmentsQuery extends DayRange {
  readonly touchpoint: string;
  readonly kind: MetricKind;
  readonly by: SegmentDimension;
  readonly segment: SegmentFilter;
}

/** One row per value of the dimension that has answers or displays, the most answers first. */
export async function segments(store: Store, site: string, query: SegmentsQuery): Promise<SegmentsResponse> {
  const rows = await store.segmentRollups({
    site,
    from: query.from,
    to: query.to,
    touchpoint: query.touchpoint,
    segment: query.segment,
    by: query.by,
  });
  const out: SegmentsResponse['rows'][number][] = [];
  for (const row of rows) {
    if (!sameKind(kindOfRow(row), query.kind)) continue;
    const [summary] = summarizeRollups([row]);
    if (summary === undefined) continue;
    const { touchpoint: _, ...rest } = summary;
    out.push({ ...rest, segment: row.segment ?? UNKNOWN_SEGMENT });
  }
  out.sort(
    (a, b) => b.n - a.n || b.shown - a.shown || (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0),
  );
  return { by: query.by, rows: out };
}

export interface VerbatimsQuery extends DayRange {
  readonly touchpoint?: string | undefined;
  readonly kind?: MetricKind | undefined;
  readonly band?: string | undefined;
  readonly segment: SegmentFilter;
  readonly limit: number;
  readonly after?: AnswerPosition | undefined;
  /** The site's sensitive attributes: never shown. */
  readonly sensitive?: readonly string[] | undefined;
}

/** The values of every metric kind (or of one) that fall in a band. */
function bandValues(band: string, kind: MetricKind | undefined): { kind: MetricKind; values: number[] }[] {
  const kinds: MetricKind[] =
    kind === undefined
      ? [
          { metric: 'nps', points: 0 },
          { metric: 'csat', points: 0 },
          { metric: 'ces', points: 7 },
          { metric: 'ces', points: 5 },
        ]
      : [kind];
  return kinds.map((k) => {
    const scale = scaleOf(k.metric, k.points === 0 ? 7 : k.points);
    const values: number[] = [];
    for (let v = scale.min; v <= scale.max; v++) {
      if (bandOf(k.metric, v, k.points === 0 ? 7 : k.points) === band) values.push(v);
    }
    return { kind: k, values };
  });
}

const asDevice = (value: string | null): Device | undefined =>
  (DEVICES as readonly string[]).includes(value ?? '') ? (value as Device) : undefined;

export function toVerbatim(row: TextRow, sensitive: readonly string[] = []): Verbatim {
  const device = asDevice(row.device);
  const customer = customerOf(row, sensitive);
  return {
    responseId: row.responseId,
    at: new Date(row.correctedAt).toISOString(),
    touchpoint: row.touchpoint,
    surveyId: row.surveyId,
    metric: row.metric,
    score: row.score,
    band: bandOf(row.metric, row.score, row.points === 0 ? 7 : row.points),
    text: row.text,
    ...(row.locale === null ? {} : { locale: row.locale }),
    ...(device === undefined ? {} : { device }),
    path: row.path,
    channel: row.channel,
    ...(customer === undefined ? {} : { customer }),
  };
}

/** Every winning answer of one response, with its customer when identified; null when the response is unknown. */
export async function responseDetail(
  store: Store,
  site: string,
  responseId: string,
  sensitive: readonly string[],
): Promise<ResponseDetail | null> {
  const { scores, texts } = await store.responseRows(site, responseId);
  const rows = [...scores, ...texts];
  const first = rows[0];
  if (first === undefined) return null;
  const latest = rows.reduce((a, b) => (b.correctedAt > a.correctedAt ? b : a));
  const answers: ResponseAnswer[] = [
    ...scores.map((row) => ({
      questionId: row.questionId,
      touchpoint: row.touchpoint,
      surveyId: row.surveyId,
      at: new Date(row.correctedAt).toISOString(),
      metric: row.metric,
      score: row.value,
      band: bandOf(row.metric, row.value, row.points === 0 ? 7 : row.points),
    })),
    ...texts.map((row) => ({
      questionId: row.questionId,
      touchpoint: row.touchpoint,
      surveyId: row.surveyId,
      at: new Date(row.correctedAt).toISOString(),
      text: row.text,
    })),
  ];
  const device = asDevice(latest.device);
  const customer = customerOf(latest, sensitive);
  return {
    responseId,
    answers,
    ...(latest.locale === null ? {} : { locale: latest.locale }),
    ...(device === undefined ? {} : { device }),
    path: latest.path,
    channel: latest.channel,
    ...(customer === undefined ? {} : { customer }),
  };
}

/** Open-text answers with the score they followed, newest first, one page. */
export async function verbatims(
  store: Store,
  site: string,
  query: VerbatimsQuery,
): Promise<VerbatimsResponse> {
  const base = {
    site,
    fromMs: dayStart(query.from),
    toMs: dayStart(addDays(query.to, 1)),
    touchpoint: query.touchpoint,
    segment: query.segment,
    after: query.after,
  };
  const scores =
    query.band === undefined
      ? query.kind === undefined
        ? undefined
        : [query.kind]
      : bandValues(query.band, query.kind).map(({ kind, values }) => ({ ...kind, values }));
  const rows = await store.texts({ ...base, scores, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => toVerbatim(row, query.sensitive ?? [])),
    nextCursor:
      rows.length > query.limit && last !== undefined
        ? encodeCursor({
            correctedAt: last.correctedAt,
            responseId: last.responseId,
            questionId: last.questionId,
          })
        : null,
  };
}

/** A journey's stages with their touchpoints' rows, and the clearly weakest stage per measure (decision 0011). */
export async function journey(
  store: Store,
  site: string,
  config: {
    readonly id: string;
    readonly name: string;
    readonly stages: readonly { name: string; touchpoints: readonly string[] }[];
  },
  query: OverviewQuery,
  journeys: readonly JourneyRef[] = [{ id: config.id, name: config.name }],
): Promise<JourneyResponse> {
  const all = await overview(store, site, query);
  const stages = config.stages.map((stage) => ({
    name: stage.name,
    touchpoints: all.rows.filter((row) => stage.touchpoints.includes(row.touchpoint)),
  }));
  const byMeasure = new Map<string, { row: OverviewRow; stage: number }[]>();
  stages.forEach((stage, index) => {
    for (const row of stage.touchpoints) {
      if (row.score === null) continue;
      const key = groupKey('', kindOfSummary(row));
      byMeasure.set(key, [...(byMeasure.get(key) ?? []), { row, stage: index }]);
    }
  });
  const weakest: JourneyResponse['weakest'][number][] = [];
  for (const group of byMeasure.values()) {
    if (group.length < 2) continue;
    const worst = group.reduce((a, b) => (b.row.score! < a.row.score! ? b : a));
    const clearly =
      worst.row.ci !== null &&
      group.every(
        (other) => other === worst || (other.row.ci !== null && worst.row.ci!.high < other.row.ci.low),
      );
    if (!clearly) continue;
    const kind = kindOfSummary(worst.row);
    weakest.push({
      metric: kind.metric,
      points: kind.points,
      stage: worst.stage,
      touchpoint: worst.row.touchpoint,
    });
  }
  return {
    journey: { id: config.id, name: config.name },
    journeys,
    from: query.from,
    to: query.to,
    stages,
    weakest,
  };
}

/** The config's segment attributes with the values the site keeps for each (what `attr.<name>` can take). */
export async function attributes(
  store: Store,
  site: string,
  names: readonly string[],
): Promise<AttributesResponse> {
  const kept = await store.attributeValues(site);
  return {
    attributes: names.map((name) => {
      const values = kept.filter((row) => row.name === name).map((row) => row.value);
      return {
        name,
        values:
          values.length >= SEGMENT_ATTRIBUTE_LIMITS.valuesPerAttribute
            ? [...values, OTHER_SEGMENT_VALUE]
            : values,
      };
    }),
  };
}
