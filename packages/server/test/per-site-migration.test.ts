/**
 * Migration 0003 on a SQLite database written before it (ids unique across the server): the events keep their
 * rows and order, and afterwards another site may store an event with an id the first site already has.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { toEventRow } from '../src/store/event-row';
import { migrate } from '../src/store/migrations';
import { openSqliteStore } from '../src/store/sqlite';
import type { Database } from '../src/store/tables';
import { batch, event } from './support/events';

const dir = mkdtempSync(join(tmpdir(), 'touchpoint-0003-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migration 0003-per-site-events', () => {
  it('keeps the stored events and their order, then keys ids per site', async () => {
    const path = join(dir, 'old.sqlite');
    const old = new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(path) }) });
    await migrate(old, 'sqlite', '0002-segments-and-verbatims');
    const received = Date.parse('2026-11-20T10:00:06.000Z');
    const events = [event(), event(), event()];
    for (const e of events) {
      // A database of that release has no channel column (migration 0006 adds it).
      const { channel: _, ...row } = toEventRow('a', e, received - 1000, received, null);
      await old.insertInto('events').values(row).execute();
    }
    await old.destroy();

    const store = await openSqliteStore({ path });
    expect((await store.events('a')).map((s) => s.event.id)).toEqual(events.map((e) => e.id));
    const [copy] = await store.ingest([{ site: 'b', batch: batch([events[0]!]), receivedAt: received }]);
    expect(copy).toMatchObject({ stored: 1, duplicates: 0 });
    const [again] = await store.ingest([{ site: 'a', batch: batch([events[1]!]), receivedAt: received }]);
    expect(again).toMatchObject({ stored: 0, duplicates: 1 });
    const [fresh] = await store.ingest([{ site: 'a', batch: batch([event()]), receivedAt: received }]);
    expect(fresh).toMatchObject({ stored: 1 });
    expect((await store.events('a')).slice(0, 3).map((s) => s.event.id)).toEqual(events.map((e) => e.id));
    expect(await store.countEvents()).toBe(5);
    await store.close();
  });
});
