/**
 * Backups of the SQLite file while the server runs, exactly as docs/operating-the-server.md tells an operator:
 * `sqlite3 touchpoint.sqlite ".backup 'copy.sqlite'"` and `sqlite3 touchpoint.sqlite "VACUUM INTO 'copy.sqlite'"`
 * against a database that a live store keeps open in WAL mode, with its newest commits still in the -wal file
 * (never checkpointed) and writes going on between the two copies. Each copy opens as a store and holds every
 * event committed before it was taken, with the same rollups. Without the sqlite3 command (a laptop), the same two
 * operations run through better-sqlite3's online backup API and SQL, so the property is still checked; CI
 * installs sqlite3 and runs the commands themselves.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSampleData } from '../src/seed-sample-data';
import { openSqliteStore } from '../src/store/sqlite';
import type { Store } from '../src/store/store';

const SQLITE3 = ['/usr/bin/sqlite3', '/usr/local/bin/sqlite3'].find((path) => existsSync(path));
if (SQLITE3 === undefined && process.env.CI)
  throw new Error('CI needs the sqlite3 command (apt-get install sqlite3)');

/** `.backup` as the operator runs it, or the same online backup API through better-sqlite3. */
async function backup(file: string, copy: string): Promise<void> {
  if (SQLITE3 !== undefined) {
    execFileSync(SQLITE3, [file, `.backup '${copy}'`]);
    return;
  }
  const db = new Database(file, { readonly: true });
  await db.backup(copy);
  db.close();
}

/** `VACUUM INTO` as the operator runs it (the same SQL either way). */
function vacuumInto(file: string, copy: string): void {
  if (SQLITE3 !== undefined) {
    execFileSync(SQLITE3, [file, `VACUUM INTO '${copy}'`]);
    return;
  }
  const db = new Database(file, { readonly: true });
  db.prepare('VACUUM INTO ?').run(copy);
  db.close();
}

describe(`online backups of the SQLite file (${SQLITE3 ?? 'better-sqlite3'})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-backup-'));
  const file = join(dir, 'touchpoint.sqlite');
  const now = Date.parse('2026-11-30T12:00:00Z');
  let store: Store;

  beforeAll(async () => {
    store = await openSqliteStore({ path: file });
    await seedSampleData(store, { site: 'shop', now, weeks: 4 });
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function expectSameAs(copy: string, site: string): Promise<void> {
    const restored = await openSqliteStore({ path: copy });
    try {
      expect(await restored.countEvents(site)).toBe(await store.countEvents(site));
      expect(await restored.rollups({ site })).toEqual(await store.rollups({ site }));
    } finally {
      await restored.close();
    }
  }

  it('.backup copies a live database, the commits still in its -wal file included', async () => {
    expect(existsSync(`${file}-wal`)).toBe(true);
    const copy = join(dir, 'backup.sqlite');
    await backup(file, copy);
    expect(await store.countEvents('shop')).toBeGreaterThan(1000);
    await expectSameAs(copy, 'shop');
  });

  it('VACUUM INTO makes a compact copy after more writes, while the store stays open', async () => {
    await seedSampleData(store, { site: 'blog', now, weeks: 1, seed: 7 });
    expect(await store.countEvents('blog')).toBeGreaterThan(0);
    const copy = join(dir, 'vacuum.sqlite');
    vacuumInto(file, copy);
    await expectSameAs(copy, 'shop');
    await expectSameAs(copy, 'blog');
    // The store goes on writing after both copies.
    await seedSampleData(store, { site: 'docs', now, weeks: 1, seed: 8 });
    expect(await store.countEvents('docs')).toBeGreaterThan(0);
  });
});
