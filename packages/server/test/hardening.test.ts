/**
 * Issue 11's store contract, on SQLite and on a real PostgreSQL 15: event ids per site, the bounded event time,
 * events checked against the surveys a site published, erasure and retention, each checked against core's
 * `summarizeEvents` over what is left.
 */
import { MAX_EVENT_AGE_MS, summarizeEvents, type WireEvent } from '@touchpoint/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleRetention } from '../src/retention';
import { summarizeRollups } from '../src/store/rollup';
import { SURVEY_GRACE_MS } from '../src/store/store';
import { databaseKinds, type TestDatabase } from './support/databases';
import { batch, event } from './support/events';
import { deliverByDay, metricOf, PRIVACY_START, privacyEvents } from './support/privacy-data';
import { testSite } from './support/sites';

const DAY = 86_400_000;
const RECEIVED = Date.parse('2026-11-20T10:00:06.000Z');

describe.each(databaseKinds())('hardened store on $name', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    if (!kind.skip) database = await kind.start();
  });
  afterAll(async () => {
    await database?.stop();
  });

  it.skipIf(kind.skip)('keeps event ids per site: site B’s answer with site A’s id is stored', async () => {
    const store = await database.openStore();
    const a = event({ answers: [{ questionId: 'score', type: 'nps', value: 2 }] } as Partial<WireEvent>);
    const b = { ...a, answers: [{ questionId: 'score', type: 'nps', value: 10 }] } as WireEvent;
    const [first] = await store.ingest([{ site: 'a', batch: batch([a]), receivedAt: RECEIVED }]);
    const [second] = await store.ingest([{ site: 'b', batch: batch([b]), receivedAt: RECEIVED }]);
    expect(first).toMatchObject({ stored: 1, duplicates: 0 });
    expect(second).toMatchObject({ stored: 1, duplicates: 0 });
    // Within one site the id is still the idempotency key.
    const [again] = await store.ingest([{ site: 'b', batch: batch([b]), receivedAt: RECEIVED }]);
    expect(again).toMatchObject({ stored: 0, duplicates: 1 });
    const storedB = await store.events('b');
    expect(storedB.map((s) => s.event)).toEqual([b]);
    const rowsB = await store.rollups({ site: 'b' });
    expect(rowsB.reduce((n, row) => n + (row.counts[10] ?? 0), 0)).toBe(1);
    const rowsA = await store.rollups({ site: 'a' });
    expect(rowsA.reduce((n, row) => n + (row.counts[2] ?? 0), 0)).toBe(1);
    // Both sites' results equal core's summary of their own events.
    for (const site of ['a', 'b']) {
      const events = (await store.events(site)).map((s) => s.event);
      expect(events).toHaveLength(1);
      expect(summarizeEvents(events)[0]?.n).toBe(1);
    }
    await store.close();
  });

  it.skipIf(kind.skip)(
    'counts an event no earlier than its receive time minus the max age, whatever its at says',
    async () => {
      const store = await database.openStore();
      const received = Date.parse('2026-11-20T10:00:00.000Z');
      const sentAt = new Date(received).toISOString();
      const forged = event({ at: '1970-01-01T00:00:00.000Z' });
      // A legitimate offline event: answered 20 hours before the page came back online and sent it.
      const late = event({ at: new Date(received - 20 * 3_600_000).toISOString() });
      await store.ingest([{ site: 'shop', batch: batch([forged, late], sentAt), receivedAt: received }]);
      const stored = new Map((await store.events('shop')).map((s) => [s.event.id, s]));
      expect(stored.get(forged.id)).toMatchObject({
        correctedAt: received - MAX_EVENT_AGE_MS,
        day: '2026-11-19',
        clockSuspect: true,
      });
      expect(stored.get(forged.id)?.event.at).toBe('1970-01-01T00:00:00.000Z');
      expect(stored.get(late.id)).toMatchObject({
        correctedAt: received - 20 * 3_600_000,
        day: '2026-11-19',
        clockSuspect: false,
      });
      expect(await store.rollups({ site: 'shop', from: '1970-01-01', to: '1970-01-02' })).toEqual([]);
      const days = (await store.rollups({ site: 'shop' })).map((row) => row.day);
      expect(days).toEqual(['2026-11-19']);
      await store.close();
    },
  );

  it.skipIf(kind.skip)(
    'accepts events of a removed or closed survey for the grace period, then refuses them',
    async () => {
      const store = await database.openStore();
      const t0 = Date.parse('2026-11-01T00:00:00.000Z');
      const nps = { surveyId: 'nps-checkout', metric: 'nps', touchpoint: 'checkout.completed' } as const;
      const csat = { surveyId: 'csat-support', metric: 'csat', touchpoint: 'support.article' } as const;
      await store.registerSurveys('shop', [nps, csat], { complete: true, now: t0 });
      // The next published version removes csat-support and closes nps-checkout.
      const removedAt = t0 + DAY;
      await store.registerSurveys('shop', [{ ...nps, enabled: false }], { complete: true, now: removedAt });
      const send = async (e: WireEvent, receivedAt: number) => {
        const sentAt = new Date(receivedAt).toISOString();
        const [result] = await store.ingest([
          { site: 'shop', batch: batch([{ ...e, at: sentAt }], sentAt), receivedAt, checkSurveys: true },
        ]);
        return result!;
      };
      const csatEvent = () =>
        event({
          surveyId: 'csat-support',
          touchpoint: 'support.article',
          answers: [{ questionId: 'score', type: 'csat', value: 4 }],
        } as Partial<WireEvent>);
      const within = removedAt + SURVEY_GRACE_MS - 60_000;
      const after = removedAt + SURVEY_GRACE_MS + 60_000;
      expect(await send(event(), within)).toMatchObject({ stored: 1 });
      expect(await send(csatEvent(), within)).toMatchObject({ stored: 1 });
      expect((await send(event(), after)).refused?.[0]?.path).toBe('events[0].surveyId');
      expect((await send(csatEvent(), after)).refused?.[0]?.path).toBe('events[0].surveyId');
      // Published again: accepted again.
      await store.registerSurveys('shop', [nps, csat], { complete: true, now: after });
      expect(await send(event(), after + 1)).toMatchObject({ stored: 1 });
      await store.close();
    },
  );

  it.skipIf(kind.skip)(
    'prunes raw events and texts past the retention on schedule, and keeps the rollups',
    async () => {
      const store = await database.openStore();
      const events = privacyEvents(5);
      await deliverByDay(store, 'shop', events);
      const rollupsBefore = await store.rollups({ site: 'shop' });
      const summaryBefore = summarizeRollups(rollupsBefore);
      expect(summaryBefore).toEqual(summarizeEvents(events, { metricOf }));
      // Keep 7 days, as seen 14 days after the data set began: its first week goes.
      const now = PRIVACY_START + 14 * DAY + 3_600_000;
      const site = { ...testSite(), retentionDays: 7 };
      const logs: string[] = [];
      const schedule = scheduleRetention(store, [site, testSite({ id: 'kept', publicKey: 'pk_kept_test' })], {
        clock: { now: () => now },
        log: (line) => logs.push(line),
      });
      await schedule.stop();
      const cutoff = '2026-09-14';
      const kept = (await store.events('shop')).map((s) => s.event);
      expect(kept.length).toBe(events.filter((e) => e.at.slice(0, 10) >= cutoff).length);
      expect(kept.length).toBeGreaterThan(0);
      expect(kept.every((e) => e.at.slice(0, 10) >= cutoff)).toBe(true);
      const texts = await store.texts({ site: 'shop', fromMs: 0, toMs: now, limit: 100_000 });
      expect(texts.length).toBeGreaterThan(0);
      expect(texts.every((t) => new Date(t.correctedAt).toISOString().slice(0, 10) >= cutoff)).toBe(true);
      // The rollups hold no personal data and stay: trends over the pruned days remain.
      expect(await store.rollups({ site: 'shop' })).toEqual(rollupsBefore);
      expect(logs.join('\n')).toContain('retention: deleted');
      await store.close();
    },
  );
});
