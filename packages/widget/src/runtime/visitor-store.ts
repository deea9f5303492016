/**
 * The visitor as the display rules see them: an anonymous id, new or returning, and their history (core's
 * `VisitorHistory`, updated with core's `recordInHistory`). One record per site key in Web Storage, read once and
 * validated; kept in memory when storage is blocked, when it throws, when the site chose `storage: 'memory'` and
 * while consent is pending in consent mode (then nothing is read or written at all, ePrivacy Art. 5(3)).
 *
 * Sessions: a gap of more than 30 minutes without activity starts a new session (it resets the per-session cap);
 * a visitor with more than one session is returning. Kept in the same record, so it holds across tabs and reloads.
 *
 * Tabs: another tab of the site may write the record at any time, so every change starts from the record as stored
 * now, not as this page first read it (docs/faults.md case 52, "Several tabs"): `touch()` before each decision
 * brings in what the other tab recorded, and no tab's write drops the other's history.
 */
import { HISTORY_TIMES_KEPT, startSession, type VisitorHistory } from '@touchpoint/core';
import type { Logger } from './logger';
import type { SafeStorage } from './safe-storage';
import { readVisitorRecord, VISITOR_RECORD_VERSION, type VisitorRecord } from './validate/read-visitor';

/** Inactivity that ends a session. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/** Activity alone (no history change) is written at most this often. */
const SEEN_WRITE_INTERVAL_MS = 60 * 1000;

/** The storage key of a site's visitor record. */
export { visitorKey } from './visitor-key';

export interface VisitorStore {
  readonly record: VisitorRecord;
  readonly returning: boolean;
  /** Whether the record goes to storage (consent given or not needed, and storage not blocked by option). */
  readonly persisting: boolean;
  /** Activity now: may start a new session; written at most once a minute. */
  touch(): void;
  updateHistory(update: (history: VisitorHistory) => VisitorHistory): void;
  /** Consent given (starts persisting, merged with what is stored) or revoked (clears what was stored). */
  setPersisting(allowed: boolean): void;
  /** Forgets the visitor: a new anonymous id, an empty history, nothing stored. */
  reset(): void;
}

export interface VisitorStoreOptions {
  readonly storage: SafeStorage;
  readonly key: string;
  readonly now: () => number;
  readonly newId: () => string;
  readonly persisting: boolean;
  readonly log: Logger;
}

const fresh = (id: string, now: number): VisitorRecord => ({
  v: VISITOR_RECORD_VERSION,
  id,
  sessions: 1,
  seen: now,
  history: { surveys: {}, sessionShown: 0 },
});

const mergeTimes = (a: readonly number[], b: readonly number[]) =>
  [...a, ...b].sort((x, y) => x - y).slice(-HISTORY_TIMES_KEPT);

/** What happened in memory before consent, added to what was stored on an earlier consented visit. */
function mergeHistory(stored: VisitorHistory, memory: VisitorHistory): VisitorHistory {
  const surveys = { ...stored.surveys };
  for (const [surveyId, mine] of Object.entries(memory.surveys)) {
    const theirs = Object.hasOwn(surveys, surveyId) ? surveys[surveyId] : undefined;
    surveys[surveyId] =
      theirs === undefined
        ? mine
        : {
            shown: mergeTimes(theirs.shown, mine.shown),
            answered: mergeTimes(theirs.answered, mine.answered),
            dismissed: mergeTimes(theirs.dismissed, mine.dismissed),
            shownCount: theirs.shownCount + mine.shownCount,
          };
  }
  return { surveys, sessionShown: stored.sessionShown + memory.sessionShown };
}

export function createVisitorStore(options: VisitorStoreOptions): VisitorStore {
  const { storage, key, now, newId, log } = options;
  let persisting = options.persisting;
  let written = 0;

  const load = (): VisitorRecord | undefined => {
    const text = storage.read(key);
    if (text === undefined) return undefined;
    const { record, problem } = readVisitorRecord(text);
    if (record === undefined) {
      log.warn(`discarded a stored visitor record that is not valid (${problem}); starting afresh.`);
      storage.remove(key);
    }
    return record;
  };

  const save = () => {
    if (!persisting) return;
    let text: string;
    try {
      text = JSON.stringify(record);
    } catch (error) {
      log.warn('could not serialise the visitor record; keeping it in memory.', error);
      return;
    }
    if (storage.write(key, text)) written = record.seen;
  };

  /** Starts a new session when the visitor was idle too long. */
  const advance = (base: VisitorRecord, at: number): VisitorRecord =>
    at - base.seen > SESSION_IDLE_MS
      ? { ...base, sessions: base.sessions + 1, seen: at, history: startSession(base.history) }
      : { ...base, seen: Math.max(base.seen, at) };

  /** The record as stored now (another tab may have changed it), or ours when nothing usable is stored. */
  const latest = () => (persisting && load()) || record;

  const start = now();
  const stored = persisting ? load() : undefined;
  let record = stored === undefined ? fresh(newId(), start) : advance(stored, start);
  save();

  return {
    get record() {
      return record;
    },
    get returning() {
      return record.sessions > 1;
    },
    get persisting() {
      return persisting;
    },
    touch() {
      const before = record.sessions;
      record = advance(latest(), now());
      if (record.sessions !== before || record.seen - written >= SEEN_WRITE_INTERVAL_MS) save();
    },
    updateHistory(update) {
      const current = advance(latest(), now());
      record = { ...current, history: update(current.history) };
      save();
    },
    setPersisting(allowed) {
      if (allowed === persisting) return;
      persisting = allowed;
      if (allowed) {
        const previous = load();
        if (previous !== undefined) {
          const merged = advance(previous, now());
          record = { ...merged, history: mergeHistory(merged.history, record.history) };
        }
        save();
      } else {
        storage.remove(key);
      }
    },
    reset() {
      storage.remove(key);
      record = fresh(newId(), now());
      save();
    },
  };
}
