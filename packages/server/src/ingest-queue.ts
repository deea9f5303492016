/**
 * The write queue between the ingest route and the store. Requests that arrive while a transaction runs are
 * written together in the next one (group commit), so a durable `fsync` per transaction serves many requests.
 * The queue is bounded: above `maxPendingEvents` a request is refused at once (503 + Retry-After) instead of
 * being acknowledged and kept in memory (fault case 68).
 */
import type { IngestBatch, IngestResult, Store } from './store/store';

/** The queue is full: the request is refused before anything is written. */
export class QueueFullError extends Error {
  override name = 'QueueFullError' as const;
}

export interface IngestQueue {
  /** Resolves once the batch is durably written; rejects with `QueueFullError` or the store's error. */
  submit(batch: IngestBatch): Promise<IngestResult>;
  /** Events waiting or being written. */
  readonly pendingEvents: number;
  /** Resolves when nothing is waiting or being written. */
  idle(): Promise<void>;
  /**
   * Announces a request that is still reading its body; a write about to start waits for it (a few ms at most)
   * so it joins the same transaction. Call the returned function once it submitted or gave up.
   */
  arriving(): () => void;
}

/** A write first waits this long for more requests to join its transaction (group commit). */
export const GROUP_WINDOW_MS = 2;
/** Longest a write waits for announced requests to finish reading their bodies. */
export const GROUP_LINGER_MS = 5;
/** Requests of a written group answered per turn of the event loop. */
export const ANSWERS_PER_TURN = 4;

interface Waiting {
  readonly batch: IngestBatch;
  resolve(result: IngestResult): void;
  reject(error: unknown): void;
}

export function createIngestQueue(
  store: Store,
  limits: { maxPendingEvents: number; maxEventsPerWrite: number },
): IngestQueue {
  const waiting: Waiting[] = [];
  let pendingEvents = 0;
  let arriving = 0;
  let writing = false;
  let idleWaiters: (() => void)[] = [];

  async function write(group: Waiting[]): Promise<void> {
    try {
      const results = await store.ingest(group.map((w) => w.batch));
      for (let i = 0; i < group.length; i++) {
        group[i]!.resolve(results[i]!);
        // The answers of a group are written a few per turn of the event loop, so /healthz and arriving requests
        // are served between them instead of after the whole group (a long task under load).
        if ((i + 1) % ANSWERS_PER_TURN === 0 && i + 1 < group.length) {
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
    } catch (error) {
      // One bad batch must not fail the others with it: when the database answers, write them one by one.
      const reachable =
        group.length > 1 &&
        (await store.ping().then(
          () => true,
          () => false,
        ));
      if (!reachable) {
        for (const w of group) w.reject(error);
        return;
      }
      for (const w of group) await write([w]);
    }
  }

  async function pump(): Promise<void> {
    if (writing) return;
    writing = true;
    try {
      let first = true;
      while (waiting.length > 0) {
        // Group commit: a write that starts after a quiet moment first lets the requests arriving with it join
        // (GROUP_WINDOW_MS, and up to GROUP_LINGER_MS while announced requests read their bodies). A write that
        // follows another takes what queued during it, after one turn of the event loop to read bodies already
        // received: the store is never left idle while requests wait. The waits sleep on timers, never spin.
        if (first) {
          const started = performance.now();
          do {
            await new Promise((resolve) => setTimeout(resolve, 1));
          } while (
            performance.now() - started < GROUP_WINDOW_MS ||
            (arriving > 0 && performance.now() - started < GROUP_LINGER_MS)
          );
          first = false;
        } else {
          await new Promise((resolve) => setImmediate(resolve));
        }
        const group: Waiting[] = [];
        let events = 0;
        while (waiting.length > 0) {
          const next = waiting[0]!;
          const size = next.batch.batch.events.length;
          if (group.length > 0 && events + size > limits.maxEventsPerWrite) break;
          group.push(waiting.shift()!);
          events += size;
        }
        await write(group);
        pendingEvents -= events;
      }
    } finally {
      writing = false;
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const done of waiters) done();
    }
  }

  return {
    submit(batch) {
      const size = batch.batch.events.length;
      if (pendingEvents + size > limits.maxPendingEvents) {
        return Promise.reject(new QueueFullError('the write queue is full'));
      }
      pendingEvents += size;
      return new Promise<IngestResult>((resolve, reject) => {
        waiting.push({ batch, resolve, reject });
        void pump();
      });
    },
    arriving() {
      arriving += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        arriving -= 1;
      };
    },
    get pendingEvents() {
      return pendingEvents;
    },
    idle() {
      if (!writing && waiting.length === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}
