import { describe, expect, it } from 'vitest';
import { summarizeNps } from './nps';
import { tallyOf } from './tally';

const repeat = (value: number, times: number) => new Array<number>(times).fill(value);

describe('NPS', () => {
  // Hand-worked: n' = n + 3, p' = (P + ¾)/n', d' = (D + ¾)/n', se = √((p' + d' − (p' − d')²)/n').
  it.each([
    {
      name: '5 promoters, 3 passives, 2 detractors',
      values: [...repeat(10, 3), 9, 9, 8, 7, 7, 6, 0],
      score: 30,
      low: -19.0506,
      high: 65.2045,
    },
    { name: 'all promoters (clamped at 100)', values: repeat(9, 10), score: 100, low: 47.5036, high: 100 },
    {
      name: 'all detractors (clamped at −100)',
      values: repeat(3, 10),
      score: -100,
      low: -100,
      high: -47.5036,
    },
    {
      name: 'five promoters (the fewest answers with an interval)',
      values: repeat(10, 5),
      score: 100,
      low: 17.4915,
      high: 100,
    },
    { name: 'all passives', values: repeat(7, 4), score: 0 },
  ])('$name', ({ values, score, low, high }) => {
    const summary = summarizeNps(tallyOf('nps', values));
    expect(summary.n).toBe(values.length);
    expect(summary.score).toBeCloseTo(score, 10);
    if (low !== undefined && high !== undefined) {
      expect(summary.ci!.low).toBeCloseTo(low, 3);
      expect(summary.ci!.high).toBeCloseTo(high, 3);
    }
    expect(summary.smallSample).toBe(true);
  });

  it('counts promoters 9–10, passives 7–8 and detractors 0–6', () => {
    const summary = summarizeNps(tallyOf('nps', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    expect({ p: summary.promoters, pa: summary.passives, d: summary.detractors }).toEqual({
      p: 2,
      pa: 2,
      d: 7,
    });
    expect(summary.distribution).toHaveLength(11);
    expect(summary.distribution[0]).toEqual({ value: 0, count: 1 });
  });

  it('gives null for no answers, never NaN', () => {
    const summary = summarizeNps(tallyOf('nps', []));
    expect(summary).toMatchObject({ n: 0, score: null, ci: null, smallSample: true });
    expect(JSON.stringify(summary)).not.toContain('NaN');
  });

  it('has no interval below 5 answers: one 9 is +100 with no interval, never "+100, interval −48 to +98"', () => {
    expect(summarizeNps(tallyOf('nps', [9]))).toMatchObject({
      n: 1,
      score: 100,
      ci: null,
      smallSample: true,
    });
    expect(summarizeNps(tallyOf('nps', [9, 9, 9, 9])).ci).toBeNull();
    expect(summarizeNps(tallyOf('nps', [9, 9, 9, 9, 9])).ci).not.toBeNull();
  });

  it('drops the small-sample flag at 30 answers', () => {
    expect(summarizeNps(tallyOf('nps', repeat(10, 29))).smallSample).toBe(true);
    expect(summarizeNps(tallyOf('nps', repeat(10, 30))).smallSample).toBe(false);
  });

  it('narrows the interval as n grows', () => {
    const small = summarizeNps(tallyOf('nps', [...repeat(10, 6), ...repeat(2, 4)]));
    const large = summarizeNps(tallyOf('nps', [...repeat(10, 600), ...repeat(2, 400)]));
    expect(small.score).toBe(large.score);
    expect(large.ci!.high - large.ci!.low).toBeLessThan((small.ci!.high - small.ci!.low) / 5);
  });
});
