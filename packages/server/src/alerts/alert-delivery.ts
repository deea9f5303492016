/**
 * The delivery worker: claims due alerts from the outbox with a lease (so two servers never send one alert at
 * the same time, and a killed server's claims are taken over when the lease ends), sends each one signed, and
 * records every attempt. Retries follow `retry-schedule.ts`; 410 Gone disables the rule; at most
 * `perDestination` requests go to one origin at a time. Time, randomness and the transport are passed in.
 */
import type { Clock } from '../limits';
import type { AttemptOutcome, ClaimedDelivery, FinishedAttempt, Store } from '../store/store';
import { renderAlert } from './alert-format';
import { type AlertTransport, TransportError } from './alert-transport';
import { backoffMs, DEFAULT_RETRY, type RetryPolicy, retryAfterMs } from './retry-schedule';
import { DELIVERY_HEADER, SIGNATURE_HEADER, signatureHeader } from './signature';

export interface DeliveryOptions {
  /** How often the outbox is read when nothing wakes the worker. @default 1000 */
  readonly pollMs: number;
  /**
   * How long a claim lasts; another server takes a delivery over after it. An attempt's timeout is at most a
   * quarter of it. @default 60000
   */
  readonly leaseMs: number;
  /** Deliveries in flight at once, over every destination. @default 16 */
  readonly concurrency: number;
  /** Deliveries in flight at once to one origin (scheme, host, port). @default 4 */
  readonly perDestination: number;
  /** One attempt, redirects included. @default 10000 */
  readonly timeoutMs: number;
  /** How often due digests are queued. @default 60000 */
  readonly digestCheckMs: number;
  readonly retry: RetryPolicy;
}

export const DEFAULT_DELIVERY: DeliveryOptions = {
  pollMs: 1000,
  leaseMs: 60_000,
  concurrency: 16,
  perDestination: 4,
  timeoutMs: 10_000,
  digestCheckMs: 60_000,
  retry: DEFAULT_RETRY,
};

export interface AlertDeliveryDeps {
  readonly store: Store;
  readonly transport: AlertTransport;
  readonly clock: Clock;
  readonly random: () => number;
  /** This worker's name in leases and attempt logs. */
  readonly worker: string;
  readonly log: (line: string) => void;
  readonly options?: Partial<DeliveryOptions>;
}

export interface AlertDelivery {
  start(): void;
  /** Reads the outbox now (an answer or a test alert was just queued). */
  wake(): void;
  /** Stops claiming, waits for the attempts in flight (their outcome is recorded), then resolves. */
  stop(): Promise<void>;
  /** Runs one round: queue digests when due, claim, send; resolves when the sends it started finished. */
  runOnce(): Promise<void>;
}

const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
};

/** Finished attempts wait this long for others to be recorded with them in one transaction. */
export const RECORD_WINDOW_MS = 5;

export const USER_AGENT = 'Touchpoint-Alerts/1 (+https://github.com/touchpoint)';

export function createAlertDelivery(deps: AlertDeliveryDeps): AlertDelivery {
  const given: DeliveryOptions = { ...DEFAULT_DELIVERY, ...deps.options };
  // An attempt starts within the first half of its lease and ends within a quarter more, so it is over before
  // another server may take the delivery over.
  const options: DeliveryOptions = { ...given, timeoutMs: Math.min(given.timeoutMs, given.leaseMs / 4) };
  const { store, clock } = deps;
  const inFlight = new Set<Promise<void>>();
  const perOrigin = new Map<string, number>();
  const waiting: { delivery: ClaimedDelivery; claimedAt: number }[] = [];
  let running = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let woken = false;
  let round: Promise<void> | undefined;
  let lastDigestCheck = Number.NEGATIVE_INFINITY;
  // Finished attempts are recorded together, one transaction for all that finished meanwhile (a group commit:
  // on SQLite each durable commit is an fsync).
  let toRecord: { finished: FinishedAttempt; done: () => void }[] = [];
  let recording = false;

  function record(finished: FinishedAttempt): Promise<void> {
    const done = new Promise<void>((resolve) => toRecord.push({ finished, done: resolve }));
    if (recording) return done;
    recording = true;
    void (async () => {
      while (toRecord.length > 0) {
        // Let the answers arriving meanwhile join this group (SQLite's writes block the event loop while they run).
        await new Promise((resolve) => setTimeout(resolve, RECORD_WINDOW_MS));
        const group = toRecord;
        toRecord = [];
        try {
          await store.finishAlertAttempts(group.map((g) => g.finished));
        } catch (caught) {
          deps.log(
            `[touchpoint] ${group.length} alert attempt(s) could not be recorded (they are sent again after their lease): ${caught instanceof Error ? caught.message : String(caught)}`,
          );
        }
        for (const g of group) g.done();
      }
      recording = false;
    })();
    return done;
  }

  /** Sends one delivery; calls `sent` once the receiver's answer (or the failure) is in, then records it. */
  async function attempt(delivery: ClaimedDelivery, sent: () => void): Promise<void> {
    const body = renderAlert(delivery.format, {
      deliveryId: delivery.id,
      ruleId: delivery.ruleId,
      createdAt: delivery.createdAt,
      payload: delivery.payload,
    });
    const at = clock.now();
    const started = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    let outcome: AttemptOutcome;
    let disableRule: string | undefined;
    const attempts = delivery.attempts + 1;
    const retryOr = (delayMs: number, why: string): AttemptOutcome => {
      const nextAt = clock.now() + delayMs;
      if (nextAt > delivery.createdAt + options.retry.windowMs) {
        error = `gave up after ${attempts} attempt${attempts === 1 ? '' : 's'} over a day: ${why}`;
        return { status: 'failed' };
      }
      return { status: 'retry', nextAt };
    };
    try {
      const response = await deps.transport(
        {
          url: delivery.url,
          headers: {
            'Content-Type': 'application/json',
            'User-Agent': USER_AGENT,
            [DELIVERY_HEADER]: delivery.id,
            [SIGNATURE_HEADER]: signatureHeader(delivery.secret, body, Math.floor(clock.now() / 1000)),
          },
          body,
        },
        options.timeoutMs,
      );
      statusCode = response.status;
      if (response.status >= 200 && response.status < 300) {
        outcome = { status: 'delivered' };
      } else if (response.status === 410) {
        error = '410 Gone: the receiver asked for no more alerts; the rule is disabled';
        disableRule = `the destination answered 410 Gone on ${new Date(at).toISOString()}`;
        outcome = { status: 'failed' };
      } else {
        error = `HTTP ${response.status}${response.snippet === '' ? '' : `: ${response.snippet.slice(0, 200)}`}`;
        const after = retryAfterMs(response.retryAfter, clock.now());
        outcome =
          after === undefined
            ? retryOr(backoffMs(options.retry, attempts, deps.random), error)
            : retryOr(Math.min(after, options.retry.maxRetryAfterMs), error);
      }
    } catch (caught) {
      const failure =
        caught instanceof TransportError
          ? caught
          : new TransportError('network', caught instanceof Error ? caught.message : String(caught));
      error = failure.message;
      // A blocked destination stays blocked: retrying would only repeat the refusal.
      outcome =
        failure.kind === 'blocked'
          ? { status: 'failed' }
          : retryOr(backoffMs(options.retry, attempts, deps.random), failure.message);
    }
    const durationMs = performance.now() - started;
    sent();
    await record({
      id: delivery.id,
      owner: deps.worker,
      attempt: { at, durationMs, statusCode, error, worker: deps.worker },
      outcome,
      disableRule,
    });
  }

  /** Starts waiting deliveries whose origin has a free slot, as long as the worker has free slots. */
  function dispatch(): void {
    for (let i = 0; i < waiting.length && inFlight.size < options.concurrency; ) {
      const { delivery, claimedAt } = waiting[i]!;
      const origin = originOf(delivery.url);
      const busy = perOrigin.get(origin) ?? 0;
      if (busy >= options.perDestination) {
        i++;
        continue;
      }
      waiting.splice(i, 1);
      // Waited here past half its lease: leave it to whoever claims it next rather than race them.
      if (clock.now() > claimedAt + options.leaseMs / 2) continue;
      perOrigin.set(origin, busy + 1);
      // The destination's slot frees once its answer is in; the worker's slot once the attempt is recorded.
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const left = (perOrigin.get(origin) ?? 1) - 1;
        if (left === 0) perOrigin.delete(origin);
        else perOrigin.set(origin, left);
        dispatch();
      };
      const task = attempt(delivery, release).finally(() => {
        release();
        inFlight.delete(task);
        dispatch();
        if (waiting.length < options.concurrency && !stopped) schedule(0);
      });
      inFlight.add(task);
    }
  }

  async function runOnce(): Promise<void> {
    const now = clock.now();
    if (now - lastDigestCheck >= options.digestCheckMs) {
      lastDigestCheck = now;
      const queued = await store.queueAlertDigests(now);
      if (queued > 0) deps.log(`[touchpoint] queued ${queued} alert digest${queued === 1 ? '' : 's'}`);
    }
    // Claim in bulk, once the local queue runs low (each claim is a write: on SQLite a durable commit).
    const room = options.concurrency * 4 - inFlight.size - waiting.length;
    if (room > 0 && waiting.length < options.concurrency) {
      const claimed = await store.claimAlertDeliveries({
        owner: deps.worker,
        now,
        leaseMs: options.leaseMs,
        limit: room,
      });
      for (const delivery of claimed) waiting.push({ delivery, claimedAt: now });
    }
    dispatch();
  }

  function schedule(delayMs: number): void {
    if (stopped || !running) return;
    if (round !== undefined) {
      if (delayMs === 0) woken = true;
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(tick, delayMs);
  }

  function tick(): void {
    timer = undefined;
    if (stopped) return;
    woken = false;
    round = runOnce()
      .catch((error: unknown) => {
        deps.log(
          `[touchpoint] alert delivery: ${error instanceof Error ? error.message : String(error)} (trying again)`,
        );
      })
      .finally(() => {
        round = undefined;
        schedule(woken ? 0 : options.pollMs);
      });
  }

  return {
    start() {
      if (running) return;
      running = true;
      schedule(0);
    },
    wake() {
      schedule(0);
    },
    async runOnce() {
      await runOnce();
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await round;
      waiting.length = 0;
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
