/**
 * The storage contract, on SQLite and on a real PostgreSQL 15: each id stored once, the server's times beside the
 * client's, and rollups that always equal core's `summarizeEvents` over the raw events.
 */
import { randomUUID } from 'node:crypto';
import { type CesPoints, type Metric, summarizeEvents, type WireEvent } from '@touchpoint/core';
import { generateSampleEvents, SAMPLE_TOUCHPOINTS, seededRandom } from '@touchpoint/core/sample';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeRollups } from '../src/store/rollup';
import type { IngestBatch, Store } from '../src/store/store';
import { databaseKinds, type TestDatabase } from './support/databases';
import { batch, event, shuffle } from './support/events';

const RECEIVED = Date.parse('2026-11-20T10:00:06.000Z');
const item = (events: WireEvent[], site = 'shop', sentAt?: string): IngestBatch => ({
  site,
  batch: batch(events, sentAt),
  receivedAt: RECEIVED,
});

const SAMPLE_KINDS = new Map<string, { metric: Metric; points?: CesPoints }>(
  SAMPLE_TOUCHPOINTS.map((tp) => [tp.surveyId, { metric: tp.metric }]),
);

/**
 * The sample data set plus changed answers: later `answered` events that must lose to `completed`, and second
 * `completed` events that must win by their later `at`.
 */
function sampleWithChanges(seed: number): WireEvent[] {
  const random = seededRandom(seed);
  const events = generateSampleEvents({ random, start: Date.parse('2026-09-07T00:00:00Z'), weeks: 3 });
  const extra: WireEvent[] = [];
  for (const e of events) {
    if (e.type !== 'completed' || random() > 0.15) continue;
    const score = e.answers.find((a) => a.type !== 'text');
    if (score === undefined) continue;
    const other = score.type === 'nps' ? Math.floor(random() * 11) : 1 + Math.floor(random() * 5);
    const later = new Date(Date.parse(e.at) + 60_000).toISOString();
    const changed = { ...score, value: other };
    extra.push({
      ...e,
      id: randomUUID(),
      type: random() < 0.5 ? 'answered' : 'completed',
      at: later,
      answers: [changed],
    });
  }
  return [...events, ...extra];
}

/** Delivers events in random order, with duplicates, in batches of 1–100, several batches per transaction. */
async function deliver(store: Store, events: readonly WireEvent[], seed: number): Promise<void> {
  const random = seededRandom(seed);
  const withCopies = [...events, ...events.filter(() => random() < 0.2)];
  const order = shuffle(withCopies, random);
  const batches: IngestBatch[] = [];
  for (let i = 0; i < order.length; ) {
    const size = 1 + Math.floor(random() * 100);
    batches.push(item(order.slice(i, i + size)));
    i += size;
  }
  for (let i = 0; i < batches.length; ) {
    const group = 1 + Math.floor(random() * 4);
    await store.ingest(batches.slice(i, i + group));
    i += group;
  }
}

describe.each(databaseKinds())('store on $name', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    if (!kind.skip) database = await kind.start();
  });
  afterAll(async () => {
    await database?.stop();
  });

  it.skipIf(kind.skip)(
    'stores each id once, within a batch, across batches and in a mixed batch',
    async () => {
      const store = await database.openStore();
      const a = event();
      const b = event();
      expect(await store.ingest([item([a, a])])).toEqual([{ stored: 1, duplicates: 1, conflicts: [] }]);
      expect(await store.ingest([item([a, b]), item([b])])).toEqual([
        { stored: 1, duplicates: 1, conflicts: [] },
        { stored: 0, duplicates: 1, conflicts: [] },
      ]);
      expect(await store.countEvents('shop')).toBe(2);
      expect((await store.events('shop')).map((s) => s.event)).toEqual([a, b]);
    },
  );

  it.skipIf(kind.skip)('keeps the first payload of a reused id and reports the conflict', async () => {
    const store = await database.openStore();
    const first = event();
    const changed = { ...first, answers: [{ questionId: 'score', type: 'nps', value: 0 }] } as WireEvent;
    await store.ingest([item([first])]);
    expect(await store.ingest([item([changed, first])])).toEqual([
      { stored: 0, duplicates: 2, conflicts: [first.id] },
    ]);
    expect((await store.events('shop')).map((s) => s.event)).toEqual([first]);
    expect(summarizeRollups(await store.rollups({ site: 'shop' }))[0]).toMatchObject({ n: 1, promoters: 1 });
  });

  it.skipIf(kind.skip)("stores the server's receive time and corrects the client's clock", async () => {
    const store = await database.openStore();
    // The client's clock is 3 days behind: the event happened 5 s before the batch was sent.
    const skewed = event({ at: '2026-11-17T10:00:00.000Z' });
    const future = event({ at: '2026-11-17T10:10:00.000Z' });
    await store.ingest([item([skewed, future], 'shop', '2026-11-17T10:00:05.000Z')]);
    const [a, b] = await store.events('shop');
    expect(a).toMatchObject({
      receivedAt: RECEIVED,
      sentAt: Date.parse('2026-11-17T10:00:05.000Z'),
      correctedAt: RECEIVED - 5000,
      day: '2026-11-20',
      clockSuspect: false,
      ipHash: null,
    });
    // An event stamped after its batch was sent: flagged, and never placed after the receive time.
    expect(b).toMatchObject({ correctedAt: RECEIVED, clockSuspect: true });
  });

  it.skipIf(kind.skip)(
    'keeps rollups equal to summarizeEvents, whatever the order and the copies',
    async () => {
      const store = await database.openStore();
      const events = sampleWithChanges(7);
      await deliver(store, events, 11);
      expect(await store.countEvents('shop')).toBe(events.length);
      const expected = summarizeEvents(events);
      expect(expected.length).toBe(SAMPLE_TOUCHPOINTS.length);
      expect(summarizeRollups(await store.rollups({ site: 'shop' }))).toEqual(expected);
    },
  );

  it.skipIf(kind.skip)('counts displays of a survey once its metric is known from the config', async () => {
    const store = await database.openStore();
    const events = sampleWithChanges(3);
    // Surveys of the config, registered before any event, and one survey nobody answers yet.
    await store.registerSurveys(
      'shop',
      [...SAMPLE_KINDS].map(([surveyId, k]) => ({ surveyId, ...k })),
    );
    const unanswered = Array.from({ length: 5 }, () => {
      const { answers: _, ...shown } = event({
        surveyId: 'ces-returns',
        touchpoint: 'returns.started',
      }) as WireEvent & {
        answers?: unknown;
      };
      return { ...shown, type: 'shown' } as WireEvent;
    });
    await deliver(store, [...events, ...unanswered], 5);
    const metricOf = (surveyId: string) => SAMPLE_KINDS.get(surveyId);
    expect(summarizeRollups(await store.rollups({ site: 'shop' }))).toEqual(
      summarizeEvents(events, { metricOf }),
    );

    // Adding the survey to the config counts the displays already stored.
    const mismatched = await store.registerSurveys('shop', [
      { surveyId: 'ces-returns', metric: 'ces', points: 5 },
      { surveyId: 'nps-checkout', metric: 'csat' },
    ]);
    expect(mismatched).toEqual([{ surveyId: 'nps-checkout', metric: 'nps' }]);
    const withReturns = (surveyId: string) =>
      surveyId === 'ces-returns'
        ? { metric: 'ces' as const, points: 5 as const }
        : SAMPLE_KINDS.get(surveyId);
    const all = summarizeEvents([...events, ...unanswered], { metricOf: withReturns });
    expect(all.find((row) => row.touchpoint === 'returns.started')).toMatchObject({ n: 0, shown: 5 });
    expect(summarizeRollups(await store.rollups({ site: 'shop' }))).toEqual(all);
  });

  it.skipIf(kind.skip)('reads any range of days, and keeps sites apart', async () => {
    const store = await database.openStore();
    const day = (d: string, value: number) =>
      event({
        type: 'completed',
        at: `${d}T12:00:00.000Z`,
        answers: [{ questionId: 'score', type: 'nps', value }],
      });
    const sentAt = (d: string) => `${d}T12:00:01.000Z`;
    for (const [d, value] of [
      ['2026-11-01', 10],
      ['2026-11-02', 0],
      ['2026-11-03', 9],
    ] as const) {
      await store.ingest([
        { site: 'shop', batch: batch([day(d, value)], sentAt(d)), receivedAt: Date.parse(sentAt(d)) },
        { site: 'blog', batch: batch([day(d, 0)], sentAt(d)), receivedAt: Date.parse(sentAt(d)) },
      ]);
    }
    const range = await store.rollups({ site: 'shop', from: '2026-11-02', to: '2026-11-03' });
    expect(range.map((row) => row.day)).toEqual(['2026-11-02', '2026-11-03']);
    expect(summarizeRollups(range)[0]).toMatchObject({ n: 2, promoters: 1, detractors: 1, score: 0 });
    expect(summarizeRollups(await store.rollups({ site: 'blog' }))[0]).toMatchObject({ n: 3, detractors: 3 });
  });
});
