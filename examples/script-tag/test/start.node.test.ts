/**
 * Root `pnpm start`, as a newcomer runs it: a child process that builds the widget, starts the reference server
 * and the shop, and prints both addresses and the results key; the shop's pages talk to that server, and Ctrl+C
 * stops both cleanly.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const START = fileURLToPath(new URL('../src/start.ts', import.meta.url));

describe('pnpm start', () => {
  let child: ChildProcess;
  let output = '';
  let dir: string;
  let shop: string;
  let server: string;
  let key: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'touchpoint-start-'));
    child = spawn(
      process.execPath,
      [
        '--conditions=@touchpoint/source',
        '--import',
        'tsx',
        START,
        '--',
        '--port',
        '0',
        '--shop-port',
        '0',
        '--data',
        join(dir, 'data'),
        // Never the widget's own dist/: the widget's size test rebuilds that folder while the suites run.
        '--widget-out',
        join(dir, 'widget'),
      ],
      { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    await new Promise<void>((resolve, reject) => {
      const take = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Stop with Ctrl+C.')) resolve();
      };
      child.stdout?.on('data', take);
      child.stderr?.on('data', take);
      child.once('exit', (code) => reject(new Error(`pnpm start exited with ${code}:\n${output}`)));
    });
    shop = /the example shop is open: (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)![1]!;
    server = /Touchpoint server {2}(http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1]!;
    key = /Results key {8}(sk_\S+)/.exec(output)![1]!;
  }, 60_000);
  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the shop, each touchpoint’s page, the server, the dashboard and the results key', () => {
    expect(output).toContain(`CSAT  scroll down a product page         ${shop}/products/moka-pot.html`);
    expect(output).toContain(`NPS   place an order                     ${shop}/checkout.html`);
    expect(output).toContain(`${shop}/support/articles/returns.html`);
    expect(output).toContain(`Dashboard          ${server}/`);
    expect(key).toMatch(/^sk_shop_[A-Za-z0-9_-]{20,}$/);
  });

  it('prints the start-up lines once, each key once and labelled', () => {
    const admin = /Admin key {10}(ak_\S+)/.exec(output)?.[1];
    expect(admin).toMatch(/^ak_shop_[A-Za-z0-9_-]{20,}$/);
    expect(output.split(key)).toHaveLength(2);
    expect(output.split(admin!)).toHaveLength(2);
    expect(output.split('listening on')).toHaveLength(1); // the server's own start-up lines are held back
    expect(output.split('Stop with Ctrl+C')).toHaveLength(2);
  });

  it('serves pages that point at the running server, whose config answers the shop’s origin', async () => {
    const page = await (await fetch(`${shop}/order-complete.html`)).text();
    expect(page).toContain(`touchpoint('init', { siteKey: 'pk_shop', endpoint: '${server}' });`);
    expect((await fetch(`${shop}/touchpoint/embed.js`)).status).toBe(200);
    const config = await fetch(`${server}/v1/config?site=pk_shop`, { headers: { origin: shop } });
    expect(config.status).toBe(200);
    expect(config.headers.get('access-control-allow-origin')).toBe(shop);
    const surveys = ((await config.json()) as { surveys: { id: string }[] }).surveys.map((s) => s.id);
    expect(surveys).toEqual(['csat-product', 'nps-checkout', 'ces-support']);
  });

  it('stops the shop and the server on Ctrl+C, and exits 0', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('[touchpoint] stopped cleanly');
    await expect(fetch(`${shop}/`)).rejects.toThrow();
    await expect(fetch(`${server}/healthz`)).rejects.toThrow();
  });
});
