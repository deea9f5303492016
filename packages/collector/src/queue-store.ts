/**
 * The persistent copy of one destination's queue, safe with several tabs open.
 *
 * Each tab writes only its own key, `touchpoint:q:<destination>:<tab>`, so tabs never overwrite each other. A
 * page that loads takes over the entries of tabs that are gone: released on `pagehide`, or not written for
 * `STALE_QUEUE_MS` (a crash). Taking over leaves a tombstone naming the new owner, so a tab that was only
 * asleep (bfcache, a frozen phone tab) sees it lost its entry and does not send those events a second time.
 * Whatever is read back is checked (`isEvent`: `isWireEvent` in full, or the script tag's structural check); what
 * fails is dropped with a warning, never trusted.
 */
import type { WireEvent } from '@touchpoint/core';
import { CollectorError } from './errors';
import type { StorageLike } from './options';
import { isRecord, ownValue } from './own-fields';
import { toJson, utf8Length } from './to-json';

/** An entry not written for this long belongs to a tab that is gone (crashed, killed without `pagehide`). */
export const STALE_QUEUE_MS = 10 * 60 * 1000;

/** Version of the stored format; an entry of another version is dropped with a warning. */
const FORMAT = 1;

/** One queued event and its delivery state. */
export interface Queued {
  readonly event: WireEvent;
  /** The event as JSON, and its size in UTF-8 bytes. */
  readonly json: string;
  readonly bytes: number;
  /** When the collector first got it (for `retry.maxAgeMs`). */
  readonly queuedAt: number;
  /** Requests that carried it: the `attempt` number of the next one. */
  tries: number;
  /** Attempts used up (see `RetryPolicy.maxAttempts`). */
  attempts: number;
  /** Id of the request carrying it now, 0 when none. */
  sending: number;
  /** Handed to the browser at page unload (keepalive fetch or beacon). */
  away?: boolean;
  /** Sent by beacon: no answer will ever come. */
  beacon?: boolean;
  /** In this tab's storage entry. */
  stored?: boolean;
}

export function queued(event: WireEvent, queuedAt: number, tries = 0, attempts = 0): Queued {
  const json = toJson(event);
  return { event, json, bytes: utf8Length(json), queuedAt, tries, attempts, sending: 0 };
}

export interface QueueStore {
  /** Writes the queue, newest first if the quota cannot take it all; marks what is stored. */
  write(queue: readonly Queued[], open: boolean): void;
  /** Takes over the entries of tabs that are gone and returns their events. */
  claim(): Queued[];
  /** Whether another tab took over this tab's entry. */
  taken(): boolean;
  /** Removes every entry of this destination, every tab's (consent revoked). */
  clear(): void;
}

export function createQueueStore(
  prefix: string,
  tab: string,
  storage: () => StorageLike | null,
  now: () => number,
  report: (error: CollectorError) => void,
  /** Whether a value read back from storage is an event to send again. */
  isEvent: (value: unknown) => value is WireEvent,
): QueueStore {
  const key = prefix + tab;
  /** What this tab wrote last, to notice a takeover with one string comparison. */
  let written: string | null = null;
  let failing = false;

  const fail = (message: string, error?: unknown) => {
    if (!failing)
      report(
        new CollectorError('StorageError', `${message}${error === undefined ? '' : ` (${String(error)})`}`),
      );
    failing = true;
  };
  const keys = (area: StorageLike) => {
    const found: string[] = [];
    for (let i = 0; i < area.length; i++) {
      const k = area.key(i);
      if (k?.startsWith(prefix)) found.push(k);
    }
    return found;
  };
  const parse = (text: string | null): Record<string, unknown> | undefined => {
    try {
      const value: unknown = text === null ? undefined : JSON.parse(text);
      return isRecord(value) ? value : undefined;
    } catch {
      return undefined;
    }
  };

  return {
    write(queue, open) {
      const area = storage();
      if (area === null) return;
      // The quota may not hold it all (Safari private mode: none at all). Keep our newest events; never touch keys
      // that are not ours.
      for (let keep = queue.length; ; keep = keep > 1 ? Math.floor(keep / 2) : 0) {
        const records = queue.slice(queue.length - keep);
        const text =
          keep === 0
            ? null
            : `{"v":${FORMAT},"open":${open},"at":${now()},"events":[${records
                .map((r) => `{"e":${r.json},"t":${r.queuedAt},"n":${r.tries},"a":${r.attempts}}`)
                .join()}]}`;
        try {
          if (text === null) area.removeItem(key);
          else area.setItem(key, text);
          written = text;
          queue.forEach((r, i) => {
            r.stored = i >= queue.length - keep;
          });
          if (keep === queue.length) failing = false;
          else fail(`storage full: ${queue.length - keep} events in memory only`);
          return;
        } catch (error) {
          if (keep === 0) {
            for (const r of queue) r.stored = false;
            return fail('storage not writable: memory only', error);
          }
        }
      }
    },

    claim() {
      const area = storage();
      if (area === null) return [];
      const found: Queued[] = [];
      try {
        for (const k of keys(area)) {
          if (k === key) continue;
          const entry = parse(area.getItem(k)) ?? {};
          const [version, open, at, by, events] = ['v', 'open', 'at', 'by', 'events'].map((f) =>
            ownValue(entry, f),
          );
          const age = now() - (typeof at === 'number' ? at : 0);
          if (typeof by === 'string') {
            if (age > STALE_QUEUE_MS) area.removeItem(k);
            continue;
          }
          if (open === true && age <= STALE_QUEUE_MS) continue; // a live tab's queue
          if (version !== FORMAT || !Array.isArray(events)) {
            area.removeItem(k);
            report(new CollectorError('StorageError', `unreadable stored queue ${k} discarded`));
            continue;
          }
          let bad = 0;
          for (const record of events) {
            const r = isRecord(record) ? record : {};
            const [e, t, n, a] = ['e', 't', 'n', 'a'].map((field) => ownValue(r, field));
            if (isEvent(e) && Number.isFinite(t) && Number.isSafeInteger(n) && Number.isSafeInteger(a)) {
              found.push(queued(e, t as number, n as number, a as number));
            } else bad++;
          }
          if (bad > 0)
            report(new CollectorError('StorageError', `${bad} unreadable stored events discarded`));
          area.setItem(k, `{"v":${FORMAT},"by":${toJson(tab)},"at":${now()}}`);
        }
      } catch (error) {
        fail('storage not readable', error);
      }
      return found;
    },

    taken() {
      const area = storage();
      if (area === null || written === null) return false;
      try {
        const current = area.getItem(key);
        if (current === written) return false;
        const entry = parse(current);
        const taken = entry !== undefined && typeof ownValue(entry, 'by') === 'string';
        if (taken) written = null;
        return taken;
      } catch {
        return false;
      }
    },

    clear() {
      const area = storage();
      written = null;
      if (area === null) return;
      try {
        for (const k of keys(area)) area.removeItem(k);
      } catch (error) {
        fail('storage not clearable', error);
      }
    },
  };
}
