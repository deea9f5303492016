import { describe, expect, it } from 'vitest';
import { fnv1a32, sampleBucket } from './sampling';

describe('sticky sampling', () => {
  it('puts a visitor in the same bucket every time', () => {
    const a = sampleBucket(fnv1a32, 'visitor-1', 'nps-checkout');
    expect(sampleBucket(fnv1a32, 'visitor-1', 'nps-checkout')).toBe(a);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(a).toBeLessThan(100);
  });

  it('spreads visitors evenly: about 30 % fall under a 30 % rate', () => {
    const n = 20_000;
    let inside = 0;
    for (let i = 0; i < n; i++) if (sampleBucket(fnv1a32, `visitor-${i}`, 'nps-checkout') < 30) inside++;
    expect(inside / n).toBeGreaterThan(0.28);
    expect(inside / n).toBeLessThan(0.32);
  });

  it('samples surveys independently', () => {
    let same = 0;
    for (let i = 0; i < 2000; i++) {
      const a = sampleBucket(fnv1a32, `v${i}`, 'a') < 50;
      const b = sampleBucket(fnv1a32, `v${i}`, 'b') < 50;
      if (a === b) same++;
    }
    expect(same / 2000).toBeGreaterThan(0.45);
    expect(same / 2000).toBeLessThan(0.55);
  });

  it('hashes to unsigned 32-bit integers', () => {
    expect(fnv1a32('')).toBe(fnv1a32(''));
    expect(Number.isInteger(fnv1a32('abc'))).toBe(true);
    expect(fnv1a32('abc')).toBeGreaterThanOrEqual(0);
    expect(fnv1a32('abc')).not.toBe(fnv1a32('abd'));
  });
});
