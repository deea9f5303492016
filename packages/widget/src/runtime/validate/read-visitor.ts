/**
 * The visitor record the widget persists, validated on read (docs/faults.md case 26: corrupt JSON, `"[]"`,
 * `null`, `__proto__` keys are discarded, never trusted). The history part is core's `VisitorHistory`; the guard
 * is checked against core's `VisitorHistorySchema` in `test/runtime/read-visitor.test.ts`.
 */
import { HISTORY_TIMES_KEPT, LIMITS, type SurveyHistory, type VisitorHistory } from '@touchpoint/core';
import { arr, num, obj, oneOf, type Parser, record, run, str } from './parser';

/** Version of the stored record; a record of another version is dropped and started afresh. */
export const VISITOR_RECORD_VERSION = 1;

export interface VisitorRecord {
  readonly v: typeof VISITOR_RECORD_VERSION;
  /** Anonymous visitor id (a UUID). */
  readonly id: string;
  /** Sessions so far, this one included; more than 1 makes a returning visitor. */
  readonly sessions: number;
  /** Last activity, epoch ms; a gap of more than 30 minutes starts a new session. */
  readonly seen: number;
  readonly history: VisitorHistory;
}

const times = arr(num(0, Number.MAX_SAFE_INTEGER), 0, HISTORY_TIMES_KEPT);
const count = num(0, Number.MAX_SAFE_INTEGER, true);

const surveyHistory: Parser<SurveyHistory> = obj(
  { shown: times, answered: times, dismissed: times, shownCount: count },
  false,
);

// Stricter than core's `z.record(z.string(), …)` in one way: keys must look like survey ids, so `__proto__`,
// `constructor` and friends are refused outright.
const surveyKey = str(1, LIMITS.idLength, /^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'a survey id');

export const visitorHistory: Parser<VisitorHistory> = obj(
  { surveys: record(surveyKey, surveyHistory, 0, LIMITS.surveys * 2), sessionShown: count },
  false,
);

const visitorRecord: Parser<VisitorRecord> = obj({
  v: oneOf([VISITOR_RECORD_VERSION] as const),
  id: str(1, 64),
  sessions: num(1, Number.MAX_SAFE_INTEGER, true),
  seen: num(0, Number.MAX_SAFE_INTEGER),
  history: visitorHistory,
});

/** Parses stored text into a visitor record; `undefined` (with the reason) when it is not one. */
export function readVisitorRecord(text: string): { record?: VisitorRecord; problem?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { problem: 'not JSON' };
  }
  const result = run(visitorRecord, parsed);
  return result.ok ? { record: result.value } : { problem: result.problems.map((p) => p.message).join('; ') };
}
