/**
 * The SQLite store in its worker thread (decision 0006): the main thread's proxy has every method of the store,
 * and a stopped worker makes every call fail as `StoreUnavailableError` (a 503, never a 2xx).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/store/sqlite';
import { StoreUnavailableError } from '../src/store/store';
import { batch, event } from './support/events';

const dir = mkdtempSync(join(tmpdir(), 'touchpoint-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the SQLite worker', () => {
  it('forwards every method of the store, and the data is the same file the main thread would open', async () => {
    const path = join(dir, 'a', 'touchpoint.sqlite');
    const inWorker = await openSqliteStore({ path });
    const here = await openSqliteStore({ path, thread: 'main' });
    const methods = (store: object) =>
      Object.keys(store)
        .filter((key) => typeof (store as Record<string, unknown>)[key] === 'function')
        .sort();
    expect(methods(inWorker)).toEqual(methods(here));
    expect(inWorker.dialect).toBe('sqlite');
    expect(inWorker.location).toBe(here.location);
    const [result] = await inWorker.ingest([
      { site: 'shop', batch: batch([event()]), receivedAt: Date.now() },
    ]);
    expect(result).toMatchObject({ stored: 1, duplicates: 0 });
    expect(await here.countEvents('shop')).toBe(1);
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
