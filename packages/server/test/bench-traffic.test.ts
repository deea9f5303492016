/**
 * The load bench's widget traffic (`bench/sample-batch.ts`) is what its README and decision 0006 say it is: valid
 * batches of the wire contract, every card a `shown` event followed by `answered` and `completed` or by
 * `dismissed` (or nothing), one event of a card per batch, at core's sample rates. Figures measured with traffic
 * that is not the widget's would say nothing about the widget's load.
 */
import { seededRandom } from '@touchpoint/core/sample';
import { parseBatch } from '@touchpoint/core/schema';
import { describe, expect, it } from 'vitest';
import { WIDGET_RATES, widgetTraffic } from '../bench/sample-batch';

interface SentEvent {
  id: string;
  type: string;
  responseId: string;
  answers?: { questionId: string; value: unknown }[];
}

function send(batches: number, size: number): SentEvent[][] {
  const next = widgetTraffic(size, seededRandom(11));
  return Array.from({ length: batches }, () => {
    const parsed = parseBatch(JSON.parse(next()));
    if (!parsed.ok) throw new Error(parsed.problems[0]?.message);
    return parsed.value.events as SentEvent[];
  });
}

describe('the load bench’s widget traffic', () => {
  const size = 10;
  const batches = send(1200, size);
  const cards = new Map<string, { batch: number; event: SentEvent }[]>();
  batches.forEach((events, batch) => {
    for (const event of events)
      cards.set(event.responseId, [...(cards.get(event.responseId) ?? []), { batch, event }]);
  });
  // The cards still sending when the stream stops have not sent all their events.
  const finished = [...cards.values()].filter(([first]) => first!.batch < batches.length - 3);

  it('sends valid batches of the given size with every event id once', () => {
    expect(batches.every((events) => events.length === size)).toBe(true);
    const ids = batches.flat().map((event) => event.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('follows each card through the widget’s events in order, one per batch', () => {
    const lifecycles = new Set(finished.map((card) => card.map(({ event }) => event.type).join(' ')));
    expect([...lifecycles].sort()).toEqual(['shown', 'shown answered completed', 'shown dismissed']);
    for (const card of finished) {
      expect(card.map(({ batch }) => batch - card[0]!.batch)).toEqual(card.map((_, i) => i));
    }
    // The completed event repeats the answered score and may add a comment.
    for (const card of finished.filter((c) => c.length === 3)) {
      const [, answered, completed] = card.map(({ event }) => event.answers);
      expect(completed?.[0]).toEqual(answered?.[0]);
    }
  });

  it('answers, dismisses and comments at the rates it documents', () => {
    const share = (part: number, whole: number) => part / whole;
    const answered = finished.filter((card) => card.length === 3);
    const unanswered = finished.filter((card) => card.length < 3);
    const commented = answered.filter((card) => card[2]!.event.answers!.length === 2);
    expect(finished.length).toBeGreaterThan(4000);
    expect(share(answered.length, finished.length)).toBeCloseTo(WIDGET_RATES.answered, 1);
    expect(share(unanswered.filter((c) => c.length === 2).length, unanswered.length)).toBeCloseTo(
      WIDGET_RATES.dismissed,
      1,
    );
    expect(share(commented.length, answered.length)).toBeCloseTo(WIDGET_RATES.comment, 1);
  });
});
