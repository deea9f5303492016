import { describe, expect, it } from 'vitest';
import { answered, event } from '../../test/fixtures';
import { parseBatch, parseEvent } from '../schema';
import { channelOf } from './channels';
import { contextPath } from './context-path';
import { MAX_EVENTS_PER_BATCH } from './limits';

const batch = (events: unknown[]) => ({ sentAt: '2026-11-20T10:00:05.000Z', events });
const messages = (input: unknown) => {
  const result = parseBatch(input);
  return result.ok ? [] : result.problems.map((p) => p.message);
};

describe('wire contract v1', () => {
  it('accepts each event type with the fields docs/design.md lists', () => {
    const result = parseBatch(
      batch([
        event({ type: 'shown' }),
        answered(9),
        event({
          type: 'completed',
          answers: [
            { questionId: 'score', type: 'ces', value: 4, points: 5 },
            { questionId: 'reason', type: 'text', value: 'Quick & <b>easy</b> 👍' },
          ],
          context: { path: '/help', locale: 'nl-BE', device: 'mobile', referrerHost: 'www.google.com' },
          visitor: { id: 'v-9', userId: 'u-1', attributes: { plan: 'pro', orders: 3, beta: true } },
        }),
        event({ type: 'dismissed' }),
      ]),
    );
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('takes an optional channel (web, link, email, qr) and refuses any other, naming it', () => {
    for (const channel of ['web', 'link', 'email', 'qr']) {
      expect(parseEvent({ ...answered(5), context: { path: '/s/nps', channel } }).ok).toBe(true);
    }
    const sms = parseBatch(batch([{ ...answered(5), context: { path: '/s/nps', channel: 'sms' } }]));
    expect(sms.ok ? [] : sms.problems.map((p) => p.path)).toEqual(['events[0].context.channel']);
    // An event without a channel is a web event, as every collector before the field sent.
    expect(channelOf(answered(5).context)).toBe('web');
  });

  it.each([
    [{ ...answered(5), extra: 1 }, 'events[0].extra: unknown field "extra"'],
    [{ ...answered(5), v: 2 }, 'events[0].v: expected 1, received 2'],
    [{ ...answered(5), id: 'abc' }, 'events[0].id: expected a UUID'],
    [{ ...answered(5), at: '20/11/2026' }, 'events[0].at: expected a date and time in ISO 8601'],
    [
      { ...answered(5), type: 'clicked' },
      'events[0].type: expected one of "shown", "answered", "completed" or "dismissed"',
    ],
    [{ ...event({ type: 'answered' }) }, 'events[0].answers: expected a list, received nothing'],
    [{ ...answered(5), answers: [] }, 'events[0].answers: give at least one answer'],
    [{ ...event({ type: 'shown' }), answers: [] }, 'events[0].answers: unknown field "answers"'],
    [
      { ...answered(5), answers: [{ questionId: 'score', type: 'ces', value: 6, points: 5 }] },
      'events[0].answers[0].value: must be 5 or less on a 5-point CES scale',
    ],
    [
      { ...answered(5), answers: [{ questionId: 'score', type: 'ces', value: 8 }] },
      'events[0].answers[0].value: expected a number of at most 7',
    ],
    [
      { ...answered(5), answers: [{ questionId: 'score', type: 'csat', value: 0 }] },
      'events[0].answers[0].value: expected a number of at least 1',
    ],
    [
      { ...answered(5), answers: [{ questionId: 'r', type: 'text', value: 'x'.repeat(5001) }] },
      'events[0].answers[0].value: expected text of at most 5000 characters',
    ],
    [
      { ...answered(5), context: { path: '' } },
      'events[0].context.path: expected text of at least 1 character',
    ],
    [
      { ...answered(5), context: { path: '/', device: 'watch' } },
      'events[0].context.device: expected one of "desktop", "mobile" or "tablet"',
    ],
    [{ ...answered(5), touchpoint: 'has space' }, 'events[0].touchpoint: use letters, digits'],
    [{ ...answered(5), visitor: {} }, 'events[0].visitor.id: expected text, received nothing'],
  ])('rejects %#: %s', (bad, expected) => {
    const found = messages(batch([bad]));
    expect(
      found.some((m) => m.startsWith(expected)),
      `${expected}\nnot in:\n${found.join('\n')}`,
    ).toBe(true);
  });

  it('bounds a batch to 1..100 events', () => {
    expect(messages(batch([]))).toEqual(['events: give at least one event, received an empty list']);
    const many = Array.from({ length: MAX_EVENTS_PER_BATCH + 1 }, () => answered(5));
    expect(messages(batch(many))).toEqual([
      'events: at most 100 events per batch, received a list of 101 items',
    ]);
  });

  it('validates a single event read back from storage', () => {
    expect(parseEvent(answered(10)).ok).toBe(true);
    expect(parseEvent({ __proto__: { polluted: true } }).ok).toBe(false);
  });
});

describe('context path', () => {
  it.each([
    ['https://shop.example/checkout/thanks?email=a@b.c&utm_campaign=x#top', [], '/checkout/thanks'],
    [
      'https://shop.example/checkout/thanks?email=a@b.c&utm_campaign=x#top',
      ['utm_campaign'],
      '/checkout/thanks?utm_campaign=x',
    ],
    ['https://shop.example', [], '/'],
    ['https://shop.example?x=1', [], '/'],
    ['/relative/path?q=1', ['q'], '/relative/path?q=1'],
  ])('%s with %j → %s', (url, allowed, expected) => {
    expect(contextPath(url, allowed)).toBe(expected);
  });
});
