/**
 * "Would it show?": core's display rules (`selectSurvey`, the function the widget decides with) over a page
 * context and a visitor history, with every reason put in words by core's `explainReason` — the sentences the
 * widget's debug mode prints. Nothing here decides on its own.
 */
import {
  type DisplayDecision,
  explainReason,
  fnv1a32,
  recordInHistory,
  selectSurvey,
  type TouchpointConfig,
  type TriggerOccurrence,
  type VisitorHistory,
} from '@touchpoint/core';
import type { SimulateRequest } from './simulate.schema';

/** The visitor id sampling buckets on when the request names none. */
export const SIMULATED_VISITOR = 'simulated-visitor';

export interface SimulatedReason {
  readonly rule: string;
  readonly pass: boolean;
  readonly code: string;
  /** The reason in words, as the widget's debug mode prints it. */
  readonly text: string;
}

export interface SimulatedSurvey {
  readonly surveyId: string;
  readonly touchpoint: string;
  readonly show: boolean;
  readonly delaySeconds: number;
  readonly reasons: readonly SimulatedReason[];
  /** One line: "shown" or "not shown — <the failing reasons>". */
  readonly summary: string;
}

export interface SimulateAnswer {
  /** The moment decided at, ISO 8601. */
  readonly at: string;
  /** The survey the widget would show, if any (one at a time). */
  readonly shows: string | null;
  readonly surveys: readonly SimulatedSurvey[];
}

const timeOf = (time: number | string) => (typeof time === 'number' ? time : Date.parse(time));

/** The history the widget would have stored after these displays, answers and dismissals (core's `recordInHistory`). */
export function historyOf(request: SimulateRequest['history']): VisitorHistory {
  const history: VisitorHistory = { surveys: {}, sessionShown: 0 };
  const entries = [
    ...(request?.displays ?? []).map((e) => ({ ...e, what: 'shown' as const })),
    ...(request?.answers ?? []).map((e) => ({ ...e, what: 'answered' as const })),
    ...(request?.dismissals ?? []).map((e) => ({ ...e, what: 'dismissed' as const })),
  ]
    .map((entry) => ({ ...entry, atMs: timeOf(entry.at) }))
    .sort((a, b) => a.atMs - b.atMs);
  let next = history;
  for (const entry of entries) next = recordInHistory(next, entry.surveyId, entry.what, entry.atMs);
  // The displays given were earlier sessions unless the request says how many were in this one.
  return { ...next, sessionShown: request?.sessionShown ?? 0 };
}

function occurrenceOf(event: SimulateRequest['context']['event']): TriggerOccurrence {
  if (event === undefined) return { type: 'pageView' };
  if (typeof event === 'string') return { type: 'event', name: event };
  return event as TriggerOccurrence;
}

function summaryOf(decision: DisplayDecision): string {
  if (decision.show) {
    return decision.delaySeconds > 0 ? `shown after ${decision.delaySeconds} s` : 'shown';
  }
  const failing = decision.reasons.filter((r) => !r.pass).map((r) => explainReason(r));
  return `not shown — ${failing.join('; ')}`;
}

export function simulate(config: TouchpointConfig, request: SimulateRequest, now: number): SimulateAnswer {
  const at = request.now === undefined ? now : timeOf(request.now);
  const history = historyOf(request.history);
  const hasHistory = Object.keys(history.surveys).length > 0;
  const { context } = request;
  const selection = selectSurvey(config.surveys, {
    context: {
      url: context.url,
      occurrence: occurrenceOf(context.event),
      visitorId: context.visitorId ?? SIMULATED_VISITOR,
      attributes: context.attributes ?? {},
      device: context.device ?? 'desktop',
      locale: context.locale ?? config.defaultLocale ?? 'en',
      returning: context.returning ?? hasHistory,
    },
    history,
    fatigue: config.fatigue,
    now: at,
    hash: fnv1a32,
  });
  const surveys = selection.decisions
    .filter((d) => request.surveyId === undefined || d.surveyId === request.surveyId)
    .map((decision) => ({
      surveyId: decision.surveyId,
      touchpoint: decision.touchpoint,
      show: decision.show,
      delaySeconds: decision.delaySeconds,
      reasons: decision.reasons.map((reason) => ({
        rule: reason.rule,
        pass: reason.pass,
        code: reason.code,
        text: explainReason(reason),
      })),
      summary: summaryOf(decision),
    }));
  return { at: new Date(at).toISOString(), shows: selection.survey?.id ?? null, surveys };
}
