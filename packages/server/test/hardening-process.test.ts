/**
 * Issue 11 with real `touchpoint serve` processes: `--seed` seeds every site of a sites file, and the files the
 * server creates are private.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../src/cli/exit-codes';
import type { CliIo } from '../src/cli/io';
import { main } from '../src/cli/main';
import { DEMO_CONFIG_PATH } from '../src/sites/demo-site';
import { SQLITE_FILE } from '../src/store/open-store';
import { openSqliteStore } from '../src/store/sqlite';
import { deliverByDay, privacyEvents, summaries } from './support/privacy-data';
import { spawnServer } from './support/server-process';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'touchpoint-hardening-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function writeTwoSites(folder: string, retentionDays: Record<string, number> = {}): string {
  const path = join(folder, 'touchpoint.sites.json');
  const site = (id: string) => ({
    id,
    ...(retentionDays[id] === undefined ? {} : { retentionDays: retentionDays[id] }),
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

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env: {},
    cwd: dir,
    stopSignal: new Promise(() => {}),
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

describe('touchpoint erase and prune', () => {
  it('erase removes one visitor, user or response; prune applies each site’s retentionDays', async () => {
    const data = join(dir, 'privacy');
    const store = await openSqliteStore({ path: join(data, SQLITE_FILE) });
    const events = privacyEvents(3);
    await deliverByDay(store, 'shop', events);
    await store.close();

    expect((await cli(['erase', '--site', 'shop', '--data', data])).code).toBe(EXIT.usage);
    expect(
      (await cli(['erase', '--site', 'shop', '--visitor', 'a', '--user', 'b', '--data', data])).code,
    ).toBe(EXIT.usage);
    const visitor = events.filter((e) => e.visitor.id === 'visitor-2').length;
    const erased = await cli(['erase', '--site', 'shop', '--visitor', 'visitor-2', '--data', data]);
    expect(erased).toMatchObject({ code: EXIT.ok });
    expect(erased.stdout).toContain(`erased ${visitor} events of visitor visitor-2 in shop`);
    const byUser = await cli(['erase', '--site', 'shop', '--user', 'user-7', '--data', data]);
    expect(byUser.stdout).toMatch(/erased [1-9]\d* events of user user-7/);

    const sitesFile = writeTwoSites(dir, { shop: 2 });
    const pruned = await cli(['prune', '--sites', sitesFile, '--data', data]);
    expect(pruned).toMatchObject({ code: EXIT.ok });
    expect(pruned.stdout).toMatch(/shop: deleted [1-9]\d* events and \d+ texts from before/);
    expect(pruned.stdout).not.toContain('blog');
    const after = await openSqliteStore({ path: join(data, SQLITE_FILE) });
    // The data set is weeks old: with 2 days kept, every raw event is gone and the rollups stay.
    expect(await after.countEvents('shop')).toBe(0);
    const rows = await summaries(after, 'shop');
    expect(rows.rollups.length).toBeGreaterThan(0);
    await after.close();
    expect((await cli(['prune', '--site', 'shop', '--days', '1', '--data', data])).code).toBe(EXIT.usage);
  });
});
