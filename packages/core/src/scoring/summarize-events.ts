/**
 * Per-touchpoint results from a stream of wire events, the way the server and `touchpoint report` compute them.
 *
 * Counting rules (DESIGN.md): only answered values count (shown, dismissed and skipped never do); an event id seen
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

interface Candidate {
  readonly touchpoint: string;
  readonly metric: Metric;
  readonly points: CesPoints;
  readonly value: number;
  readonly completed: boolean;
  readonly at: string;
  readonly id: string;
}

function beats(a: Candidate, b: Candidate): boolean {
  if (a.completed !== b.completed) return a.completed;
  const ta = Date.parse(a.at);
  const tb = Date.parse(b.at);
  if (ta !== tb) return ta > tb;
  return a.id > b.id;
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
        at: event.at,
        id: event.id,
      };
      learned.set(event.surveyId, { metric: answer.type, points });
      const key = `${event.responseId}\u0000${answer.questionId}`;
      const current = best.get(key);
      if (current === undefined || beats(candidate, current)) best.set(key, candidate);
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

  const rows: TouchpointSummary[] = [];
  for (const group of groups.values()) {
    const shown = group.shown.size;
    rows.push({
      touchpoint: group.touchpoint,
      ...summarizeTally(group.tally),
      shown,
      completed: group.completed.size,
      dismissed: group.dismissed.size,
      responseRate: shown === 0 ? null : group.completed.size / shown,
      dismissRate: shown === 0 ? null : group.dismissed.size / shown,
    });
  }
  return rows.sort((a, b) =>
    a.touchpoint === b.touchpoint
      ? a.metric.localeCompare(b.metric) || a.scale.max - b.scale.max
      : a.touchpoint < b.touchpoint
        ? -1
        : 1,
  );
}
