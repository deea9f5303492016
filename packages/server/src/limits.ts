/**
 * Every limit of the server, named once: the defaults below are what the README documents.
 */
import { MAX_BODY_BYTES } from '@touchpoint/core';

export interface RateLimit {
  /** Requests allowed per window (also the burst). */
  readonly limit: number;
  readonly windowSeconds: number;
}

export interface ServerLimits {
  /**
   * Bytes of one request body as sent (compressed or not): the 64 KiB keepalive ceiling of core's contract.
   * @default 65536
   */
  readonly maxBodyBytes: number;
  /**
   * Bytes of a gzip body once decompressed (PostHog's 5× the wire cap); a gzip bomb stops here.
   * @default 327680
   */
  readonly maxDecompressedBytes: number;
  /**
   * Events accepted but not yet written; above it requests get 503 + Retry-After before their body is stored.
   * @default 10000
   */
  readonly maxPendingEvents: number;
  /**
   * Events written in one transaction (group commit of concurrent requests). SQLite's synchronous writes hold
   * the event loop for the transaction, so this also bounds that pause.
   * @default 1000
   */
  readonly maxEventsPerWrite: number;
  /**
   * Requests per public site key, token bucket (a burst of `limit`, refilled over `windowSeconds`). Only requests
   * whose body parses as a batch spend it: garbage cannot use up a site's budget.
   * @default { limit: 6000, windowSeconds: 60 }
   */
  readonly perKey: RateLimit;
  /**
   * Requests per client IP (counted by a salted hash, never the IP itself).
   * @default { limit: 120, windowSeconds: 60 }
   */
  readonly perIp: RateLimit;
  /**
   * Requests per client IP whose body is not a valid batch (not JSON, too large, breaking the wire contract),
   * on top of `perIp`; past it, 429 + Retry-After.
   * @default { limit: 30, windowSeconds: 60 }
   */
  readonly invalidPerIp: RateLimit;
  /**
   * Refused results keys per client IP (missing, public or unknown), token bucket; past it, 429 + Retry-After.
   * @default { limit: 30, windowSeconds: 60 }
   */
  readonly resultsKeyFailures: RateLimit;
  /**
   * Retry-After (seconds) when the write queue is full.
   * @default 2
   */
  readonly overloadedRetryAfterSeconds: number;
  /**
   * Retry-After (seconds) when the database is unavailable or the server is shutting down.
   * @default 10
   */
  readonly unavailableRetryAfterSeconds: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  maxBodyBytes: MAX_BODY_BYTES,
  maxDecompressedBytes: 5 * MAX_BODY_BYTES,
  maxPendingEvents: 10_000,
  maxEventsPerWrite: 1000,
  perKey: { limit: 6000, windowSeconds: 60 },
  perIp: { limit: 120, windowSeconds: 60 },
  invalidPerIp: { limit: 30, windowSeconds: 60 },
  resultsKeyFailures: { limit: 30, windowSeconds: 60 },
  overloadedRetryAfterSeconds: 2,
  unavailableRetryAfterSeconds: 10,
};

/** Time, passed in so tests control it. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
