/**
 * The hand-written guards ship instead of zod; here they are held to the schemas they replace. Every case is
 * decided by both, and they must agree.
 */
import { AckSchema, ErrorBodySchema, parseEvent, validate } from '@touchpoint/core/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAck, isErrorBody, isWireEvent } from '../src/index';
import { answered, wireEvent } from './support/events';

type Mutation = [string, (event: Record<string, unknown>) => void];

const set =
  (path: string, value: unknown): Mutation[1] =>
  (event) => {
    const keys = path.split('.');
    let target: Record<string, unknown> = event;
    for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
    const last = keys.at(-1)!;
    if (value === DELETE) delete target[last];
    else target[last] = value;
  };
const DELETE = Symbol('delete');

const BASES: [string, () => Record<string, unknown>][] = [
  ['shown', () => structuredClone(wireEvent()) as unknown as Record<string, unknown>],
  [
    'completed, every answer type',
    () =>
      structuredClone(
        wireEvent({
          type: 'completed',
          answers: [
            { questionId: 'score', type: 'ces', value: 5, points: 5 },
            { questionId: 'csat', type: 'csat', value: 1 },
            { questionId: 'nps', type: 'nps', value: 0 },
            { questionId: 'reason', type: 'text', value: 'Quick & <b>easy</b> 👍' },
          ],
          context: { path: '/help', locale: 'nl-BE', device: 'mobile', referrerHost: 'www.google.com' },
          visitor: { id: 'v-9', userId: 'u-1', attributes: { plan: 'pro', orders: 3, beta: true, _x: '' } },
        }),
      ) as unknown as Record<string, unknown>,
  ],
];

const VALUES: unknown[] = [
  undefined,
  null,
  true,
  0,
  -1,
  1.5,
  11,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  2 ** 53,
  '',
  'x',
  '7',
  'has space',
  'a'.repeat(65),
  'a'.repeat(257),
  [],
  {},
  DELETE,
];

const FIELDS = [
  'v',
  'id',
  'type',
  'surveyId',
  'touchpoint',
  'responseId',
  'at',
  'context',
  'context.path',
  'context.locale',
  'context.device',
  'context.referrerHost',
  'context.channel',
  'visitor',
  'visitor.id',
  'visitor.userId',
  'visitor.attributes',
  'extra',
  'context.extra',
  'visitor.extra',
];

const SPECIFIC: [string, unknown][] = [
  ['v', 1],
  ['v', 2],
  ['id', '00000000-0000-4000-8000-00000000000g'],
  ['id', '00000000-0000-0000-0000-000000000000'],
  ['id', 'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF'],
  ['id', '00000000-0000-9000-8000-000000000001'],
  ['id', '00000000-0000-4000-c000-000000000001'],
  ['id', '00000000000040008000000000000001'],
  ['type', 'clicked'],
  ['type', 'answered'],
  ['type', 'dismissed'],
  ['surveyId', 'checkout.completed:v2_a-b'],
  ['surveyId', '.starts-with-dot'],
  ['surveyId', 'a'.repeat(64)],
  ['at', '2026-11-20T10:00:00Z'],
  ['at', '2026-11-20T10:00:00.123456+05:30'],
  ['at', '2026-11-20T10:00:00-00:00'],
  ['at', '2026-11-20T10:00Z'],
  ['at', '2026-11-20T24:00:00Z'],
  ['at', '2026-11-20T10:00:60Z'],
  ['at', '2026-02-29T10:00:00Z'],
  ['at', '2024-02-29T10:00:00Z'],
  ['at', '2000-02-29T10:00:00Z'],
  ['at', '1900-02-29T10:00:00Z'],
  ['at', '2026-04-31T10:00:00Z'],
  ['at', '2026-11-20 10:00:00Z'],
  ['at', '2026-11-20T10:00:00'],
  ['at', '2026-11-20T10:00:00+24:00'],
  ['at', '20/11/2026'],
  ['context.path', 'x'.repeat(2048)],
  ['context.path', 'x'.repeat(2049)],
  ['context.locale', 'nl'],
  ['context.locale', 'pt-BR'],
  ['context.locale', 'zh-Hant-TW'],
  ['context.locale', 'english'],
  ['context.locale', 'nl_BE'],
  ['context.device', 'tablet'],
  ['context.device', 'watch'],
  ['context.referrerHost', 'h'.repeat(253)],
  ['context.referrerHost', 'h'.repeat(254)],
  ['context.channel', 'web'],
  ['context.channel', 'qr'],
  ['context.channel', 'email'],
  ['context.channel', 'sms'],
  ['context.channel', 'QR'],
  ['visitor.id', 'v'.repeat(64)],
  ['visitor.userId', 'u'.repeat(256)],
  ['visitor.attributes', { a: 'x'.repeat(256) }],
  ['visitor.attributes', { a: 'x'.repeat(257) }],
  ['visitor.attributes', { '1abc': 1 }],
  ['visitor.attributes', { 'a.b-c_d': -0.5 }],
  ['visitor.attributes', { a: null }],
  ['visitor.attributes', { a: Number.NaN }],
  ['visitor.attributes', { a: [] }],
  ['visitor.attributes', Object.fromEntries(Array.from({ length: 32 }, (_, i) => [`k${i}`, i]))],
  ['visitor.attributes', Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, i]))],
  ['visitor.attributes', { ['k'.repeat(65)]: 1 }],
];

const ANSWERS: unknown[] = [
  undefined,
  [],
  [{ questionId: 'score', type: 'nps', value: 10 }],
  [{ questionId: 'score', type: 'nps', value: 11 }],
  [{ questionId: 'score', type: 'nps', value: 7.5 }],
  [{ questionId: 'score', type: 'nps', value: '7' }],
  [{ questionId: 'score', type: 'nps', value: -0 }],
  [{ questionId: 'score', type: 'ces', value: 7 }],
  [{ questionId: 'score', type: 'ces', value: 8 }],
  [{ questionId: 'score', type: 'ces', value: 6, points: 5 }],
  [{ questionId: 'score', type: 'ces', value: 6, points: 7 }],
  [{ questionId: 'score', type: 'ces', value: 3, points: 6 }],
  [{ questionId: 'score', type: 'csat', value: 0 }],
  [{ questionId: 'score', type: 'csat', value: 5 }],
  [{ questionId: 'score', type: 'csat', value: 3, points: 5 }],
  [{ questionId: 'r', type: 'text', value: '' }],
  [{ questionId: 'r', type: 'text', value: 'x'.repeat(5000) }],
  [{ questionId: 'r', type: 'text', value: 'x'.repeat(5001) }],
  [{ questionId: 'r', type: 'text', value: 5 }],
  [{ questionId: 'r', type: 'emoji', value: '🙂' }],
  [{ questionId: 'bad id', type: 'nps', value: 5 }],
  [{ type: 'nps', value: 5 }],
  [{ questionId: 'score', type: 'nps', value: 5, extra: 1 }],
  [null],
  Array.from({ length: 10 }, (_, i) => ({ questionId: `q${i}`, type: 'nps', value: i })),
  Array.from({ length: 11 }, (_, i) => ({ questionId: `q${i}`, type: 'nps', value: i % 11 })),
  'not a list',
];

function cases(): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [name, base] of BASES) {
    out.push([`${name} as is`, base()]);
    for (const field of FIELDS) {
      for (const value of VALUES) {
        const event = base();
        set(field, value)(event);
        out.push([
          `${name}: ${field} = ${String(typeof value === 'symbol' ? 'deleted' : JSON.stringify(value))}`,
          event,
        ]);
      }
    }
    for (const [field, value] of SPECIFIC) {
      const event = base();
      set(field, value)(event);
      out.push([`${name}: ${field} = ${JSON.stringify(value)?.slice(0, 40)}`, event]);
    }
  }
  for (const type of ['shown', 'answered', 'completed', 'dismissed']) {
    for (const answers of ANSWERS) {
      const event = structuredClone(answered(5)) as unknown as Record<string, unknown>;
      event.type = type;
      if (answers === undefined) delete event.answers;
      else event.answers = answers;
      out.push([`${type} with answers ${JSON.stringify(answers)?.slice(0, 60)}`, event]);
    }
  }
  out.push(['null', null], ['an array', []], ['a string', 'event'], ['a number', 1]);
  out.push([
    '__proto__ key from JSON',
    JSON.parse(`{"__proto__":{"v":1},${JSON.stringify(answered(1)).slice(1)}`),
  ]);
  return out;
}

describe('isWireEvent agrees with core’s parseEvent', () => {
  const table = cases();
  it(`on a table of ${table.length} cases, accepting and refusing alike`, () => {
    const disagreements = table
      .filter(([, value]) => isWireEvent(value) !== parseEvent(value).ok)
      .map(([name, value]) => `${name}: guard ${isWireEvent(value)}, schema ${parseEvent(value).ok}`);
    expect(disagreements).toEqual([]);
    // The table exercises both answers, not just one.
    const accepted = table.filter(([, value]) => parseEvent(value).ok).length;
    expect(accepted).toBeGreaterThan(40);
    expect(table.length - accepted).toBeGreaterThan(300);
  });

  it('on random near-valid events', () => {
    const field = fc.constantFrom(...FIELDS);
    const value = fc.oneof(
      fc.constantFrom(...VALUES, ...SPECIFIC.map(([, v]) => v)),
      fc.string(),
      fc.integer(),
      fc.double(),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(field, value), { maxLength: 3 }),
        fc.boolean(),
        (mutations, withAnswers) => {
          const event = structuredClone(withAnswers ? answered(5) : wireEvent()) as unknown as Record<
            string,
            unknown
          >;
          for (const [path, v] of mutations) {
            try {
              set(path, v)(event);
            } catch {}
          }
          expect(isWireEvent(event)).toBe(parseEvent(event).ok);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('ignores a polluted Object.prototype', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.userId = 'x'.repeat(999);
    proto.answers = 'nope';
    try {
      expect(isWireEvent(answered(3))).toBe(true);
      expect(isWireEvent(wireEvent())).toBe(true);
    } finally {
      delete proto.userId;
      delete proto.answers;
    }
  });
});

describe('isAck and isErrorBody agree with AckSchema and ErrorBodySchema', () => {
  const acks: unknown[] = [
    { ok: true, stored: 2, duplicates: 0 },
    { ok: true, stored: 0, duplicates: 3, extra: 'allowed' },
    { ok: true, stored: -1, duplicates: 0 },
    { ok: true, stored: 1.5, duplicates: 0 },
    { ok: true, stored: '2', duplicates: 0 },
    { ok: true, stored: 2 },
    { ok: 'true', stored: 2, duplicates: 0 },
    { ok: false, stored: 2, duplicates: 0 },
    { ok: true, stored: 2 ** 53, duplicates: 0 },
    {},
    [],
    null,
    '<html>',
    { ok: false, error: { code: 'x', message: 'y' } },
  ];
  const errors: unknown[] = [
    { ok: false, error: { code: 'invalid', message: 'bad' } },
    { ok: false, error: { code: 'invalid', message: 'bad', problems: [] } },
    {
      ok: false,
      error: {
        code: 'invalid',
        message: 'bad',
        problems: [{ path: 'events[0].v', expected: '1', received: '2', message: 'events[0].v: expected 1' }],
      },
    },
    { ok: false, error: { code: 'invalid', message: 'bad', problems: [{ path: 'x' }] } },
    { ok: false, error: { code: 'invalid', message: 'bad', problems: 'x' } },
    { ok: false, error: { code: 1, message: 'bad' } },
    { ok: false, error: { message: 'bad' } },
    { ok: false, error: 'bad' },
    { ok: false },
    { ok: true, error: { code: 'x', message: 'y' } },
    null,
    ...acks,
  ];
  it.each(acks.map((a) => [JSON.stringify(a), a]))('ack %s', (_, value) => {
    expect(isAck(value)).toBe(validate(AckSchema, value).ok);
  });
  it.each(errors.map((e) => [JSON.stringify(e), e]))('error body %s', (_, value) => {
    expect(isErrorBody(value)).toBe(validate(ErrorBodySchema, value).ok);
  });
});
