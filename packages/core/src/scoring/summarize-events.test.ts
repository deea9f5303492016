import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answered, event, uuid } from '../../test/fixtures';
import type { WireEvent } from '../wire/event.schema';
import { summarizeEvents } from './summarize-events';

describe('per-touchpoint summaries from wire events', () => {
  it('scores each touchpoint and metric separately', () => {
    const rows = summarizeEvents([
      answered(10),
      answered(0),
      answered(5, { touchpoint: 'support.article', surveyId: 'csat-support' }, 'csat'),
    ]);
    expect(rows.map((r) => [r.touchpoint, r.metric, r.n, r.score])).toEqual([
      ['checkout.completed', 'nps', 2, 0],
      ['support.article', 'csat', 1, 100],
    ]);
    expect(rows[0]).toMatchObject({ ci: null, smallSample: true });
  });

  it('never counts dismissals, shown-only displays or text answers', () => {
    const responseId = uuid();
    const rows = summarizeEvents([
      event({ type: 'shown', responseId }),
      event({ type: 'dismissed', responseId }),
      event({ type: 'shown' }),
      answered(9),
      event({ type: 'answered', answers: [{ questionId: 'reason', type: 'text', value: 'fast' }] }),
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      n: 1,
      score: 100,
      shown: 2,
      dismissed: 1,
      completed: 0,
      dismissRate: 0.5,
    });
  });

  it('counts an event id seen twice once', () => {
    const once = answered(10);
    expect(summarizeEvents([once, once, { ...once }])[0]!.n).toBe(1);
  });

  it('counts answered then completed for one response once, the completed value winning', () => {
    const responseId = uuid();
    const rows = summarizeEvents([
      event({ type: 'shown', responseId }),
      answered(6, { responseId, at: '2026-11-20T10:00:01Z' }),
      event({
        type: 'completed',
        responseId,
        at: '2026-11-20T10:00:09Z',
        answers: [
          { questionId: 'score', type: 'nps', value: 9 },
          { questionId: 'reason', type: 'text', value: 'changed my mind' },
        ],
      }),
    ]);
    expect(rows[0]).toMatchObject({
      n: 1,
      promoters: 1,
      detractors: 0,
      shown: 1,
      completed: 1,
      responseRate: 1,
    });
  });

  it('keeps the 5- and 7-point CES scales apart', () => {
    const rows = summarizeEvents([
      answered(7, { surveyId: 'ces-7' }, 'ces'),
      event({
        type: 'answered',
        surveyId: 'ces-5',
        answers: [{ questionId: 'score', type: 'ces', value: 5, points: 5 }],
      }),
    ]);
    expect(rows.map((r) => [r.metric, r.scale.max, r.n])).toEqual([
      ['ces', 5, 1],
      ['ces', 7, 1],
    ]);
  });

  it('attributes displays of unanswered surveys through the config', () => {
    const rows = summarizeEvents([event({ type: 'shown', surveyId: 'csat-x', touchpoint: 'x' })], {
      metricOf: (id) => (id === 'csat-x' ? { metric: 'csat' } : undefined),
    });
    expect(rows).toEqual([
      expect.objectContaining({
        touchpoint: 'x',
        metric: 'csat',
        n: 0,
        score: null,
        shown: 1,
        responseRate: 0,
      }),
    ]);
  });

  it('is JSON-friendly: no NaN, no undefined', () => {
    const rows = summarizeEvents([event({ type: 'shown' })], { metricOf: () => ({ metric: 'nps' }) });
    expect(JSON.parse(JSON.stringify(rows))).toEqual(rows);
  });

  describe('properties', () => {
    const responses = fc.array(
      fc.record({
        touchpoint: fc.constantFrom('a', 'b'),
        metric: fc.constantFrom('nps' as const, 'csat' as const),
        first: fc.integer({ min: 1, max: 5 }),
        second: fc.integer({ min: 1, max: 5 }),
        completes: fc.boolean(),
        dismissed: fc.boolean(),
      }),
      { maxLength: 30 },
    );
    function toEvents(
      list: {
        touchpoint: string;
        metric: 'nps' | 'csat';
        first: number;
        second: number;
        completes: boolean;
        dismissed: boolean;
      }[],
    ): WireEvent[] {
      return list.flatMap((r, i) => {
        const responseId = uuid(10_000 + i);
        const common = { responseId, touchpoint: r.touchpoint, surveyId: `${r.metric}-${r.touchpoint}` };
        const events: WireEvent[] = [
          event({ ...common, id: uuid(20_000 + i), type: 'shown' }),
          answered(r.first, { ...common, id: uuid(30_000 + i), at: '2026-11-20T10:00:01Z' }, r.metric),
        ];
        if (r.completes) {
          events.push(
            event({
              ...common,
              id: uuid(40_000 + i),
              type: 'completed',
              at: '2026-11-20T10:00:02Z',
              answers: [{ questionId: 'score', type: r.metric, value: r.second }],
            } as Partial<WireEvent>),
          );
        }
        if (r.dismissed && !r.completes)
          events.push(event({ ...common, id: uuid(50_000 + i), type: 'dismissed' }));
        return events;
      });
    }

    it('do not depend on event order or on duplicates', () => {
      fc.assert(
        fc.property(responses, fc.func(fc.integer()), fc.array(fc.nat()), (list, order, dupes) => {
          const events = toEvents(list);
          const shuffled = [...events].sort((a, b) => order(a.id) - order(b.id));
          const withDupes = [
            ...shuffled,
            ...dupes.flatMap((i) => (events.length === 0 ? [] : [events[i % events.length]!])),
          ];
          expect(summarizeEvents(withDupes)).toEqual(summarizeEvents(events));
        }),
      );
    });

    it('count one answer per response', () => {
      fc.assert(
        fc.property(responses, (list) => {
          const total = summarizeEvents(toEvents(list)).reduce((sum, row) => sum + row.n, 0);
          expect(total).toBe(list.length);
        }),
      );
    });
  });
});
