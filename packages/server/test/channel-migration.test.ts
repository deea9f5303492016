/**
 * Migration 0006-channel on a PostgreSQL database that holds data (test/migration.test.ts does it on SQLite from the
 * first release): a database as it was before 0006 — no `channel` column on events, responses, texts and displays,
 * segment rollups keyed without a channel — is brought up to date at start, and afterwards every results answer
 * equals that of a database that had the channel all along, every stored event reads as `web`, and a new event
 * from another channel is kept apart.
 *
 * The database before 0006 is made the way it was: the full schema with the data ingested, then 0006 taken back
 * (its columns dropped, the rollups' key without the channel, its row removed from the migrations table).
 */
import { randomUUID } from 'node:crypto';
import type { WireEvent } from '@touchpoint/core';
import { type PostgresHandle, postgresAvailable, startPostgres } from '@touchpoint/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overview, segments } from '../src/results/results-service';
import { openPostgresStore } from '../src/store/postgres';
import type { Store } from '../src/store/store';
import { DELIVERED_AT, resultsDataSet, SURVEYS } from './support/results-data';

const SEGMENT_KEY = 'site, day, touchpoint, metric, points, device, locale, path';

/** Ingests `events` day by day, each day sent just after its last event (so each counts on its own day). */
async function ingestByDay(store: Store, events: readonly WireEvent[]): Promise<void> {
  const days = new Map<string, WireEvent[]>();
  for (const e of events) days.set(e.at.slice(0, 10), [...(days.get(e.at.slice(0, 10)) ?? []), e]);
  for (const dayEvents of days.values()) {
    const sent = Math.max(...dayEvents.map((e) => Date.parse(e.at))) + 1000;
    const sentAt = new Date(sent).toISOString();
    for (let i = 0; i < dayEvents.length; i += 100) {
      await store.ingest([
        { site: 'shop', batch: { sentAt, events: dayEvents.slice(i, i + 100) }, receivedAt: sent },
      ]);
    }
  }
}

describe.skipIf(!postgresAvailable())('migration 0006-channel on PostgreSQL with data', () => {
  let postgres: PostgresHandle;
  let fresh: Store;
  let migrated: Store;
  // Stored before 0006 existed: no event could name a channel.
  const events = resultsDataSet(77).map((event) => {
    const { channel: _, ...context } = event.context;
    return { ...event, context };
  });

  beforeAll(async () => {
    postgres = await startPostgres();
    fresh = await openPostgresStore({ url: await postgres.createDatabase('fresh_0006') });
    await fresh.registerSurveys('shop', SURVEYS);
    await ingestByDay(fresh, events);

    const oldUrl = await postgres.createDatabase('old_0006');
    const old = await openPostgresStore({ url: oldUrl });
    await old.registerSurveys('shop', SURVEYS);
    await ingestByDay(old, events);
    await old.close();
    const client = new pg.Client({ connectionString: oldUrl });
    await client.connect();
    try {
      await client.query('begin');
      // A database of the first release with channels held no later migration either: undo 0007 first.
      for (const table of ['attribute_rollups', 'attribute_values', 'inbox_history', 'inbox_items']) {
        await client.query(`drop table ${table}`);
      }
      for (const table of ['responses', 'displays'])
        await client.query(`alter table ${table} drop column attrs`);
      const later = await client.query(
        `delete from touchpoint_migrations where name = '0007-inbox-and-attribute-segments'`,
      );
      expect(later.rowCount).toBe(1);
      for (const table of ['events', 'responses', 'texts', 'displays']) {
        await client.query(`alter table ${table} drop column channel`);
      }
      await client.query('alter table segment_rollups drop constraint segment_rollups_channel_pk');
      await client.query('alter table segment_rollups drop column channel');
      await client.query(
        `alter table segment_rollups add constraint segment_rollups_pk primary key (${SEGMENT_KEY})`,
      );
      const removed = await client.query(`delete from touchpoint_migrations where name = '0006-channel'`);
      expect(removed.rowCount).toBe(1);
      await client.query('commit');
      const columns = await client.query(
        `select table_name from information_schema.columns where column_name = 'channel' and table_schema = 'public'`,
      );
      expect(columns.rows).toEqual([]);
    } finally {
      await client.end();
    }
    migrated = await openPostgresStore({ url: oldUrl });
  }, 180_000);

  afterAll(async () => {
    await fresh?.close();
    await migrated?.close();
    await postgres?.stop();
  });

  it.each([
    {},
    { device: 'mobile' as const },
    { locale: 'nl' },
    { path: '/help/chat' },
    { channel: 'web' as const },
    { channel: 'qr' as const },
  ])('gives the same overview, segment %o', async (segment) => {
    const query = { from: '2026-08-03', to: '2026-09-27', segment };
    const answer = await overview(migrated, 'shop', query);
    expect(answer).toEqual(await overview(fresh, 'shop', query));
    if (segment.channel === 'qr') expect(answer.rows).toEqual([]);
    else expect(answer.rows.length).toBeGreaterThan(0);
  });

  it('gives the same segments (by channel: all web), verbatims and responses', async () => {
    for (const by of ['device', 'locale', 'path', 'channel'] as const) {
      const query = {
        from: '2026-08-03',
        to: '2026-09-27',
        touchpoint: 'support.chat',
        kind: { metric: 'nps' as const, points: 0 as const },
        by,
        segment: {},
      };
      const answer = await segments(migrated, 'shop', query);
      expect(answer).toEqual(await segments(fresh, 'shop', query));
      if (by === 'channel') expect(answer.rows.map((row) => row.segment)).toEqual(['web']);
    }
    const all = { site: 'shop', fromMs: 0, toMs: DELIVERED_AT + 1, limit: 100_000 };
    const texts = await fresh.texts(all);
    expect(texts.length).toBeGreaterThan(100);
    expect(await migrated.texts(all)).toEqual(texts);
    expect(await migrated.scores(all)).toEqual(await fresh.scores(all));
    expect(new Set((await migrated.scores(all)).map((s) => s.channel))).toEqual(new Set(['web']));
  });

  it('keeps a new event of another channel apart after the migration', async () => {
    const at = '2026-09-20T10:00:00.000Z';
    const base = {
      v: 1 as const,
      surveyId: 'nps-chat',
      touchpoint: 'support.chat',
      responseId: randomUUID(),
      context: { path: '/s/nps-chat', channel: 'qr' as const },
      visitor: { id: 'qr-visitor' },
    };
    const qr: WireEvent[] = [
      { ...base, id: randomUUID(), type: 'shown', at },
      {
        ...base,
        id: randomUUID(),
        type: 'completed',
        at: '2026-09-20T10:00:05.000Z',
        answers: [{ questionId: 'score', type: 'nps', value: 3 }],
      },
    ];
    await ingestByDay(migrated, qr);
    const answer = await segments(migrated, 'shop', {
      from: '2026-08-03',
      to: '2026-09-27',
      touchpoint: 'support.chat',
      kind: { metric: 'nps', points: 0 },
      by: 'channel',
      segment: {},
    });
    expect(answer.rows.map((row) => [row.segment, row.n])).toContainEqual(['qr', 1]);
  });
});
