/**
 * Per-touchpoint results from a stream of wire events, the way the server and `touchpoint report` compute them.
 *
 * Counting rules (docs/design.md): only answered values count (shown, dismissed and skipped never do); an event id seen
 * twice counts once; `answered` then `completed` for one response counts the answer once. When the two carry
 * different values for one question, the `completed` one wins, then the later `at`, then the larger event id, so
 * the result never depends on the order the events arrive in.
 */
import type { CesPoints, Metric } from '../questions/metric';
import type { WireEvent } from '../wire/event.schema';
import { type ScoreSummary, summarizeTally } from './summarize-tally';
import { createTally, type Tally } from './tally';

export interface DisplayCounts {
  /** Responses (distinct `responseId`s) that were shown. */
  readonly shown: number;
  /** Responses that were completed. */
  readonly completed: number;
  /** Responses that were dismissed. */
  readonly dismissed: number;
  /** completed / shown; null when nothing was shown. */
  readonly responseRate: number | null;
  /** dismissed / shown; null when nothing was shown. */
  readonly dismissRate: number | null;
}

export type TouchpointSummary = { readonly touchpoint: string } & ScoreSummary & DisplayCounts;

interface Candidate extends AnswerContender {
  readonly touchpoint: string;
  readonly metric: Metric;
  readonly points: CesPoints;
  readonly value: number;
}

/** What decides between two values for one response × question. */
export interface AnswerContender {
  /** From a `completed` event (rather than a partial `answered`). */
  readonly completed: boolean;
  /** The event's `at`, epoch milliseconds. */
  readonly atMs: number;
  readonly eventId: string;
}

/**
 * Whether `a` wins over `b` for the same response × question: the `completed` value, then the later `at`, then the
 * larger event id. A total order, so the winner never depends on arrival order (the server's rollups use it too).
 */
export function answerBeats(a: AnswerContender, b: AnswerContender): boolean {
  if (a.completed !== b.completed) return a.completed;
  if (a.atMs !== b.atMs) return a.atMs > b.atMs;
  return a.eventId > b.eventId;
}

/** Order of per-touchpoint rows: by touchpoint, then metric, then CES points. */
export function compareSummaryRows(a: TouchpointSummary, b: TouchpointSummary): number {
  if (a.touchpoint !== b.touchpoint) return a.touchpoint < b.touchpoint ? -1 : 1;
  return a.metric.localeCompare(b.metric) || a.scale.max - b.scale.max;
}

/** One row: the tally's score summary beside the display counts and the rates they give. */
export function touchpointRow(
  touchpoint: string,
  tally: Tally,
  counts: { readonly shown: number; readonly completed: number; readonly dismissed: number },
): TouchpointSummary {
  const { shown, completed, dismissed } = counts;
  return {
    touchpoint,
    ...summarizeTally(tally),
    shown,
    completed,
    dismissed,
    responseRate: shown === 0 ? null : completed / shown,
    dismissRate: shown === 0 ? null : dismissed / shown,
  };
}

export interface SummarizeOptions {
  /**
   * The metric of each survey, for attributing shown / dismissed counts of surveys nobody answered yet
   * (from the config). Surveys it does not know are attributed by the metric of their answers.
   */
  readonly metricOf?: (surveyId: string) => { metric: Metric; points?: CesPoints } | undefined;
}

const groupKey = (touchpoint: string, metric: Metric, points: CesPoints) =>
  `${touchpoint}\u0000${metric}\u0000${metric === 'ces' ? points : ''}`;

/** Per-touchpoint, per-metric summaries, sorted by touchpoint then metric. */
export function summarizeEvents(
  events: Iterable<WireEvent>,
  options: SummarizeOptions = {},
): TouchpointSummary[] {
  const unique = new Map<string, WireEvent>();
  for (const event of events) if (!unique.has(event.id)) unique.set(event.id, event);

  const best = new Map<string, Candidate>();
  const learned = new Map<string, { metric: Metric; points: CesPoints }>();
  for (const event of unique.values()) {
    if (event.type !== 'answered' && event.type !== 'completed') continue;
    for (const answer of event.answers) {
      if (answer.type === 'text') continue;
      const points: CesPoints = answer.type === 'ces' ? (answer.points ?? 7) : 7;
      const candidate: Candidate = {
        touchpoint: event.touchpoint,
        metric: answer.type,
        points,
        value: answer.value,
        completed: event.type === 'completed',
        atMs: Date.parse(event.at),
        eventId: event.id,
      };
      learned.set(event.surveyId, { metric: answer.type, points });
      const key = `${event.responseId}\u0000${answer.questionId}`;
      const current = best.get(key);
      if (current === undefined || answerBeats(candidate, current)) best.set(key, candidate);
    }
  }

  interface Group {
    touchpoint: string;
    tally: Tally;
    shown: Set<string>;
    completed: Set<string>;
    dismissed: Set<string>;
  }
  const groups = new Map<string, Group>();
  const groupFor = (touchpoint: string, metric: Metric, points: CesPoints): Group => {
    const key = groupKey(touchpoint, metric, points);
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        touchpoint,
        tally: createTally(metric, points),
        shown: new Set(),
        completed: new Set(),
        dismissed: new Set(),
      };
      groups.set(key, group);
    }
    return group;
  };

  for (const candidate of best.values()) {
    const group = groupFor(candidate.touchpoint, candidate.metric, candidate.points);
    (group.tally.counts as number[])[candidate.value - group.tally.scale.min]! += 1;
  }

  for (const event of unique.values()) {
    if (event.type === 'answered') continue;
    const kind = options.metricOf?.(event.surveyId) ?? learned.get(event.surveyId);
    if (kind === undefined) continue;
    const group = groupFor(event.touchpoint, kind.metric, kind.points ?? 7);
    group[event.type].add(event.responseId);
  }

  const rows = [...groups.values()].map((group) =>
    touchpointRow(group.touchpoint, group.tally, {
      shown: group.shown.size,
      completed: group.completed.size,
      dismissed: group.dismissed.size,
    }),
  );
  return rows.sort(compareSummaryRows);
}
