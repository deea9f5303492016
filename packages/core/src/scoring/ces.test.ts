import { describe, expect, it } from 'vitest';
import { summarizeCes } from './ces';
import { tallyOf } from './tally';

describe('CES', () => {
  it('reports the mean with a t interval and the share who agree (5–7)', () => {
    // mean 5.4, sd 1.26491, t(0.975, 9) = 2.262157 → 5.4 ± 0.90486
    const summary = summarizeCes(tallyOf('ces', [7, 6, 5, 5, 4, 3, 7, 6, 6, 5]));
    expect(summary.score).toBeCloseTo(5.4, 10);
    expect(summary.sd).toBeCloseTo(1.264911, 5);
    expect(summary.ci!.low).toBeCloseTo(4.495137, 4);
    expect(summary.ci!.high).toBeCloseTo(6.304863, 4);
    expect(summary.agree).toBe(8);
    expect(summary.agreePercent).toBe(80);
    expect(summary.agreeCi!.low).toBeCloseTo(49.0162, 3);
  });

  it('treats 7 as easy: a higher mean is a better score', () => {
    const easy = summarizeCes(tallyOf('ces', [7, 7, 6]));
    const hard = summarizeCes(tallyOf('ces', [1, 2, 1]));
    expect(easy.score!).toBeGreaterThan(hard.score!);
    expect(easy.agreePercent).toBe(100);
    expect(hard.agreePercent).toBe(0);
  });

  it('on the 5-point variant agree means 4–5 and the interval stays on the scale', () => {
    const summary = summarizeCes(tallyOf('ces', [5, 5, 4, 3, 1], 5));
    expect(summary.scale).toEqual({ min: 1, max: 5 });
    expect(summary.agree).toBe(3);
    expect(summary.ci!.high).toBeLessThanOrEqual(5);
    expect(summary.ci!.low).toBeGreaterThanOrEqual(1);
  });

  it('has no interval below 5 answers, and a zero-width one when everyone agrees exactly', () => {
    expect(summarizeCes(tallyOf('ces', [6]))).toMatchObject({ n: 1, score: 6, ci: null, sd: null });
    expect(summarizeCes(tallyOf('ces', [6, 6, 6, 6])).ci).toBeNull();
    expect(summarizeCes(tallyOf('ces', [6, 6, 6, 6])).agreeCi).toBeNull();
    expect(summarizeCes(tallyOf('ces', [6, 6, 6, 6, 6])).ci).toEqual({ low: 6, high: 6 });
  });

  it('gives null for no answers', () => {
    expect(summarizeCes(tallyOf('ces', []))).toMatchObject({
      n: 0,
      score: null,
      ci: null,
      agreePercent: null,
    });
  });
});
