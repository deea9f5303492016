/**
 * The retry policy is documented data (ky, Segment): every number the collector waits or counts by, with its
 * default. docs/faults.md §2 is the table behind it.
 */

import { MAX_EVENT_AGE_MS } from '@touchpoint/core';

export interface RetryPolicy {
  /**
   * First backoff step in milliseconds; step n is `baseDelayMs × factor^(n−1)`, capped at `maxDelayMs`, and the
   * wait is a random point in [0, step] ("full jitter", so a fleet of browsers does not retry in lockstep).
   * @default 1000
   */
  readonly baseDelayMs: number;
  /** Growth of the backoff step per consecutive failure. @default 2 */
  readonly factor: number;
  /** Largest backoff step in milliseconds. @default 60000 (1 minute) */
  readonly maxDelayMs: number;
  /**
   * Attempts an event may use up before it is dropped with a `DeliveryFailedError`. An attempt is used up when the
   * destination was reached and failed (5xx, 408, a 2xx without an acknowledgement, a timeout); waits the server
   * asked for with `Retry-After` and failures without a status (offline, CORS, ad blocker) use none.
   * @default 10
   */
  readonly maxAttempts: number;
  /**
   * Age in milliseconds after which a queued event is dropped with a `DeliveryFailedError`. At most core's
   * `MAX_EVENT_AGE_MS` (24 hours; a larger value is lowered to it): the server counts an event no earlier than its
   * receive time minus that age, and dedupes it for its retention window, which is longer.
   * @default 86400000 (24 hours, core's `MAX_EVENT_AGE_MS`)
   */
  readonly maxAgeMs: number;
  /**
   * Requests in a row that may fail without a status (status 0: network error, CORS, `connect-src`, an ad blocker)
   * before the destination is parked: no more timers until the browser comes back online, a new event arrives,
   * `flush()` is called or the page loads again. The queue is kept.
   * @default 5
   */
  readonly statusZeroLimit: number;
  /** Longest wait a `Retry-After` header can impose, in milliseconds. @default 300000 (5 minutes) */
  readonly maxRetryAfterMs: number;
  /** How long a destination rests after a 401 or 403, in milliseconds; the queue is kept. @default 600000 (10 minutes) */
  readonly authBackoffMs: number;
  /** A request without an answer after this many milliseconds is aborted and retried. @default 10000 */
  readonly timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  baseDelayMs: 1000,
  factor: 2,
  maxDelayMs: 60_000,
  maxAttempts: 10,
  maxAgeMs: MAX_EVENT_AGE_MS,
  statusZeroLimit: 5,
  maxRetryAfterMs: 5 * 60 * 1000,
  authBackoffMs: 10 * 60 * 1000,
  timeoutMs: 10_000,
};

/**
 * The wait before retry number `failures` (1 for the first retry): full jitter over a capped exponential step.
 * Pure: `random` returns a number in [0, 1).
 *
 * @example retryDelay(3, DEFAULT_RETRY, Math.random) // somewhere in [0, 4000)
 */
export function retryDelay(
  failures: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'factor' | 'maxDelayMs'>,
  random: () => number,
): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * policy.factor ** Math.max(0, failures - 1));
  return Math.floor(random() * step);
}
