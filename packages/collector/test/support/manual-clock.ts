/**
 * A clock the test moves by hand: `setTimeout` only records, `advance` runs what falls due. The collector takes
 * it as its `clock` option, so backoff and Retry-After waits are read off `pending()` instead of slept through.
 */
import type { Clock } from '../../src/index';

interface Timer {
  readonly id: number;
  readonly at: number;
  readonly callback: () => void;
}

export interface ManualClock extends Clock {
  /** Due times of the timers not yet run, relative to now, sorted. */
  pending(): number[];
  /** Moves time forward by `ms`, running each timer that falls due (in order), then lets promises settle. */
  advance(ms: number): Promise<void>;
  /** Moves time to the next timer and runs it. */
  next(): Promise<void>;
}

export const settle = async (rounds = 5) => {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
};

export function manualClock(start = Date.parse('2026-11-20T10:00:00Z')): ManualClock {
  let now = start;
  let nextId = 1;
  let timers: Timer[] = [];
  const runDue = async (until: number) => {
    for (;;) {
      const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (due === undefined) break;
      timers = timers.filter((t) => t !== due);
      now = Math.max(now, due.at);
      due.callback();
      await settle();
    }
    now = until;
    await settle();
  };
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const id = nextId++;
      timers.push({ id, at: now + Math.max(0, ms), callback });
      return id;
    },
    clearTimeout(handle) {
      timers = timers.filter((t) => t.id !== handle);
    },
    pending: () => timers.map((t) => t.at - now).sort((a, b) => a - b),
    advance: (ms) => runDue(now + ms),
    async next() {
      const first = timers.map((t) => t.at).sort((a, b) => a - b)[0];
      if (first !== undefined) await runDue(first);
    },
  };
}
