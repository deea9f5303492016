import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHandle, browserAvailable, launchBrowser } from './browser';
import { POSTGRES_BIN, postgresAvailable, startPostgres } from './postgres';
import { startStaticServer } from './static-server';

describe.skipIf(!browserAvailable())('real Chromium against a loopback server', () => {
  let browser: BrowserHandle;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('loads a page under its CSP and records what the page sends', async () => {
    const server = await startStaticServer({
      pages: {
        '/': {
          body: '<!doctype html><title>t</title><script src="/app.js"></script>',
          csp: "default-src 'self'",
        },
        '/app.js': { body: "fetch('/collect', { method: 'POST', body: 'hello' });", type: 'text/javascript' },
      },
      onRequest: () => ({ status: 204 }),
    });
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      await expect
        .poll(() => server.requests.map((r) => `${r.method} ${r.path} ${r.body}`))
        .toEqual(['POST /collect hello']);
      await context.close();
    } finally {
      await server.close();
    }
  });
});

describe.skipIf(!postgresAvailable())('real PostgreSQL', () => {
  it('starts on 127.0.0.1, creates a database and stops', async () => {
    const pg = await startPostgres();
    try {
      expect(pg.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
      await expect(pg.createDatabase('touchpoint_test')).resolves.toMatch(/\/touchpoint_test$/);
    } finally {
      await pg.stop();
    }
  });

  it('starts with the shared buffer cache asked for, and refuses a size it cannot read', async () => {
    await expect(startPostgres({ sharedBuffers: 'lots' })).rejects.toThrow(/sharedBuffers is a size/);
    const pg = await startPostgres({ sharedBuffers: '96MB' });
    try {
      const shown = execFileSync(
        join(POSTGRES_BIN, 'psql'),
        ['-h', '127.0.0.1', '-p', String(pg.port), '-U', 'postgres', '-tAc', 'show shared_buffers'],
        { encoding: 'utf8' },
      );
      expect(shown.trim()).toBe('96MB');
    } finally {
      await pg.stop();
    }
  });
});
