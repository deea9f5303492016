/**
 * `touchpoint serve` as `pnpm start` runs it (the demo site, seeded), over real HTTP: the dashboard is built at
 * start into an empty folder and said so, the start-up lines give its URL and each key once, and the results key reads
 * the seeded touchpoints while the public key cannot.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OverviewResponse } from '@touchpoint/core';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServer } from './support/server-process';

describe('the demo server with its dashboard', () => {
  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-demo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds the dashboard at start, prints its URL and key, and serves the seeded results', async () => {
    const dist = join(dir, 'dashboard');
    const server = await spawnServer(['--data', join(dir, 'data'), '--dashboard', dist]);
    try {
      const { secretKey: key, adminKey } = JSON.parse(
        readFileSync(join(dir, 'data', 'demo-keys.json'), 'utf8'),
      ) as { secretKey: string; adminKey: string };
      expect(server.output()).toContain(
        `dashboard   ${server.url}/ — sign in with the site's results key; built at start into ${dist}`,
      );
      // Each key once, labelled; the demo's in full (they are made for this data folder), the survey count singular
      // or plural as it should be.
      expect(server.output().split(key)).toHaveLength(2);
      expect(server.output()).toContain(`results key  ${key} (`);
      expect(server.output().split(adminKey)).toHaveLength(2);
      expect(server.output()).toContain(`admin key    ${adminKey} (`);
      expect(server.output()).toMatch(/ \(4 surveys\)\n/);
      expect(server.output()).toMatch(
        /results {5}GET .*\/v1\/results\/\{overview,trend,compare,verbatims,segments,export\.csv,at-risk,journey,attributes\}/,
      );

      const page = await fetch(`${server.url}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'self'/);
      const script = /src="\.(\/assets\/[^"]+\.js)"/.exec(await page.text())?.[1];
      const asset = await fetch(`${server.url}${script}`);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

      const today = new Date().toISOString().slice(0, 10);
      const from = new Date(Date.now() - 27 * 86_400_000).toISOString().slice(0, 10);
      const url = `${server.url}/v1/results/overview?from=${from}&to=${today}`;
      const overview = await fetch(url, { headers: { Authorization: `Bearer ${key}` } });
      expect(overview.status).toBe(200);
      const body = (await overview.json()) as OverviewResponse;
      expect(body.rows.map((row) => row.touchpoint).sort()).toEqual([
        'checkout.completed',
        'onboarding.step3',
        'product.page',
        'support.article',
      ]);
      const refused = await fetch(url, { headers: { Authorization: 'Bearer pk_demo' } });
      expect(refused.status).toBe(401);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });
});
