import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTouchpointError, ScoreRangeError, TallyMismatchError } from '../errors';
import { addToTally, createTally, mergeTallies, tallyOf, tallySize } from './tally';

describe('tallies', () => {
  it('count answers per scale value', () => {
    const tally = tallyOf('csat', [5, 5, 1]);
    expect(tally.counts).toEqual([1, 0, 0, 0, 2]);
    expect(tallySize(addToTally(tally, 3))).toBe(4);
    expect(tally.counts).toEqual([1, 0, 0, 0, 2]);
  });

  it.each([
    ['nps', 11, 'NPS answers are whole numbers from 0 to 10; received 11'],
    ['nps', -1, 'NPS answers are whole numbers from 0 to 10; received -1'],
    ['nps', 7.5, 'NPS answers are whole numbers from 0 to 10; received 7.5'],
    ['ces', 0, 'CES answers are whole numbers from 1 to 7; received 0'],
    ['csat', 6, 'CSAT answers are whole numbers from 1 to 5; received 6'],
    ['nps', Number.NaN, 'received NaN'],
  ] as const)('rejects %s %s with a clear error', (metric, value, message) => {
    const attempt = () => tallyOf(metric, [value]);
    expect(attempt).toThrow(ScoreRangeError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect(isTouchpointError(error)).toBe(true);
    }
  });

  it('rejects 6 and 7 on the 5-point CES scale', () => {
    expect(() => tallyOf('ces', [6], 5)).toThrow('CES answers are whole numbers from 1 to 5; received 6');
  });

  it('refuses to merge different metrics or scales', () => {
    expect(() => mergeTallies(createTally('nps'), createTally('csat'))).toThrow(TallyMismatchError);
    expect(() => mergeTallies(createTally('ces', 7), createTally('ces', 5))).toThrow(
      'CES 1–7 tally with a CES 1–5',
    );
  });

  it('merging equals tallying the union (property)', () => {
    const value = fc.integer({ min: 0, max: 10 });
    fc.assert(
      fc.property(fc.array(value), fc.array(value), (a, b) => {
        expect(mergeTallies(tallyOf('nps', a), tallyOf('nps', b))).toEqual(tallyOf('nps', [...a, ...b]));
      }),
    );
  });

  it('merging is associative and commutative (property)', () => {
    const tally = fc.array(fc.integer({ min: 1, max: 7 })).map((values) => tallyOf('ces', values));
    fc.assert(
      fc.property(tally, tally, tally, (a, b, c) => {
        expect(mergeTallies(a, b)).toEqual(mergeTallies(b, a));
        expect(mergeTallies(mergeTallies(a, b), c)).toEqual(mergeTallies(a, mergeTallies(b, c)));
      }),
    );
  });
});
