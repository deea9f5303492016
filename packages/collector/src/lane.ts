/**
 * Delivery to one destination: its queue, its batches, its retries and back-off, its share of the page-unload
 * flush. Each destination of a collector has its own lane, so a PostHog outage never holds back the reference
 * server. One request is in flight per lane at a time, except at page unload.
 */
import { fnv1a32, MAX_REQUEST_BYTES, type WireEvent } from '@touchpoint/core';
import { type Destination, isDirect } from './destinations/destination';
import { CollectorError } from './errors';
import type { BatchOptions, Clock, FetchLike, QueueOptions, StorageLike } from './options';
import { createQueueStore, type Queued, queued } from './queue-store';
import { type RetryPolicy, retryDelay } from './retry';
import { deliver, type Outcome } from './send';
import { utf8Length } from './to-json';

/** Room for `{"sentAt":"…","events":[]}` around the events when estimating a batch's size. */
const BATCH_OVERHEAD = 64;

export interface LaneContext {
  readonly clock: Clock;
  readonly random: () => number;
  readonly retry: RetryPolicy;
  readonly batch: BatchOptions;
  readonly queue: QueueOptions;
  /** This page's id, which keys its storage entries. */
  readonly tab: string;
  fetch(): FetchLike | undefined;
  sendBeacon(): ((url: string, data: string) => boolean) | undefined;
  isOnline(): boolean;
  /** The storage area, or `null` while nothing may be stored (no storage, no consent). */
  storage(): StorageLike | null;
  report(error: CollectorError, level?: 'warn' | 'error'): void;
  /** Whether a value read back from storage is an event to send again. */
  isEvent(value: unknown): value is WireEvent;
}

export interface Lane {
  add(event: WireEvent): void;
  /** Takes over what closed tabs left in storage, writes this tab's queue, and sends. */
  start(): void;
  /** Sends what is queued now (skipping our own backoff, not a wait the server asked for). */
  flush(): Promise<void>;
  /** Back online: forget the backoff and the status-0 count, and send. */
  wake(): void;
  /** The page is hidden (`leaving`: it is being left): hand what is queued to the browser. */
  unload(leaving: boolean): void;
  /** Marks this tab's entry as free for the next page to take over (`pagehide`). */
  release(): void;
  /** The page is back (visible again, or restored from the back/forward cache). */
  resume(): void;
  /** Removes every stored entry of this destination (consent revoked); the queue stays in memory. */
  clear(): void;
  close(): void;
}

export function createLane(destination: Destination, ctx: LaneContext): Lane {
  const { id } = destination;
  const { clock, retry } = ctx;
  const now = () => clock.now();
  const maxEvents = Math.min(ctx.batch.maxEvents, destination.maxEvents ?? Number.POSITIVE_INFINITY);
  const maxBytes = Math.min(ctx.batch.maxBytes, destination.maxBytes ?? Number.POSITIVE_INFINITY);
  const unloadBytes = Math.min(maxBytes, MAX_REQUEST_BYTES);
  const store = createQueueStore(
    `touchpoint:q:${fnv1a32(id).toString(36)}:`,
    ctx.tab,
    ctx.storage,
    now,
    ctx.report,
    ctx.isEvent,
  );

  let queue: Queued[] = [];
  let open = true;
  /** A wait the server asked for (Retry-After, 401/403); nothing is sent before it, not even at unload. */
  let holdUntil = 0;
  /** Our own backoff after a failure; `flush()` and coming back online skip it. */
  let backoffUntil = 0;
  let failures = 0;
  let zeroes = 0;
  let parked = false;
  let outage = false;
  let closed = false;
  /** Events per request; halved by a 413 or an unexplained 400, back to `maxEvents` once the queue is empty. */
  let cap = maxEvents;
  let requests = 0;
  let timer: unknown;
  let timerAt = Number.POSITIVE_INFINITY;
  let running: Promise<void> | undefined;
  let again = false;

  /** `fn`, with whatever it throws (a destination's mapper, a host's storage) reported instead of thrown. */
  const guard =
    <A extends unknown[]>(fn: (...args: A) => unknown) =>
    (...args: A): void => {
      try {
        fn(...args);
      } catch (error) {
        ctx.report(new CollectorError('CollectorError', `${id}: ${String(error)}`));
      }
    };
  const eventsOf = (records: readonly Queued[]) => records.map((r) => r.event);
  const remove = (records: readonly Queued[]) => {
    queue = queue.filter((r) => !records.includes(r));
  };
  /** Whether another page took over our stored events; if so they are its to send now, no longer ours. */
  const lost = () => {
    const taken = store.taken();
    if (taken) queue = queue.filter((r) => !r.stored);
    return taken;
  };
  let writeLater = false;
  const sync = () => {
    writeLater = false;
    lost();
    store.write(queue, open);
  };
  /** One write for every event added in the same task, instead of one per event. */
  const syncSoon = () => {
    if (writeLater) return;
    writeLater = true;
    queueMicrotask(guard(() => writeLater && sync()));
  };
  const clearTimer = () => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    timerAt = Number.POSITIVE_INFINITY;
  };
  const arm = (ms: number) => {
    const at = now() + ms;
    if (closed || at >= timerAt) return;
    clearTimer();
    timerAt = at;
    timer = clock.setTimeout(() => {
      timer = undefined;
      timerAt = Number.POSITIVE_INFINITY;
      void pump();
    }, ms);
  };

  /** Drops the oldest events (not in flight, if it can) until the queue is within its bounds. */
  const trim = () => {
    const dropped: Queued[] = [];
    let bytes = queue.reduce((sum, r) => sum + r.bytes, 0);
    while (queue.length > ctx.queue.maxEvents || bytes > ctx.queue.maxBytes) {
      const oldest = queue.find((r) => !r.sending) ?? queue[0]!;
      remove([oldest]);
      dropped.push(oldest);
      bytes -= oldest.bytes;
    }
    if (dropped.length > 0) {
      ctx.report(
        new CollectorError(
          'QueueFullError',
          `queue full for ${id}: dropped the ${dropped.length} oldest events`,
          eventsOf(dropped),
          id,
        ),
        'warn',
      );
    }
  };

  /** Gives up on events past `retry.maxAttempts` or `retry.maxAgeMs`. */
  const expire = () => {
    const t = now();
    const dead = queue.filter(
      (r) => !r.sending && (r.attempts >= retry.maxAttempts || t - r.queuedAt > retry.maxAgeMs),
    );
    if (dead.length === 0) return;
    remove(dead);
    ctx.report(
      new CollectorError(
        'DeliveryFailedError',
        `gave up on ${dead.length} events for ${id} (retry.maxAttempts or retry.maxAgeMs reached)`,
        eventsOf(dead),
        id,
      ),
    );
    sync();
  };

  /** The next batch: in queue order, within `cap` events and `limit` bytes (at least one event). */
  const take = (ready: readonly Queued[], limit: number) => {
    const batch: Queued[] = [];
    let bytes = BATCH_OVERHEAD;
    for (const r of ready) {
      if (batch.length > 0 && (batch.length >= cap || bytes + r.bytes + 1 > limit)) break;
      batch.push(r);
      bytes += r.bytes + 1;
    }
    return batch;
  };

  const settle = (batch: readonly Queued[], token: number, outcome: Outcome) => {
    // Only the events this request still carries: at unload another request may have taken them over.
    const mine = batch.filter((r) => r.sending === token);
    for (const r of mine) {
      r.sending = 0;
      r.away = false;
    }
    const t = now();
    switch (outcome.type) {
      case 'ok':
        remove(batch);
        failures = 0;
        zeroes = 0;
        outage = false;
        break;
      case 'retry':
        if (outcome.after !== undefined) {
          // The server said when; that wait uses up no attempt.
          holdUntil = t + Math.min(outcome.after, retry.maxRetryAfterMs);
        } else {
          if (!outcome.zero) for (const r of mine) r.attempts++;
          backoffUntil = t + retryDelay(++failures, retry, ctx.random);
        }
        if (!outcome.zero) zeroes = 0;
        else if (++zeroes === retry.statusZeroLimit) {
          ctx.report(
            new CollectorError(
              'NetworkError',
              `${id} is unreachable (${zeroes} tries): check CORS, connect-src and ad blockers; paused until online, a new event or the next page`,
              eventsOf(batch),
              id,
            ),
          );
        }
        parked = zeroes >= retry.statusZeroLimit;
        // One warning per outage, not one per retry.
        if (!outage) ctx.report(outcome.error, 'warn');
        outage = true;
        break;
      case 'split':
        if (batch.length > 1) cap = Math.ceil(batch.length / 2);
        else {
          remove(batch);
          ctx.report(outcome.error);
        }
        break;
      case 'refuse': {
        const { status } = outcome.error;
        for (const [index, problems] of outcome.refused) {
          const r = batch[index]!;
          remove([r]);
          ctx.report(
            new CollectorError(
              'EventRejectedError',
              `${id} refused event ${r.event.id} (${status}): ${problems.join('; ')}`,
              [r.event],
              id,
              status,
              problems,
            ),
          );
        }
        break;
      }
      case 'stop':
        holdUntil = t + retry.authBackoffMs;
        ctx.report(outcome.error);
        break;
      case 'drop':
        remove(batch);
        ctx.report(outcome.error);
    }
    sync();
  };

  const dispatch = async (batch: readonly Queued[], keepalive: boolean) => {
    if (writeLater) sync(); // stored before it is sent, so a page that dies mid-request loses nothing
    const token = ++requests;
    const attempt = Math.max(...batch.map((r) => r.tries));
    for (const r of batch) {
      r.sending = token;
      r.away = keepalive;
      r.tries++;
    }
    const outcome = await deliver(destination, eventsOf(batch), attempt, keepalive, {
      clock,
      fetch: ctx.fetch(),
      timeoutMs: retry.timeoutMs,
      maxBytes: keepalive ? unloadBytes : maxBytes,
    });
    settle(batch, token, outcome);
  };

  const run = async () => {
    while (!closed) {
      expire();
      if (lost()) store.write(queue, open);
      if (queue.length === 0) cap = maxEvents;
      const ready = queue.filter((r) => !r.sending);
      if (ready.length === 0) return;
      if (parked || !ctx.isOnline()) return; // woken by `online`, a new event or a flush
      const wait = Math.max(holdUntil, backoffUntil) - now();
      if (wait > 0) return arm(wait);
      await dispatch(take(ready, maxBytes), false);
    }
  };

  const pump = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    again = false;
    running = run()
      .catch((error: unknown) => ctx.report(new CollectorError('CollectorError', `${id}: ${String(error)}`)))
      .finally(() => {
        running = undefined;
        if (again) void pump();
      });
    return running;
  };

  /** Hands a chunk to the browser at unload: a beacon if it can (halving on refusal), else a keepalive fetch. */
  const away = (chunk: readonly Queued[]) => {
    if (!isDirect(destination)) {
      const beacon = ctx.sendBeacon();
      const attempt = Math.max(...chunk.map((r) => r.tries));
      const request = destination.request(eventsOf(chunk), {
        attempt,
        sentAt: new Date(now()).toISOString(),
      });
      if (beacon !== undefined && request.headers === undefined) {
        let sent = false;
        try {
          sent = utf8Length(request.body) <= unloadBytes && beacon(request.url, request.body) === true;
        } catch {}
        if (sent) {
          // No answer will come: the events stay stored until a later page (or this one, if it comes back)
          // sends them again; the server stores each id once.
          const token = ++requests;
          for (const r of chunk) {
            r.sending = token;
            r.away = true;
            r.beacon = true;
            r.tries++;
          }
          return;
        }
        if (chunk.length > 1) {
          const half = Math.ceil(chunk.length / 2);
          away(chunk.slice(0, half));
          away(chunk.slice(half));
          return;
        }
      }
    }
    dispatch(chunk, true).then(pump, (error: unknown) =>
      ctx.report(new CollectorError('CollectorError', `${id}: ${String(error)}`)),
    );
  };

  return {
    add: guard((event: WireEvent) => {
      if (queue.some((r) => r.event.id === event.id)) return; // a double submit: once is enough
      // One too big for any request is dropped when its batch is built (EventTooLargeError).
      queue.push(queued(event, now()));
      trim();
      syncSoon();
      if (parked) {
        // A new event is one new chance (if it fails too, the lane parks again at once).
        parked = false;
        backoffUntil = 0;
      }
      const ready = queue.filter((r) => !r.sending);
      if (ready.length >= maxEvents || ready.reduce((sum, r) => sum + r.bytes, 0) >= maxBytes) void pump();
      else arm(ctx.batch.maxWaitMs);
    }),

    start: guard(() => {
      for (const r of store.claim()) {
        if (!queue.some((q) => q.event.id === r.event.id)) queue.push(r);
      }
      queue.sort((a, b) => a.queuedAt - b.queuedAt);
      trim();
      sync();
      void pump();
    }),

    async flush() {
      clearTimer();
      backoffUntil = 0;
      parked = false;
      void pump();
      while (running) await running;
    },

    wake: guard(() => {
      backoffUntil = 0;
      zeroes = 0;
      parked = false;
      void pump();
    }),

    unload: guard((leaving: boolean) => {
      if (writeLater) sync();
      if (closed || parked || !ctx.isOnline() || now() < holdUntil) return;
      // Leaving: a plain request in flight dies with the page, so its events go again with keepalive.
      let rest = queue.filter(
        (r) => (!r.sending || (leaving && !r.away)) && r.bytes + BATCH_OVERHEAD <= unloadBytes,
      );
      while (rest.length > 0) {
        const chunk = take(rest, unloadBytes);
        rest = rest.slice(chunk.length);
        away(chunk);
      }
    }),

    release: guard(() => {
      open = false;
      sync();
    }),

    resume: guard(() => {
      const beaconed = queue.filter((r) => r.beacon);
      if (open && beaconed.length === 0) return; // a plain tab switch: nothing to do
      open = true;
      for (const r of beaconed) {
        r.beacon = false;
        r.away = false;
        r.sending = 0;
      }
      sync();
      void pump();
    }),

    clear: guard(() => {
      store.clear();
      for (const r of queue) r.stored = false;
    }),

    close() {
      closed = true;
      clearTimer();
    },
  };
}
