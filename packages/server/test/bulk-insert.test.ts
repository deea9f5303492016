/**
 * The compiled-insert cache of the ingest transaction (`bulk-insert.ts`) on a real SQLite database: rows go in
 * fixed chunk sizes, a cached statement text writes the new rows' own values, and a statement with a value of its
 * own outside the rows is never served from the cache (so the cache cannot change what a statement does). On a real
 * PostgreSQL, the rows go as one JSON parameter: texts of every kind, nulls and large numbers arrive as they were.
 */
import { type PostgresHandle, postgresAvailable, startPostgres } from '@touchpoint/testkit';
import BetterSqlite3 from 'better-sqlite3';
import { type Generated, Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHUNK_SIZES, createBulkInsert, jsonRecordsetInsert, sizedChunks } from '../src/store/bulk-insert';
import type { Database } from '../src/store/tables';

interface Items {
  items: { id: number; name: string; note: string | null };
}

interface Wide {
  wide: { id: number; name: string; note: string | null; at_ms: number; n: Generated<number> };
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
const asStoreTrx = (trx: Transaction<Items> | Transaction<Wide>) => trx as unknown as Transaction<Database>;

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

describe('bulk inserts on PostgreSQL: the rows as one JSON parameter', () => {
  it('turns only a plain one-row insert into the JSON form', () => {
    const plain = 'insert into "items" ("id", "name") values ($1, $2) on conflict do nothing returning "id"';
    expect(jsonRecordsetInsert(plain, 2)).toBe(
      'insert into "items" ("id", "name") select "id", "name" from json_populate_recordset(null::"items", $1::json) on conflict do nothing returning "id"',
    );
    expect(jsonRecordsetInsert(plain, 3)).toBeNull();
    expect(jsonRecordsetInsert('insert into "items" ("id") values ($1), ($2)', 1)).toBeNull();
    expect(jsonRecordsetInsert('update "items" set "id" = $1', 1)).toBeNull();
  });

  describe.skipIf(!postgresAvailable())('on a real PostgreSQL', () => {
    let server: PostgresHandle | undefined;
    let pgdb: Kysely<Wide> | undefined;
    /** Every statement sent, as the database received it. */
    const statements: string[] = [];
    beforeAll(async () => {
      server = await startPostgres();
      const pool = new pg.Pool({ connectionString: await server.createDatabase('bulk'), max: 2 });
      pgdb = new Kysely<Wide>({
        dialect: new PostgresDialect({ pool }),
        log: (event) => {
          if (event.level === 'query') statements.push(event.query.sql);
        },
      });
      await sql`create table wide (id integer primary key, name text not null, note text, at_ms bigint not null, n integer not null default 0)`.execute(
        pgdb,
      );
    }, 60_000);
    afterAll(async () => {
      await pgdb?.destroy();
      await server?.stop();
    });

    const wide = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({
        id: from + i,
        // Quotes, backslashes, a NUL-free control character, emoji and a JSON-looking text survive as text.
        name: [`it's "${from + i}"`, 'back\\slash', 'tab\there', 'nps 🙂 ünïcødé', '{"json":1}'][i % 5]!,
        note: i % 3 === 0 ? null : `note ${i}`,
        at_ms: 1_796_595_989_811 + i,
      }));

    it('stores a thousand rows in one statement, returns what it inserted and skips stored ids', async () => {
      const db = pgdb!;
      const bulk = createBulkInsert('postgres');
      const insert = (trx: Transaction<Wide>, batch: ReturnType<typeof wide>) =>
        bulk.run(asStoreTrx(trx), 'wide', batch, (part) =>
          trx
            .insertInto('wide')
            .values(part)
            .onConflict((oc) => oc.column('id').doNothing())
            .returning(['id']),
        );
      statements.length = 0;
      const first = await db.transaction().execute((trx) => insert(trx, wide(1, 1000)));
      expect(first).toHaveLength(1000);
      const inserts = statements.filter((text) => text.startsWith('insert'));
      expect(inserts).toEqual([
        'insert into "wide" ("id", "name", "note", "at_ms") select "id", "name", "note", "at_ms" from json_populate_recordset(null::"wide", $1::json) on conflict ("id") do nothing returning "id"',
      ]);
      // 500 stored ids again and 500 new ones: only the new ones come back.
      const second = await db.transaction().execute((trx) => insert(trx, wide(501, 1000)));
      expect(second.map((r) => r.id).sort((a, b) => a - b)).toEqual(wide(1001, 500).map((r) => r.id));
      // A stored id keeps its first row: the second call's rows for ids 501–1000 were skipped.
      const stored = await db
        .selectFrom('wide')
        .select(['id', 'name', 'note', 'at_ms'])
        .orderBy('id')
        .execute();
      expect(stored.map((r) => ({ ...r, at_ms: Number(r.at_ms) }))).toEqual([
        ...wide(1, 1000),
        ...wide(501, 1000).slice(500),
      ]);
    });

    it('adds to stored rows through `excluded`, and a statement with a value of its own is still right', async () => {
      const db = pgdb!;
      await sql`truncate wide`.execute(db);
      const bulk = createBulkInsert('postgres');
      const bump = (
        trx: Transaction<Wide>,
        batch: { id: number; name: string; at_ms: number; n: number }[],
      ) =>
        bulk.run(asStoreTrx(trx), 'wide-bump', batch, (part) =>
          trx
            .insertInto('wide')
            .values(part)
            .onConflict((oc) => oc.column('id').doUpdateSet({ n: sql<number>`wide.n + excluded.n` })),
        );
      const rowsOf = (n: number) => [1, 2, 3].map((id) => ({ id, name: `r${id}`, at_ms: id, n }));
      for (const n of [1, 2, 4]) await db.transaction().execute((trx) => bump(trx, rowsOf(n)));
      const labelled = (trx: Transaction<Wide>, note: string) =>
        bulk.run(asStoreTrx(trx), 'wide-note', rowsOf(0), (part) =>
          trx
            .insertInto('wide')
            .values(part)
            .onConflict((oc) => oc.column('id').doUpdateSet({ note })),
        );
      await db.transaction().execute((trx) => labelled(trx, 'first'));
      await db.transaction().execute((trx) => labelled(trx, 'second'));
      const stored = await db.selectFrom('wide').select(['id', 'n', 'note']).orderBy('id').execute();
      expect(stored).toEqual([1, 2, 3].map((id) => ({ id, n: 7, note: 'second' })));
    });
  });
});
