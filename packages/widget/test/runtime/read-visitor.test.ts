/**
 * The stored visitor record is validated on read (docs/faults.md case 26); the history guard agrees with
 * core's VisitorHistorySchema, and is stricter on one point: keys must be survey ids, so `__proto__` never passes.
 */
import { emptyHistory, recordInHistory } from '@touchpoint/core';
import { VisitorHistorySchema, validate } from '@touchpoint/core/schema';
import { describe, expect, it } from 'vitest';
import { isVisitorHistory, readVisitorRecord } from '../../src/runtime/validate/read-visitor';

const some = recordInHistory(recordInHistory(emptyHistory(), 'nps', 'shown', 1000), 'nps', 'answered', 2000);
const record = (history: unknown = some) =>
  JSON.stringify({ v: 1, id: 'v-1', sessions: 2, seen: 5, history });

describe('visitor history guard', () => {
  const histories: [string, unknown, boolean][] = [
    ['empty', emptyHistory(), true],
    ['recorded by core', some, true],
    [
      '21 times',
      {
        surveys: { a: { shown: Array(21).fill(1), answered: [], dismissed: [], shownCount: 21 } },
        sessionShown: 0,
      },
      false,
    ],
    [
      'negative time',
      { surveys: { a: { shown: [-1], answered: [], dismissed: [], shownCount: 1 } }, sessionShown: 0 },
      false,
    ],
    ['fractional count', { surveys: {}, sessionShown: 1.5 }, false],
    [
      'string times',
      { surveys: { a: { shown: ['1'], answered: [], dismissed: [], shownCount: 1 } }, sessionShown: 0 },
      false,
    ],
    ['missing sessionShown', { surveys: {} }, false],
    ['an array', [], false],
    ['null', null, false],
    ['"[]" (Prototype.js toJSON)', '[]', false],
  ];
  it.each(histories)('%s: same verdict as core', (_, input, ok) => {
    expect(validate(VisitorHistorySchema, input).ok).toBe(ok);
    expect(isVisitorHistory(input)).toBe(ok);
  });

  it('refuses a __proto__ key that core’s record schema would let through, and pollutes nothing', () => {
    const hostile = JSON.parse(
      '{"surveys":{"__proto__":{"shown":[1],"answered":[],"dismissed":[],"shownCount":1,"polluted":true}},"sessionShown":0}',
    );
    expect(isVisitorHistory(hostile)).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('readVisitorRecord', () => {
  it('reads back what the widget writes', () => {
    expect(readVisitorRecord(record()).record?.history).toEqual(some);
  });
  it.each([
    ['truncated JSON', record().slice(0, 20)],
    ['"[]"', '"[]"'],
    ['null', 'null'],
    ['an array', '[]'],
    ['another version', JSON.stringify({ v: 2, id: 'v', sessions: 1, seen: 0, history: emptyHistory() })],
    ['no id', JSON.stringify({ v: 1, sessions: 1, seen: 0, history: emptyHistory() })],
    ['corrupt history', record({ surveys: 'x', sessionShown: 0 })],
  ])('discards %s with a reason', (_, text) => {
    const result = readVisitorRecord(text);
    expect(result.record).toBeUndefined();
    expect(result.problem).toBeTruthy();
  });
});
