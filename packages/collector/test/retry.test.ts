import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, parseRetryAfter, retryDelay } from '../src/index';

describe('retryDelay (pure)', () => {
  it('full jitter: a point in [0, step), the step doubling from baseDelayMs and capped at maxDelayMs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (n, r) => {
          const step = Math.min(DEFAULT_RETRY.maxDelayMs, DEFAULT_RETRY.baseDelayMs * 2 ** (n - 1));
          const delay = retryDelay(n, DEFAULT_RETRY, () => r);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThan(step);
          expect(delay).toBe(Math.floor(r * step));
        },
      ),
    );
  });

  it('follows the documented numbers', () => {
    const top = (n: number) => retryDelay(n, DEFAULT_RETRY, () => 0.9999999);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(top)).toEqual([999, 1999, 3999, 7999, 15999, 31999, 59999, 59999]);
    expect(retryDelay(3, { baseDelayMs: 100, factor: 3, maxDelayMs: 10_000 }, () => 0.5)).toBe(450);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-20T10:00:00Z');
  it.each([
    ['120', 120_000],
    ['0', 0],
    [' 5 ', 5000],
    ['Fri, 20 Nov 2026 10:01:30 GMT', 90_000],
    ['Fri, 20 Nov 2026 09:59:00 GMT', 0],
    ['-5', undefined],
    ['1.5', undefined],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
  ])('%j → %j ms', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});
