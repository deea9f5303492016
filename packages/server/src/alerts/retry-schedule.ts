/**
 * When a failed delivery is tried again: capped exponential backoff with jitter, for a day; a receiver's
 * `Retry-After` (seconds or an HTTP date) replaces the backoff, within a ceiling. See decision 0008.
 */
import { DAY_MS } from '@touchpoint/core';

export interface RetryPolicy {
  /** Delay before the second attempt (before jitter). @default 10000 */
  readonly baseMs: number;
  /** Longest delay between two attempts (before jitter). @default 3600000 */
  readonly capMs: number;
  /** A delivery is retried until this long after it was queued, then it fails. @default 86400000 */
  readonly windowMs: number;
  /** Longest `Retry-After` honoured; a longer one waits this long. @default 21600000 */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  baseMs: 10_000,
  capMs: 60 * 60_000,
  windowMs: DAY_MS,
  maxRetryAfterMs: 6 * 60 * 60_000,
};

/**
 * The delay after the `attempts`-th failed attempt: `min(cap, base · 2^(attempts−1))`, of which a random half is
 * taken off ("equal jitter"), so retries of many alerts spread out without ever waiting less than half the step.
 */
export function backoffMs(policy: RetryPolicy, attempts: number, random: () => number): number {
  const step = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 40)));
  return Math.round(step / 2 + (step / 2) * random());
}

/** A `Retry-After` value in ms from `now`: delta seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
