/**
 * The visitor record the widget persists, validated on read (docs/faults.md case 26: corrupt JSON, `"[]"`,
 * `null`, `__proto__` keys are discarded, never trusted). The history part is core's `VisitorHistory`; the guard
 * is checked against core's `VisitorHistorySchema` in `test/runtime/read-visitor.test.ts`. Hand-written checks
 * (no parser kit): the survey chunk carries no schema of its own (decisions/0004).
 */
import { HISTORY_TIMES_KEPT, LIMITS, type VisitorHistory } from '@touchpoint/core';

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

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isTime = (value: unknown, integer = false): value is number =>
  typeof value === 'number' &&
  value >= 0 &&
  value <= Number.MAX_SAFE_INTEGER &&
  (!integer || value % 1 === 0);
const isTimes = (value: unknown) =>
  Array.isArray(value) && value.length <= HISTORY_TIMES_KEPT && value.every((t) => isTime(t));
// Stricter than core's `z.record(z.string(), …)` in one way: keys must look like survey ids, so `__proto__`,
// `constructor` and friends are refused outright.
const SURVEY_KEY = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/** Whether `value` is a visitor history core's rules can read. */
export function isVisitorHistory(value: unknown): value is VisitorHistory {
  if (!isObject(value) || !isObject(value.surveys) || !isTime(value.sessionShown, true)) return false;
  const keys = Object.keys(value.surveys);
  return (
    keys.length <= LIMITS.surveys * 2 &&
    keys.every((key) => {
      const entry = (value.surveys as Record<string, unknown>)[key];
      return (
        key.length <= LIMITS.idLength &&
        SURVEY_KEY.test(key) &&
        isObject(entry) &&
        isTimes(entry.shown) &&
        isTimes(entry.answered) &&
        isTimes(entry.dismissed) &&
        isTime(entry.shownCount, true)
      );
    })
  );
}

/** Parses stored text into a visitor record; `undefined` (with the reason) when it is not one. */
export function readVisitorRecord(text: string): { record?: VisitorRecord; problem?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { problem: 'not JSON' };
  }
  if (!isObject(parsed)) return { problem: 'not an object' };
  const { v, id, sessions, seen, history } = parsed;
  if (v !== VISITOR_RECORD_VERSION) return { problem: `version ${String(v)}` };
  if (typeof id !== 'string' || id.length < 1 || id.length > 64) return { problem: 'no visitor id' };
  if (!isTime(sessions, true) || sessions < 1 || !isTime(seen)) return { problem: 'bad sessions or time' };
  if (!isVisitorHistory(history)) return { problem: 'bad history' };
  // Exactly the record's fields, nothing else a stored object may carry.
  return { record: { v, id, sessions, seen, history } };
}
