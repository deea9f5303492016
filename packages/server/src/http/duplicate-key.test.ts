import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDuplicateKey } from './duplicate-key';

describe('findDuplicateKey', () => {
  it.each([
    ['{"a":1,"a":2}', 'a'],
    ['{"events":[{"id":1},{"id":2,"x":{"y":1,"y":2}}]}', 'events[1].x.y'],
    ['{"a":"\\"a\\"","b":["a","a"],"\\u0061":1}', 'a'],
    ['[{"k":1},{"k":1,"k":1}]', '[1].k'],
  ])('finds the duplicate in %s', (json, path) => {
    expect(findDuplicateKey(json)).toBe(path);
  });

  it('finds none in any JSON.stringify output', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(findDuplicateKey(JSON.stringify(value))).toBeUndefined();
        expect(findDuplicateKey(JSON.stringify(value, null, 2))).toBeUndefined();
      }),
    );
  });
});
