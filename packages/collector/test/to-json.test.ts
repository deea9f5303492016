import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toJson, utf8Length } from '../src/to-json';
import { answered } from './support/events';

describe('toJson', () => {
  it('writes what JSON.stringify writes, byte for byte, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(toJson(value)).toBe(JSON.stringify(value));
      }),
      { numRuns: 300 },
    );
    const awkward = {
      s: '\u0000\u001f\b\f\n\r\t"\\\u2028 \ud800 \udc00 😀 \ud83d',
      n: [-0, 1e21, 1.5e-7],
      u: undefined,
    };
    expect(toJson(awkward)).toBe(JSON.stringify(awkward));
  });

  it('is not fooled by a host that defines Array.prototype.toJSON or String.prototype.toJSON (Prototype.js)', () => {
    const arrayProto = Array.prototype as unknown as { toJSON?: () => string };
    const stringProto = String.prototype as unknown as { toJSON?: () => string };
    arrayProto.toJSON = function (this: unknown[]) {
      return JSON.stringify(this.slice());
    };
    stringProto.toJSON = () => 'tampered';
    const event = answered(9);
    try {
      expect(JSON.parse(toJson({ sentAt: 'now', events: [event] }))).toEqual({
        sentAt: 'now',
        events: [event],
      });
    } finally {
      delete arrayProto.toJSON;
      delete stringProto.toJSON;
    }
  });

  it('writes only own keys, whatever Object.prototype carries', () => {
    (Object.prototype as Record<string, unknown>).injected = 'x';
    try {
      expect(toJson({ a: 1 })).toBe('{"a":1}');
    } finally {
      delete (Object.prototype as Record<string, unknown>).injected;
    }
  });
});

describe('utf8Length', () => {
  it('counts UTF-8 bytes as TextEncoder does, lone surrogates as U+FFFD', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
      }),
      { numRuns: 300 },
    );
  });
});
