/**
 * Event ids and response ids: time-ordered UUIDs (version 7, core's `timeOrderedUuid`; why: decision 0006, item 7),
 * their random bits from `crypto.getRandomValues`, which insecure contexts and older browsers have too, where
 * `crypto.randomUUID` is missing (docs/faults.md case 34).
 */
import { timeOrderedUuid } from '@touchpoint/core';

export type CryptoLike = Partial<Pick<Crypto, 'getRandomValues'>>;

export function uuid(crypto: CryptoLike | undefined, now: number): string {
  const bytes = new Uint8Array(16);
  if (typeof crypto?.getRandomValues === 'function') crypto.getRandomValues(bytes);
  // Without any crypto at all (no known browser), Math.random still gives ids unique enough for one page.
  else for (let i = 0; i < 16; i++) bytes[i] = (Math.random() * 256) | 0;
  return timeOrderedUuid(now, bytes);
}
