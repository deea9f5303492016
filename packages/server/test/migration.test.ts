/**
 * A database written by the first release (schema 0001: no segments in the rollups, no verbatims table) is brought
 * up to date from its events at start: afterwards every results answer equals that of a database that had the new
 * schema all along. Its events are web events (it could store no other channel), and migration 0006 files every
 * row under `web`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overview, segments } from '../src/results/results-service';
import { migrate } from '../src/store/migrations';
import { openSqliteStore } from '../src/store/sqlite';
import type { Store } from '../src/store/store';
import type { Database } from '../src/store/tables';
import { DELIVERED_AT, resultsDataSet, SURVEYS } from './support/results-data';

const OLD_COLUMNS = {
  responses: [
    'site',
    'response_id',
    'question_id',
    'touchpoint',
    'metric',
    'points',
    'value',
    'completed',
    'at_ms',
    'event_id',
    'day',
  ],
  displays: ['site', 'response_id', 'touchpoint', 'metric', 'points', 'type', 'day'],
} as const;

describe('migration 0002 on a database of the first release', () => {
  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-migration-'));
  let fresh: Store;
  let migrated: Store;

  beforeAll(async () => {
    fresh = await openSqliteStore({ path: join(dir, 'fresh.sqlite') });
    await fresh.registerSurveys('shop', SURVEYS);
    // The first release refused any channel: its events are the data set's without one.
    const events = resultsDataSet(99).map((event) => {
      const { channel: _, ...context } = event.context;
      return { ...event, context };
    });
    // Each day's events are sent (and received) just after the last of them: the server counts an event no earlier
    // than its receive time minus core's MAX_EVENT_AGE_MS, so every event counts on its own day.
    const days = new Map<string, typeof events>();
    for (const e of events) days.set(e.at.slice(0, 10), [...(days.get(e.at.slice(0, 10)) ?? []), e]);
    for (const dayEvents of days.values()) {
      const sent = Math.max(...dayEvents.map((e) => Date.parse(e.at))) + 1000;
      const sentAt = new Date(sent).toISOString();
      for (let i = 0; i < dayEvents.length; i += 100) {
        await fresh.ingest([
          { site: 'shop', batch: { sentAt, events: dayEvents.slice(i, i + 100) }, receivedAt: sent },
        ]);
      }
    }

    // The same data as the first release stored it: its schema, its columns.
    const oldPath = join(dir, 'old.sqlite');
    const schema = new Kysely<Database>({
      dialect: new SqliteDialect({ database: new BetterSqlite3(oldPath) }),
    });
    await migrate(schema, 'sqlite', '0001-initial-schema');
    await schema.destroy();
    const source = new BetterSqlite3(join(dir, 'fresh.sqlite'), { readonly: true });
    const old = new BetterSqlite3(oldPath);
    const copy = (table: string, only?: readonly string[]) => {
      const rows = source
        .prepare(`select ${only === undefined ? '*' : only.join(', ')} from ${table}`)
        .all() as Record<string, unknown>[];
      const known = new Set(
        (old.prepare(`pragma table_info(${table})`).all() as { name: string }[]).map((c) => c.name),
      );
      const columns = Object.keys(rows[0] ?? {}).filter((column) => known.has(column));
      const insert = old.prepare(
        `insert into ${table} (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`,
      );
      old.transaction(() => {
        for (const row of rows) insert.run(row);
      })();
    };
    copy('events');
    copy('surveys');
    copy('responses', OLD_COLUMNS.responses);
    copy('displays', OLD_COLUMNS.displays);
    copy('rollups');
    source.close();
    old.close();

    migrated = await openSqliteStore({ path: oldPath });
  }, 120_000);

  afterAll(async () => {
    await fresh?.close();
    await migrated?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    {},
    { device: 'mobile' as const },
    { locale: 'nl' },
    { path: '/help/chat' },
    { channel: 'web' as const },
  ])('gives the same overview, segment %o', async (segment) => {
    const query = { from: '2026-08-03', to: '2026-09-27', segment };
    expect(await overview(migrated, 'shop', query)).toEqual(await overview(fresh, 'shop', query));
  });

  it('gives the same segments, verbatims and responses', async () => {
    for (const by of ['device', 'locale', 'path', 'channel'] as const) {
      const query = {
        from: '2026-08-03',
        to: '2026-09-27',
        touchpoint: 'support.chat',
        kind: { metric: 'nps' as const, points: 0 as const },
        by,
        segment: {},
      };
      expect(await segments(migrated, 'shop', query)).toEqual(await segments(fresh, 'shop', query));
    }
    const all = { site: 'shop', fromMs: 0, toMs: DELIVERED_AT + 1, limit: 100_000 };
    const texts = await fresh.texts(all);
    expect(texts.length).toBeGreaterThan(100);
    expect(await migrated.texts(all)).toEqual(texts);
    expect(await migrated.scores(all)).toEqual(await fresh.scores(all));
    const channels = await segments(migrated, 'shop', {
      from: '2026-08-03',
      to: '2026-09-27',
      touchpoint: 'support.chat',
      kind: { metric: 'nps', points: 0 },
      by: 'channel',
      segment: {},
    });
    expect(channels.rows.map((row) => row.segment)).toEqual(['web']);
  });
});
