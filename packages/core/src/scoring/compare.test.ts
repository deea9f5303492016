import { describe, expect, it } from 'vitest';
import { TallyMismatchError } from '../errors';
import { compareTallies } from './compare';
import { tallyOf } from './tally';

const answers = (spec: Record<number, number>) =>
  Object.entries(spec).flatMap(([v, n]) => new Array<number>(n).fill(Number(v)));

describe('comparing two tallies', () => {
  it('finds a real NPS change significant (adjusted-Wald z)', () => {
    // a: 60 promoters, 30 passives, 10 detractors (NPS 50); b: 40 / 30 / 30 (NPS 10)
    const a = tallyOf('nps', answers({ 10: 60, 8: 30, 3: 10 }));
    const b = tallyOf('nps', answers({ 10: 40, 8: 30, 3: 30 }));
    const result = compareTallies(a, b)!;
    expect(result.difference).toBeCloseTo(40, 10);
    expect(result.z).toBeCloseTo(3.68609, 4);
    expect(result.significant).toBe(true);
    expect(result.ci!.low).toBeCloseTo(18.1857, 3);
    expect(result.ci!.high).toBeCloseTo(59.4842, 3);
  });

  it('does not call a small-sample wobble significant', () => {
    const a = tallyOf('nps', [10, 9, 8, 3]);
    const b = tallyOf('nps', [10, 8, 8, 3]);
    const result = compareTallies(a, b)!;
    expect(result.difference).toBe(25);
    expect(result.significant).toBe(false);
  });

  it('compares identical tallies as no change', () => {
    const t = tallyOf('csat', [5, 4, 2, 1]);
    expect(compareTallies(t, t)).toMatchObject({ difference: 0, z: 0, significant: false });
  });

  it('compares CSAT shares and CES means', () => {
    const csat = compareTallies(
      tallyOf('csat', answers({ 5: 90, 2: 10 })),
      tallyOf('csat', answers({ 5: 50, 2: 50 })),
    )!;
    expect(csat.difference).toBeCloseTo(40, 10);
    expect(csat.significant).toBe(true);
    const ces = compareTallies(tallyOf('ces', [7, 6, 7, 6]), tallyOf('ces', [2, 3, 2, 3]))!;
    expect(ces.difference).toBe(4);
    expect(ces.significant).toBe(true);
  });

  it('returns null when a side has no answers, and refuses different metrics', () => {
    expect(compareTallies(tallyOf('nps', []), tallyOf('nps', [9]))).toBeNull();
    expect(compareTallies(tallyOf('ces', [7]), tallyOf('ces', [1, 2]))).toBeNull();
    expect(() => compareTallies(tallyOf('nps', [1]), tallyOf('csat', [1]))).toThrow(TallyMismatchError);
  });

  it('calls a difference between CES groups without any spread certain, and no difference none', () => {
    expect(compareTallies(tallyOf('ces', [7, 7]), tallyOf('ces', [1, 1]))).toMatchObject({
      z: null,
      significant: true,
      ci: null,
    });
    expect(compareTallies(tallyOf('ces', [4, 4]), tallyOf('ces', [4, 4]))).toMatchObject({
      z: null,
      significant: false,
    });
  });
});
