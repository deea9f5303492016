/**
 * The gate in front of the results and admin routes: the request's bearer key must be the site's key of the
 * route's role (`key-auth.ts`). A refused key answers 401 with `WWW-Authenticate`; a client that keeps sending
 * refused keys is slowed to the `failures` limiter's rate (429 + Retry-After), so keys cannot be guessed quickly.
 */
import type { Context } from 'hono';
import type { Site } from '../sites/site';
import { errorBody } from './error-body';
import { createKeyAuth, type KeyRole } from './key-auth';
import type { RateLimiter } from './rate-limiter';

export interface KeyGuardOptions {
  readonly sites: readonly Site[];
  readonly role: KeyRole;
  /** Refused keys per client. */
  readonly failures: RateLimiter;
  /** The rate-limit key of the request's client. */
  readonly clientKey: (c: Context) => string;
}

/** Every answer behind a key is private to its bearer. */
export const NO_STORE = { 'Cache-Control': 'no-store' } as const;

/** The site whose key of this role the request carries, or the refusal to send. */
export function createKeyGuard(options: KeyGuardOptions): (c: Context) => Site | Response {
  const authorize = createKeyAuth(options.sites, options.role);
  return (c) => {
    const auth = authorize(c.req.header('authorization'));
    if (auth.ok) return auth.site;
    const decision = options.failures.take(options.clientKey(c));
    if (!decision.ok) {
      return c.json(
        errorBody('rate_limited', 'Too many refused keys; try again after Retry-After seconds.'),
        429,
        {
          ...NO_STORE,
          'Retry-After': String(decision.retryAfterSeconds),
        },
      );
    }
    return c.json(errorBody(auth.code, auth.message), 401, {
      ...NO_STORE,
      'WWW-Authenticate': `Bearer realm="touchpoint ${options.role}"`,
    });
  };
}
