/**
 * Who sent a request, without keeping who they are: the client address is only ever used through salted hashes.
 * The rate-limit hash uses a salt made at start; the stored respondent hash (optional) uses a salt made per UTC
 * day and kept in memory only (Plausible's design, fault case 77), so stored hashes cannot be linked across days.
 * The rate keys of recent addresses are kept in memory (bounded, never stored), like the rate limiter's buckets.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import type { Clock } from '../limits';

export interface ClientIdentityOptions {
  /** Addresses of reverse proxies whose `X-Forwarded-For` is trusted. Empty: the socket address is the client. */
  readonly trustProxy: readonly string[];
  readonly clock: Clock;
  /** Random bytes for the salts (passed in so tests can fix them). */
  readonly randomBytes?: (size: number) => Buffer;
}

export interface ClientIdentity {
  /** The client address: the socket's, or from `X-Forwarded-For` behind a trusted proxy. Never stored. */
  address(c: Context): string;
  /** A key for rate limiting, not reversible to the address. */
  rateKey(address: string): string;
  /** A respondent hash for storage: H(daily salt, site, address, user agent). */
  respondentHash(site: string, address: string, userAgent: string): string;
}

/** Rate keys kept in memory (the map is emptied when full): the addresses seen lately, never written anywhere. */
const RATE_KEY_CACHE = 10_000;

const normalize = (address: string) => address.replace(/^::ffff:/, '');

export function createClientIdentity({
  trustProxy,
  clock,
  randomBytes: random = randomBytes,
}: ClientIdentityOptions): ClientIdentity {
  const trusted = new Set(trustProxy.map(normalize));
  const rateSalt = random(32);
  const rateKeys = new Map<string, string>();
  let daily: { day: string; salt: Buffer } = { day: '', salt: Buffer.alloc(0) };

  return {
    address(c) {
      const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
      const socket = normalize(env?.incoming?.socket?.remoteAddress ?? 'unknown');
      if (!trusted.has(socket)) return socket;
      // Walk X-Forwarded-For from the right, past our own proxies: the first other address is the client.
      const hops = (c.req.header('x-forwarded-for') ?? '')
        .split(',')
        .map((hop) => normalize(hop.trim()))
        .filter((hop) => hop !== '');
      for (let i = hops.length - 1; i >= 0; i--) {
        if (!trusted.has(hops[i]!)) return hops[i]!;
      }
      return hops[0] ?? socket;
    },
    rateKey(address) {
      // The HMAC costs more than the rest of the rate check: keep the keys of recent addresses (bounded).
      let key = rateKeys.get(address);
      if (key === undefined) {
        key = createHmac('sha256', rateSalt).update(address).digest('base64url').slice(0, 22);
        if (rateKeys.size >= RATE_KEY_CACHE) rateKeys.clear();
        rateKeys.set(address, key);
      }
      return key;
    },
    respondentHash(site, address, userAgent) {
      const day = new Date(clock.now()).toISOString().slice(0, 10);
      if (daily.day !== day) daily = { day, salt: random(32) };
      return createHmac('sha256', daily.salt)
        .update(`${site}\u0000${address}\u0000${userAgent}`)
        .digest('base64url')
        .slice(0, 22);
    },
  };
}
