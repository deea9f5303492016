/**
 * A stand-in for the results API, for tests only: it answers every `/v1/results/*` endpoint of core's contract
 * by running core's own computations (summarizeEvents, compareTallies, bandOf) over wire events, such as core's
 * sample events. The numbers the dashboard shows in tests are therefore core's numbers, never hand-typed ones.
 *
 * It is the same handler for the component tests (as the `fetch` passed to the app) and for the real-Chromium
 * test (behind a loopback server).
 */
import {
  type AttributesResponse,
  addToTally,
  bandOf,
  type CesPoints,
  type CompareResponse,
  compareTallies,
  createTally,
  type ErrorBody,
  type JourneyResponse,
  type Metric,
  type OverviewResponse,
  type OverviewRow,
  type ScoreSummary,
  type SegmentsResponse,
  summarizeEvents,
  summarizeTally,
  type Tally,
  type TouchpointSummary,
  type TrendPoint,
  type TrendResponse,
  type Verbatim,
  type VerbatimsResponse,
  type WireEvent,
} from '@touchpoint/core';
import { generateSampleEvents, seededRandom } from '@touchpoint/core/sample';

const DAY_MS = 86_400_000;

/** Monday 6 January 2025, 00:00 UTC: the first day of the sample data. */
export const SAMPLE_START = Date.UTC(2025, 0, 6);
export const SAMPLE_WEEKS = 8;
/** The last day with sample data (Sunday 2 March 2025): "today" in the tests. */
export const SAMPLE_TODAY = new Date(SAMPLE_START + SAMPLE_WEEKS * 7 * DAY_MS - 12 * 3_600_000);
export const RESULTS_KEY = 'sk_test_3f9a1c0d7e';

/** Eight weeks of core's deterministic demo data over its four touchpoints, from `start` (epoch ms). */
export function sampleEvents(start: number = SAMPLE_START): WireEvent[] {
  return generateSampleEvents({ random: seededRandom(20250106), start, weeks: SAMPLE_WEEKS });
}

export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface RecordedCall {
  readonly url: string;
  readonly path: string;
  readonly params: URLSearchParams;
  readonly authorization: string | null;
}

interface Segment {
  readonly device?: string;
  readonly locale?: string;
  readonly path?: string;
  readonly channel?: string;
}

const dayOfIso = (iso: string) => iso.slice(0, 10);
const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const dayCount = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
const isDay = (value: string | null): value is string => value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** Monday of the ISO week a day is in. */
function mondayOf(day: string): string {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

function inRange(events: readonly WireEvent[], from: string, to: string, segment: Segment = {}): WireEvent[] {
  return events.filter((event) => {
    const day = dayOfIso(event.at);
    if (day < from || day > to) return false;
    if (segment.device !== undefined && event.context.device !== segment.device) return false;
    if (segment.path !== undefined && event.context.path !== segment.path) return false;
    if (segment.channel !== undefined && (event.context.channel ?? 'web') !== segment.channel) return false;
    if (segment.locale !== undefined) {
      const locale = event.context.locale?.toLowerCase() ?? '';
      const wanted = segment.locale.toLowerCase();
      if (locale !== wanted && !locale.startsWith(`${wanted}-`)) return false;
    }
    return true;
  });
}

const sameKind = (row: ScoreSummary, metric: Metric, points: CesPoints) =>
  row.metric === metric && (metric !== 'ces' || row.scale.max === points);

function tallyOfSummary(summary: ScoreSummary): Tally {
  let tally = createTally(summary.metric, summary.scale.max === 5 && summary.metric === 'ces' ? 5 : 7);
  for (const { value, count } of summary.distribution) if (count > 0) tally = addToTally(tally, value, count);
  return tally;
}

function summaryOf(events: readonly WireEvent[], touchpoint: string, metric: Metric, points: CesPoints) {
  return summarizeEvents(events).find(
    (row) => row.touchpoint === touchpoint && sameKind(row, metric, points),
  );
}

function emptySummary(metric: Metric, points: CesPoints): ScoreSummary {
  return summarizeTally(createTally(metric, points));
}

function trendPoints(
  events: readonly WireEvent[],
  touchpoint: string,
  metric: Metric,
  points: CesPoints,
  from: string,
  to: string,
  interval: 'day' | 'week',
): TrendPoint[] {
  const out: TrendPoint[] = [];
  let start = interval === 'week' ? mondayOf(from) : from;
  while (start <= to) {
    const end = interval === 'week' ? addDays(start, 6) : start;
    const summary =
      summaryOf(
        inRange(events, start < from ? from : start, end > to ? to : end),
        touchpoint,
        metric,
        points,
      ) ?? emptySummary(metric, points);
    out.push({ start, n: summary.n, score: summary.score, ci: summary.ci, smallSample: summary.smallSample });
    start = addDays(end, 1);
  }
  return out;
}

const pointsOf = (row: ScoreSummary): CesPoints => (row.metric === 'ces' && row.scale.max === 5 ? 5 : 7);

function overview(
  events: readonly WireEvent[],
  from: string,
  to: string,
  segment: Segment,
): OverviewResponse {
  const current = inRange(events, from, to, segment);
  const days = dayCount(from, to);
  const previous = inRange(events, addDays(from, -days), addDays(from, -1), segment);
  const previousRows = summarizeEvents(previous);
  const rows: OverviewRow[] = summarizeEvents(current).map((row: TouchpointSummary) => {
    const points = pointsOf(row);
    const before = previousRows.find(
      (p) => p.touchpoint === row.touchpoint && sameKind(p, row.metric, points),
    );
    return {
      ...row,
      trend: trendPoints(current, row.touchpoint, row.metric, points, from, to, 'week'),
      change:
        before === undefined || row.n === 0
          ? null
          : compareTallies(tallyOfSummary(row), tallyOfSummary(before)),
    };
  });
  return { from, to, rows };
}

/** The CES length of a verbatim's score, from the events it came from. */
const verbatimPoints = new WeakMap<Verbatim, CesPoints>();
const pointsOfVerbatim = (verbatim: Verbatim): CesPoints => verbatimPoints.get(verbatim) ?? 7;

function verbatimsOf(events: readonly WireEvent[]): Verbatim[] {
  const out: Verbatim[] = [];
  for (const event of events) {
    if (event.type !== 'completed') continue;
    let score: Exclude<(typeof event.answers)[number], { type: 'text' }> | undefined;
    let text: string | undefined;
    for (const answer of event.answers) {
      if (answer.type === 'text') text ??= answer.value;
      else score ??= answer;
    }
    if (score === undefined || text === undefined) continue;
    const points: CesPoints = score.type === 'ces' ? (score.points ?? 7) : 7;
    const verbatim: Verbatim = {
      responseId: event.responseId,
      at: event.at,
      touchpoint: event.touchpoint,
      surveyId: event.surveyId,
      metric: score.type,
      score: score.value,
      band: bandOf(score.type, score.value, points),
      text,
      ...(event.context.locale === undefined ? {} : { locale: event.context.locale }),
      ...(event.context.device === undefined ? {} : { device: event.context.device }),
      channel: event.context.channel ?? 'web',
      path: event.context.path,
    };
    verbatimPoints.set(verbatim, points);
    out.push(verbatim);
  }
  return out.sort((a, b) => (a.at === b.at ? (a.responseId < b.responseId ? 1 : -1) : a.at < b.at ? 1 : -1));
}

const csvCell = (value: string | number | null | undefined) => {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

const json = (status: number, body: unknown): Answer => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: JSON.stringify(body),
});

const refuse = (status: number, code: string, message: string): Answer =>
  json(status, { ok: false, error: { code, message } } satisfies ErrorBody);

export interface FakeResultsApiOptions {
  readonly events: readonly WireEvent[];
  /** The secret results key it accepts. @default RESULTS_KEY */
  readonly key?: string;
  /** The config's journeys (`GET /v1/results/journey`). @default none */
  readonly journeys?: readonly JourneyConfig[];
  /** The segment attributes and their kept values (`GET /v1/results/attributes`). @default none */
  readonly attributes?: AttributesResponse['attributes'];
}

/** A journey as the config declares it. */
export interface JourneyConfig {
  readonly id: string;
  readonly name: string;
  readonly stages: readonly { readonly name: string; readonly touchpoints: readonly string[] }[];
}

/** The journey answer over the fake overview: stages in order, the clearly lowest touchpoint per measure. */
function journeyOf(
  config: JourneyConfig,
  journeys: readonly JourneyConfig[],
  data: OverviewResponse,
): JourneyResponse {
  const stages = config.stages.map((stage) => ({
    name: stage.name,
    touchpoints: data.rows.filter((row) => stage.touchpoints.includes(row.touchpoint)),
  }));
  const groups = new Map<string, { row: OverviewRow; stage: number }[]>();
  stages.forEach((stage, index) => {
    for (const row of stage.touchpoints) {
      if (row.score === null) continue;
      const key = `${row.metric}/${row.scale.max}`;
      groups.set(key, [...(groups.get(key) ?? []), { row, stage: index }]);
    }
  });
  const weakest: JourneyResponse['weakest'][number][] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const worst = group.reduce((a, b) => (b.row.score! < a.row.score! ? b : a));
    if (
      group.every(
        (o) =>
          o === worst || (o.row.ci !== null && worst.row.ci !== null && worst.row.ci.high < o.row.ci.low),
      )
    ) {
      const points = worst.row.metric === 'ces' ? (worst.row.scale.max === 5 ? 5 : 7) : 0;
      weakest.push({
        metric: worst.row.metric,
        points,
        stage: worst.stage,
        touchpoint: worst.row.touchpoint,
      });
    }
  }
  return {
    journey: { id: config.id, name: config.name },
    journeys: journeys.map((j) => ({ id: j.id, name: j.name })),
    from: data.from,
    to: data.to,
    stages,
    weakest,
  };
}

export interface FakeResultsApi {
  /** Every request it answered (or refused), in order. */
  readonly calls: RecordedCall[];
  /** Answers one request: `url` is the path and query, e.g. `/v1/results/overview?from=…`. */
  answer(url: string, authorization: string | null): Answer;
  /** A `fetch` for the app under test. */
  readonly fetch: (url: string, init?: RequestInit) => Promise<Response>;
  /** Makes every later request answer 401, as when the key was revoked. */
  revokeKey(): void;
}

export function createFakeResultsApi(options: FakeResultsApiOptions): FakeResultsApi {
  const events = options.events;
  let key: string | null = options.key ?? RESULTS_KEY;
  const calls: RecordedCall[] = [];

  function answer(url: string, authorization: string | null): Answer {
    const parsed = new URL(url, 'http://results.test');
    const path = parsed.pathname;
    const q = parsed.searchParams;
    calls.push({ url, path, params: q, authorization });
    if (!path.startsWith('/v1/results/')) return refuse(404, 'not_found', `no route ${path}`);
    if (key === null || authorization !== `Bearer ${key}`) {
      return refuse(401, 'unauthorized', 'a valid secret results key is required');
    }
    const endpoint = path.slice('/v1/results/'.length);
    const segment: Segment = {
      ...(q.get('device') ? { device: q.get('device')! } : {}),
      ...(q.get('locale') ? { locale: q.get('locale')! } : {}),
      ...(q.get('path') ? { path: q.get('path')! } : {}),
      ...(q.get('channel') ? { channel: q.get('channel')! } : {}),
    };
    const metric = q.get('metric') as Metric | null;
    const points: CesPoints = q.get('points') === '5' ? 5 : 7;

    if (endpoint === 'compare') {
      const sides = (['a', 'b'] as const).map((side) => ({
        touchpoint: q.get(`${side}.touchpoint`),
        from: q.get(`${side}.from`),
        to: q.get(`${side}.to`),
      }));
      if (metric === null || sides.some((s) => s.touchpoint === null || !isDay(s.from) || !isDay(s.to))) {
        return refuse(
          400,
          'bad_request',
          'compare needs metric, a.touchpoint, a.from, a.to, b.touchpoint, b.from, b.to',
        );
      }
      const [a, b] = sides.map((s) => {
        const summary =
          summaryOf(inRange(events, s.from!, s.to!, segment), s.touchpoint!, metric, points) ??
          emptySummary(metric, points);
        return { summary, side: { ...summary, touchpoint: s.touchpoint!, from: s.from!, to: s.to! } };
      });
      const comparison = compareTallies(tallyOfSummary(a!.summary), tallyOfSummary(b!.summary));
      return json(200, { a: a!.side, b: b!.side, comparison } satisfies CompareResponse);
    }

    if (endpoint === 'attributes') {
      return json(200, { attributes: options.attributes ?? [] } satisfies AttributesResponse);
    }

    const from = q.get('from');
    const to = q.get('to');
    if (!isDay(from) || !isDay(to) || from > to) {
      return refuse(400, 'bad_request', 'from and to must be days (YYYY-MM-DD), from on or before to');
    }

    switch (endpoint) {
      case 'overview':
        return json(200, overview(events, from, to, segment));
      case 'journey': {
        const journeys = options.journeys ?? [];
        const wanted = q.get('journey');
        const config = wanted === null ? journeys[0] : journeys.find((j) => j.id === wanted);
        if (wanted !== null && config === undefined)
          return refuse(400, 'invalid_parameters', 'no such journey');
        if (config === undefined) {
          return json(200, {
            journey: null,
            journeys: [],
            from,
            to,
            stages: [],
            weakest: [],
          } satisfies JourneyResponse);
        }
        return json(200, journeyOf(config, journeys, overview(events, from, to, segment)));
      }
      case 'trend': {
        const touchpoint = q.get('touchpoint');
        const interval = q.get('interval') === 'day' ? 'day' : 'week';
        if (touchpoint === null || metric === null)
          return refuse(400, 'bad_request', 'trend needs touchpoint and metric');
        const current = inRange(events, from, to, segment);
        const scale = emptySummary(metric, points).scale;
        return json(200, {
          touchpoint,
          metric,
          scale,
          interval,
          points: trendPoints(current, touchpoint, metric, points, from, to, interval),
        } satisfies TrendResponse);
      }
      case 'verbatims': {
        const limit = Math.min(100, Number(q.get('limit') ?? 20));
        const offset = Number(q.get('cursor') ?? 0);
        const all = verbatimsOf(inRange(events, from, to, segment)).filter(
          (v) =>
            (q.get('touchpoint') === null || v.touchpoint === q.get('touchpoint')) &&
            (metric === null ||
              (v.metric === metric && (metric !== 'ces' || pointsOfVerbatim(v) === points))) &&
            (q.get('band') === null || v.band === q.get('band')),
        );
        const items = all.slice(offset, offset + limit);
        const next = offset + limit < all.length ? String(offset + limit) : null;
        return json(200, { items, nextCursor: next } satisfies VerbatimsResponse);
      }
      case 'segments': {
        const touchpoint = q.get('touchpoint');
        const by = q.get('by');
        if (
          touchpoint === null ||
          metric === null ||
          (by !== 'device' &&
            by !== 'locale' &&
            by !== 'path' &&
            by !== 'channel' &&
            !by?.startsWith('attr.'))
        ) {
          return refuse(
            400,
            'bad_request',
            'segments needs touchpoint, metric and by=device|locale|path|channel',
          );
        }
        const current = inRange(events, from, to, segment);
        const segmentOf = (e: WireEvent) =>
          by.startsWith('attr.')
            ? String(e.visitor.attributes?.[by.slice('attr.'.length)] ?? 'unknown')
            : by === 'channel'
              ? (e.context.channel ?? 'web')
              : (e.context[by as 'device' | 'locale' | 'path'] ?? 'unknown');
        const values = [...new Set(current.map(segmentOf))].sort();
        const rows = values.flatMap((value) => {
          const summary = summarizeEvents(current.filter((e) => segmentOf(e) === value)).find(
            (row) => row.touchpoint === touchpoint && sameKind(row, metric, points),
          );
          if (summary === undefined) return [];
          const { touchpoint: _, ...rest } = summary;
          return [{ ...rest, segment: value }];
        });
        return json(200, { by: by as SegmentsResponse['by'], rows } satisfies SegmentsResponse);
      }
      case 'export.csv': {
        const kind = q.get('kind');
        const current = inRange(events, from, to, segment);
        let lines: string[][];
        if (kind === 'summary') {
          lines = [
            ['touchpoint', 'metric', 'n', 'score', 'ci_low', 'ci_high'],
            ...summarizeEvents(current).map((r) => [
              r.touchpoint,
              r.metric,
              String(r.n),
              String(r.score ?? ''),
              String(r.ci?.low ?? ''),
              String(r.ci?.high ?? ''),
            ]),
          ];
        } else if (kind === 'responses') {
          lines = [
            ['at', 'touchpoint', 'metric', 'score', 'band', 'text'],
            ...verbatimsOf(current).map((v) => [
              v.at,
              v.touchpoint,
              v.metric,
              String(v.score),
              v.band,
              v.text,
            ]),
          ];
        } else return refuse(400, 'bad_request', 'kind must be responses or summary');
        return {
          status: 200,
          headers: { 'content-type': 'text/csv; charset=utf-8' },
          body: `${lines.map((line) => line.map(csvCell).join(',')).join('\r\n')}\r\n`,
        };
      }
      default:
        return refuse(404, 'not_found', `no results endpoint ${endpoint}`);
    }
  }

  return {
    calls,
    answer,
    revokeKey: () => {
      key = null;
    },
    fetch: async (url, init) => {
      const headers = new Headers(init?.headers);
      const { status, headers: responseHeaders, body } = answer(url, headers.get('authorization'));
      return new Response(body, { status, headers: responseHeaders });
    },
  };
}

/** The overview the fake API answers for a range, for tests that check the page against core's numbers. */
export function expectedOverview(events: readonly WireEvent[], from: string, to: string): OverviewResponse {
  return overview(events, from, to, {});
}
