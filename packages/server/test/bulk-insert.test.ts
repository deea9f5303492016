/**
 * The compiled-insert cache of the ingest transaction (`bulk-insert.ts`) on a real SQLite database: rows go in
 * fixed chunk sizes, a cached statement text writes the new rows' own values, and a statement with a value of its
 * own outside the rows is never served from the cache (so the cache cannot change what a statement does).
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type Transaction } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { CHUNK_SIZES, createBulkInsert, sizedChunks } from '../src/store/bulk-insert';
import type { Database } from '../src/store/tables';

interface Items {
  items: { id: number; name: string; note: string | null };
}

let db: Kysely<Items> | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

async function open(): Promise<Kysely<Items>> {
  db = new Kysely<Items>({ dialect: new SqliteDialect({ database: new BetterSqlite3(':memory:') }) });
  await sql`create table items (id integer primary key, name text not null, note text)`.execute(db);
  return db;
}

const rows = (from: number, count: number, note: string | null = null) =>
  Array.from({ length: count }, (_, i) => ({ id: from + i, name: `item ${from + i}`, note }));

/** The bulk helper is typed for the store's tables; these tests use their own table through the same calls. */
const asStoreTrx = (trx: Transaction<Items>) => trx as unknown as Transaction<Database>;

describe('bulk inserts', () => {
  it('cuts rows into the fixed chunk sizes, largest first, keeping their order', () => {
    const items = Array.from({ length: 437 }, (_, i) => i);
    const parts = sizedChunks(items);
    expect(parts.map((p) => p.length)).toEqual([400, 25, 5, 5, 1, 1]);
    expect(parts.flat()).toEqual(items);
    expect(sizedChunks([])).toEqual([]);
    expect(CHUNK_SIZES[CHUNK_SIZES.length - 1]).toBe(1);
  });

  it('writes each call’s own values when the statement text comes from the cache', async () => {
    const items = await open();
    const bulk = createBulkInsert();
    const insert = (trx: Transaction<Items>, batch: ReturnType<typeof rows>) =>
      bulk.run(asStoreTrx(trx), 'items', batch, (part) =>
        trx.insertInto('items').values(part).returning(['id', 'name']),
      );
    const first = await items.transaction().execute((trx) => insert(trx, rows(1, 7)));
    // Same shapes (5 + 1 + 1 rows): served from the cache, with these rows' values.
    const second = await items.transaction().execute((trx) => insert(trx, rows(100, 7)));
    expect(first.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(second).toEqual(rows(100, 7).map(({ id, name }) => ({ id, name })));
    const stored = await items.selectFrom('items').selectAll().orderBy('id').execute();
    expect(stored).toEqual([...rows(1, 7), ...rows(100, 7)]);
  });

  it('never caches a statement whose parameters are not just the rows’ values', async () => {
    const items = await open();
    const bulk = createBulkInsert();
    // The conflict clause carries a value of its own: a cached text would bind the rows' values in its place.
    const upsert = (trx: Transaction<Items>, batch: ReturnType<typeof rows>, note: string) =>
      bulk.run(asStoreTrx(trx), 'items-upsert', batch, (part) =>
        trx
          .insertInto('items')
          .values(part)
          .onConflict((oc) => oc.column('id').doUpdateSet({ note })),
      );
    await items.transaction().execute((trx) => upsert(trx, rows(1, 5), 'first'));
    await items.transaction().execute((trx) => upsert(trx, rows(1, 5), 'second'));
    await items.transaction().execute((trx) => upsert(trx, rows(1, 5), 'third'));
    const stored = await items.selectFrom('items').select(['id', 'note']).orderBy('id').execute();
    expect(stored).toEqual(rows(1, 5).map(({ id }) => ({ id, note: 'third' })));
  });
});
