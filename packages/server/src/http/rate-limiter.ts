/**
 * Token buckets in memory: `limit` requests at once, refilled evenly over the window. Checking and taking a token
 * is one synchronous step, so concurrent requests can never pass twice the limit (fault case 66).
 */
import type { Clock, RateLimit } from '../limits';

export type RateDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

/** Buckets kept before full (idle) ones are forgotten. */
const MAX_BUCKETS = 100_000;

export interface RateLimiter {
  take(key: string): RateDecision;
}

export function createRateLimiter({ limit, windowSeconds }: RateLimit, clock: Clock): RateLimiter {
  const perMs = limit / (windowSeconds * 1000);
  const buckets = new Map<string, { tokens: number; at: number }>();

  const refill = (bucket: { tokens: number; at: number }, now: number) => {
    bucket.tokens = Math.min(limit, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
  };

  return {
    take(key) {
      const now = clock.now();
      let bucket = buckets.get(key);
      if (bucket === undefined) {
        if (buckets.size >= MAX_BUCKETS) {
          for (const [k, b] of buckets) {
            refill(b, now);
            if (b.tokens >= limit) buckets.delete(k);
          }
        }
        bucket = { tokens: limit, at: now };
        buckets.set(key, bucket);
      }
      refill(bucket, now);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) };
    },
  };
}
