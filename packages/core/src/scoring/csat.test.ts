import { describe, expect, it } from 'vitest';
import { summarizeCsat } from './csat';
import { tallyOf } from './tally';

describe('CSAT', () => {
  it.each([
    {
      name: '8 of 10 satisfied',
      values: [5, 5, 5, 4, 4, 4, 4, 4, 3, 1],
      score: 80,
      low: 49.0162,
      high: 94.3318,
      mean: 3.9,
    },
    {
      name: 'all very satisfied',
      values: [5, 5, 5, 5, 5, 5, 5, 5, 5, 5],
      score: 100,
      low: 72.2467,
      high: 100,
      mean: 5,
    },
    {
      name: 'nobody satisfied',
      values: [1, 2, 3, 3, 2, 1, 1, 2, 3, 3],
      score: 0,
      low: 0,
      high: 27.7533,
      mean: 2.1,
    },
    { name: 'five satisfied answers', values: [4, 4, 4, 4, 4], score: 100, low: 56.552, high: 100, mean: 4 },
  ])('$name: top-2-box with a Wilson interval', ({ values, score, low, high, mean }) => {
    const summary = summarizeCsat(tallyOf('csat', values));
    expect(summary.score).toBeCloseTo(score, 10);
    expect(summary.ci!.low).toBeCloseTo(low, 3);
    expect(summary.ci!.high).toBeCloseTo(high, 3);
    expect(summary.mean).toBeCloseTo(mean, 10);
  });

  it('has no interval below 5 answers', () => {
    expect(summarizeCsat(tallyOf('csat', [4]))).toMatchObject({ n: 1, score: 100, ci: null });
    expect(summarizeCsat(tallyOf('csat', [4, 5, 1, 2])).ci).toBeNull();
  });

  it('counts only 4 and 5 as satisfied', () => {
    const summary = summarizeCsat(tallyOf('csat', [3, 3, 4, 5]));
    expect(summary.satisfied).toBe(2);
    expect(summary.score).toBe(50);
  });

  it('gives null for no answers', () => {
    expect(summarizeCsat(tallyOf('csat', []))).toMatchObject({ n: 0, score: null, ci: null, mean: null });
  });
});
