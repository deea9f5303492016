/**
 * `touchpoint link`: a signed personal link from the sites file's link secret (or its admin key), which the
 * server's hosted page accepts; a changed character, another site's secret or a past expiry are refused; every
 * wrong flag exits 2 with a message.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { verifyLink } from '../src/channels/link-token';
import { EXIT } from '../src/cli/exit-codes';
import type { CliIo } from '../src/cli/io';
import { main } from '../src/cli/main';
import { DEMO_CONFIG_PATH } from '../src/sites/demo-site';
import { loadSitesFile } from '../src/sites/load-sites';
import { openSqliteStore } from '../src/store/sqlite';

const dir = mkdtempSync(join(tmpdir(), 'touchpoint-link-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sitesFile = join(dir, 'touchpoint.sites.json');
writeFileSync(
  sitesFile,
  JSON.stringify({
    sites: [
      {
        id: 'shop',
        publicKey: 'pk_shop',
        secretKey: 'sk_0123456789abcdef',
        linkSecret: 'a-link-secret-of-at-least-32-characters',
        allowedOrigins: ['https://shop.example'],
        config: DEMO_CONFIG_PATH,
      },
      {
        id: 'blog',
        publicKey: 'pk_blog',
        secretKey: 'sk_blog0123456789abcdef',
        adminKey: 'ak_blog0123456789abcdef',
        allowedOrigins: ['https://blog.example'],
        config: DEMO_CONFIG_PATH,
      },
      {
        id: 'bare',
        publicKey: 'pk_bare',
        secretKey: 'sk_bare0123456789abcdef',
        allowedOrigins: ['https://bare.example'],
        config: DEMO_CONFIG_PATH,
      },
    ],
  }),
);

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

describe('touchpoint link', () => {
  const sites = loadSitesFile(sitesFile);

  it('prints a signed link carrying the user and attributes, which the hosted page accepts', async () => {
    const { code, stdout } = await cli([
      'link',
      '--site',
      'shop',
      '--survey',
      'nps-checkout',
      '--user',
      'u-1',
      '--attr',
      'plan=pro',
      '--attr',
      'orders=3',
      '--expires',
      '7d',
      '--url',
      'https://survey.example/',
    ]);
    expect(code).toBe(EXIT.ok);
    const url = new URL(stdout.trim());
    expect(`${url.origin}${url.pathname}`).toBe('https://survey.example/s/nps-checkout');
    const checked = verifyLink(url.searchParams.get('t')!, sites, 'nps-checkout', Date.now());
    expect(checked.ok && checked.claims).toMatchObject({
      site: 'shop',
      userId: 'u-1',
      attributes: { plan: 'pro', orders: 3 },
      channel: 'link',
    });
    const expiresAt = checked.ok ? checked.claims.expiresAt! : 0;
    expect(Math.abs(expiresAt - (Date.now() + 7 * 86_400_000))).toBeLessThan(60_000);
    // Past its expiry, and for another survey, it is refused.
    expect(verifyLink(url.searchParams.get('t')!, sites, 'nps-checkout', expiresAt)).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(verifyLink(url.searchParams.get('t')!, sites, 'csat-support', Date.now()).ok).toBe(false);

    const store = await openSqliteStore({ path: join(dir, 'db', 'touchpoint.sqlite') });
    try {
      const app = createApp({ store, sites, log: () => {}, dashboardDir: null, hostedScript: null });
      const page = await app.request(`http://127.0.0.1/s/nps-checkout${url.search}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('"userId":"u-1"');
      const token = url.searchParams.get('t')!;
      const changed = `${token.slice(0, 10)}${token[10] === 'x' ? 'y' : 'x'}${token.slice(11)}`;
      expect((await app.request(`http://127.0.0.1/s/nps-checkout?t=${changed}`)).status).toBe(400);
      expect(await store.countEvents()).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('signs with a secret derived from the admin key when the site has no linkSecret', async () => {
    const { code, stdout } = await cli(['link', '--site', 'blog', '--survey', 'csat-support']);
    expect(code).toBe(EXIT.ok);
    const token = new URL(stdout.trim()).searchParams.get('t')!;
    expect(verifyLink(token, sites, 'csat-support', Date.now())).toMatchObject({ ok: true });
    // Signed with the shop's secret instead: refused.
    const shopToken = new URL(
      (await cli(['link', '--site', 'shop', '--survey', 'csat-support'])).stdout.trim(),
    ).searchParams.get('t')!;
    const [payload] = token.split('.');
    expect(verifyLink(`${payload}.${shopToken.split('.')[1]}`, sites, 'csat-support', Date.now()).ok).toBe(
      false,
    );
  });

  it.each([
    [['link', '--site', 'shop'], /--survey/],
    [['link', '--site', 'nope', '--survey', 'nps-checkout'], /no site "nope"/],
    [['link', '--site', 'shop', '--survey', 'nope'], /no survey "nope"/],
    [['link', '--site', 'shop', '--survey', 'nps-checkout', '--expires', 'tomorrow'], /--expires/],
    [
      ['link', '--site', 'shop', '--survey', 'nps-checkout', '--expires', '2020-01-01T00:00:00Z'],
      /--expires/,
    ],
    [['link', '--site', 'shop', '--survey', 'nps-checkout', '--attr', 'plan'], /--attr/],
    [['link', '--site', 'shop', '--survey', 'nps-checkout', '--colour', 'red'], /colour/],
  ])('exits 2 for %j', async (args, message) => {
    const { code, stderr } = await cli(args);
    expect(code).toBe(EXIT.usage);
    expect(stderr).toMatch(message);
  });

  it('refuses a site that has neither a link secret nor an admin key', async () => {
    const { code, stderr } = await cli(['link', '--site', 'bare', '--survey', 'nps-checkout']);
    expect(code).toBe(EXIT.invalid);
    expect(stderr).toMatch(/no linkSecret and no adminKey/);
  });
});
