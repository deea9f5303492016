/**
 * The store in its worker thread (decision 0006), on SQLite and on a real PostgreSQL 15: the main thread's proxy
 * has every method of the store and works on the same data, a stopped worker makes every call fail as
 * `StoreUnavailableError` (a 503, never a 2xx), and so does a database that went away under the worker.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresAvailable, startPostgres } from '@touchpoint/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../src/store/postgres';
import { openSqliteStore } from '../src/store/sqlite';
import { type Store, StoreUnavailableError } from '../src/store/store';
import { batch, event } from './support/events';

const dir = mkdtempSync(join(tmpdir(), 'touchpoint-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const methods = (store: object) =>
  Object.keys(store)
    .filter((key) => typeof (store as Record<string, unknown>)[key] === 'function')
    .sort();

/** Both stores see one database: what the worker stores, the calling thread's store counts. */
async function sameData(inWorker: Store, here: Store): Promise<void> {
  expect(methods(inWorker)).toEqual(methods(here));
  expect(inWorker.dialect).toBe(here.dialect);
  expect(inWorker.location).toBe(here.location);
  const [result] = await inWorker.ingest([{ site: 'shop', batch: batch([event()]), receivedAt: Date.now() }]);
  expect(result).toMatchObject({ stored: 1, duplicates: 0 });
  expect(await here.countEvents('shop')).toBe(1);
}

describe('the SQLite worker', () => {
  it('forwards every method of the store, and the data is the same file the main thread would open', async () => {
    const path = join(dir, 'a', 'touchpoint.sqlite');
    const inWorker = await openSqliteStore({ path });
    const here = await openSqliteStore({ path, thread: 'main' });
    await sameData(inWorker, here);
    await here.close();
    await inWorker.close();
  });

  it('fails every call as StoreUnavailableError once the worker stopped', async () => {
    const store = await openSqliteStore({ path: join(dir, 'b', 'touchpoint.sqlite') });
    await store.close();
    await expect(store.countEvents()).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('reports a database it cannot open', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    await expect(openSqliteStore({ path: join(file, 'touchpoint.sqlite') })).rejects.toThrow(
      /EEXIST|ENOTDIR/,
    );
  });
});

describe.skipIf(!postgresAvailable())('the PostgreSQL worker', () => {
  it('forwards every method, works on the same database, and reports a database gone as StoreUnavailableError', async () => {
    const pg = await startPostgres();
    try {
      const url = await pg.createDatabase('worker');
      const inWorker = await openPostgresStore({ url, thread: 'worker', connectTimeoutMs: 1000 });
      const here = await openPostgresStore({ url });
      await sameData(inWorker, here);
      await here.close();
      await pg.stop();
      await expect(
        inWorker.ingest([{ site: 'shop', batch: batch([event()]), receivedAt: Date.now() }]),
      ).rejects.toBeInstanceOf(StoreUnavailableError);
      await inWorker.close();
      await expect(inWorker.countEvents()).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await pg.stop();
    }
  });
});
