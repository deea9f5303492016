/**
 * Issue 11 with real `touchpoint serve` processes: `--seed` seeds every site of a sites file, and the files the
 * server creates are private.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONFIG_PATH } from '../src/sites/demo-site';
import { SQLITE_FILE } from '../src/store/open-store';
import { openSqliteStore } from '../src/store/sqlite';
import { spawnServer } from './support/server-process';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'touchpoint-hardening-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function writeTwoSites(folder: string): string {
  const path = join(folder, 'touchpoint.sites.json');
  const site = (id: string) => ({
    id,
    publicKey: `pk_${id}_test`,
    secretKey: `sk_${id}_0123456789abcdef`,
    adminKey: `ak_${id}_0123456789abcdef`,
    allowedOrigins: ['*'],
    config: DEMO_CONFIG_PATH,
  });
  writeFileSync(path, JSON.stringify({ sites: [site('shop'), site('blog')] }));
  return path;
}

describe('touchpoint serve with two sites', () => {
  it('seeds every site with --seed, and keeps its data folder and files private', async () => {
    const data = join(dir, 'seeded');
    const server = await spawnServer(['--sites', writeTwoSites(dir), '--data', data, '--seed']);
    try {
      const out = server.output();
      const counts = [...out.matchAll(/(\d+) sample events into (\w+)/g)].map((m) => [m[2], Number(m[1])]);
      expect(counts.map(([site]) => site)).toEqual(['shop', 'blog']);
      expect(counts[0]![1]).toBeGreaterThan(0);
      expect(counts[1]![1]).toBe(counts[0]![1]);
      // While it runs, the database has its WAL and shared-memory files beside it.
      expect(statSync(data).mode & 0o777).toBe(0o700);
      for (const file of [SQLITE_FILE, `${SQLITE_FILE}-wal`, `${SQLITE_FILE}-shm`]) {
        expect(statSync(join(data, file)).mode & 0o777, file).toBe(0o600);
      }
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    const store = await openSqliteStore({ path: join(data, SQLITE_FILE) });
    expect(await store.countEvents('blog')).toBe(await store.countEvents('shop'));
    await store.close();
  });
});
