/**
 * The dashboard's files at `/`: the strict CSP on every file, `no-cache` for index.html and immutable caching for
 * the hashed assets, revalidation by ETag, nothing outside the folder, and the API routes never shadowed. Also
 * `ensureDashboard`, which builds the folder at start when it has no build.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { ensureDashboard } from '../src/dashboard/ensure-dashboard';
import { DASHBOARD_CSP } from '../src/http/dashboard-files';
import { openSqliteStore } from '../src/store/sqlite';
import type { Store } from '../src/store/store';
import { testSite } from './support/sites';

let dir: string;
let store: Store;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'touchpoint-files-'));
  store = await openSqliteStore({ path: ':memory:' });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A fake build: what the dashboard's Vite build writes. */
function writeBuild(out: string, marker = 'x'): void {
  mkdirSync(join(out, 'assets'), { recursive: true });
  writeFileSync(
    join(out, 'index.html'),
    `<!doctype html><title>${marker}</title><script src="./assets/index-abc.js"></script>`,
  );
  writeFileSync(join(out, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(out, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(out, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
}

describe('the dashboard files', () => {
  let app: Hono;
  beforeAll(() => {
    const dist = join(dir, 'dist');
    writeBuild(dist);
    writeFileSync(join(dir, 'secret.txt'), 'outside the folder');
    app = createApp({ store, sites: [testSite()], log: () => {}, dashboardDir: dist });
  });
  const get = (path: string, headers: Record<string, string> = {}) =>
    app.request(`http://touchpoint.test${path}`, { headers });

  it('serves index.html at / under the CSP, revalidated on every load', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
    expect(DASHBOARD_CSP.startsWith("default-src 'self'")).toBe(true);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await response.text()).toContain('<title>x</title>');
    const etag = response.headers.get('etag')!;
    const again = await get('/', { 'If-None-Match': etag });
    expect(again.status).toBe(304);
  });

  it('caches hashed assets for a year, the other files not', async () => {
    const script = await get('/assets/index-abc.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await get('/assets/index-abc.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    const icon = await get('/favicon.svg');
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%5c..%5csecret.txt',
    '/assets',
    '/missing.js',
    '/index.html%00.js',
  ])('never serves %s', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('outside the folder');
  });

  it('leaves the API routes alone', async () => {
    const unknown = await get('/v1/nothing');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect((await get('/healthz')).status).toBe(200);
  });

  it('says what to do when the dashboard is not built, or off', async () => {
    const empty = createApp({ store, sites: [testSite()], log: () => {}, dashboardDir: join(dir, 'empty') });
    const missing = await empty.request('http://touchpoint.test/');
    expect(missing.status).toBe(503);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toContain(
      '--filter @touchpoint/dashboard build',
    );
    const off = createApp({ store, sites: [testSite()], log: () => {}, dashboardDir: null });
    const response = await off.request('http://touchpoint.test/');
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('dashboard_off');
  });
});

describe('ensureDashboard', () => {
  it('builds a folder without a build once, and leaves a built one alone', async () => {
    const target = join(dir, 'once', 'dist');
    mkdirSync(join(dir, 'once'));
    let builds = 0;
    const build = async (out: string) => {
      builds += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      writeBuild(out, String(builds));
    };
    const results = await Promise.all([
      ensureDashboard({ dir: target, build }),
      ensureDashboard({ dir: target, build }),
    ]);
    expect(results.map((r) => r.dir)).toEqual([target, target]);
    expect(results.filter((r) => r.built)).toHaveLength(1); // the other found it built when done
    expect(await ensureDashboard({ dir: target, build })).toEqual({ dir: target, built: false });
    expect(builds).toBe(2);
    expect(readdirSync(join(dir, 'once'))).toEqual(['dist']); // no temporary folders left
  });

  it('replaces an interrupted build, and reports a failed one without leaving anything', async () => {
    const target = join(dir, 'broken', 'dist');
    mkdirSync(join(target, 'assets'), { recursive: true });
    writeFileSync(join(target, 'assets', 'half.js'), '');
    expect(await ensureDashboard({ dir: target, build: async (out) => writeBuild(out) })).toEqual({
      dir: target,
      built: true,
    });
    expect(existsSync(join(target, 'assets', 'half.js'))).toBe(false);

    const failing = join(dir, 'failing', 'dist');
    mkdirSync(join(dir, 'failing'));
    await expect(
      ensureDashboard({
        dir: failing,
        build: async () => {
          throw new Error('vite is not installed');
        },
      }),
    ).rejects.toThrow('vite is not installed');
    expect(readdirSync(join(dir, 'failing'))).toEqual([]);
  });
});
