import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSitesFile } from '@touchpoint/server';
import { STUB_SNIPPET } from '@touchpoint/widget';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_ENDPOINT, SHOP_DIR, type ShopServer, startShop } from '../src/shop-server';
import { prepareShopSite, SHOP_PUBLIC_KEY } from '../src/shop-site';

const pages = readdirSync(SHOP_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));

describe('the shop’s pages', () => {
  it.each(pages)(
    '%s carries the published stub, the shop key and embed.js from the shop’s own origin',
    (file) => {
      const html = readFileSync(join(SHOP_DIR, file), 'utf8');
      expect(html).toContain(STUB_SNIPPET);
      expect(html).toContain(
        `touchpoint('init', { siteKey: '${SHOP_PUBLIC_KEY}', endpoint: '${PAGE_ENDPOINT}' });`,
      );
      expect(html).toContain('<script async src="/touchpoint/embed.js"></script>');
    },
  );
});

describe('the shop server', () => {
  let dir: string;
  let shop: ShopServer;
  let endpoint = 'http://127.0.0.1:1111';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'touchpoint-shop-'));
    writeFileSync(join(dir, 'embed.js'), '/* embed */');
    shop = await startShop({ widgetDir: dir, port: 0, endpoint: () => endpoint });
  });
  afterAll(async () => {
    await shop?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = async (path: string) => {
    const response = await fetch(`${shop.url}${path}`);
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: await response.text(),
    };
  };

  it('writes the running server’s address into the pages, asked on every page', async () => {
    expect((await get('/')).body).toContain("endpoint: 'http://127.0.0.1:1111'");
    endpoint = 'http://127.0.0.1:2222';
    const page = await get('/order-complete.html');
    expect(page.type).toBe('text/html; charset=utf-8');
    expect(page.body).toContain("endpoint: 'http://127.0.0.1:2222'");
    expect(page.body).not.toContain(PAGE_ENDPOINT);
  });

  it('serves the widget’s files under /touchpoint/ and nothing outside its folders', async () => {
    expect(await get('/touchpoint/embed.js')).toEqual({
      status: 200,
      type: 'text/javascript; charset=utf-8',
      body: '/* embed */',
    });
    expect((await get('/shop.css')).type).toBe('text/css; charset=utf-8');
    expect((await get('/products/')).status).toBe(404);
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/touchpoint/%2e%2e%2fembed.js',
      '/nope.html',
    ])
      expect((await get(path)).status).toBe(404);
    expect((await fetch(`${shop.url}/`, { method: 'POST' })).status).toBe(405);
  });
});

describe('the shop’s sites file', () => {
  it('is valid for the server, and keeps its secret key and admin key from one start to the next', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'touchpoint-shop-site-'));
    try {
      const first = prepareShopSite({ dataDir, origins: ['http://127.0.0.1:8788'] });
      const second = prepareShopSite({ dataDir, origins: ['http://127.0.0.1:9000'] });
      expect(second.secretKey).toBe(first.secretKey);
      expect(second.adminKey).toBe(first.adminKey);
      expect(first.adminKey).toMatch(/^ak_/);
      const [site] = loadSitesFile(second.sitesFile);
      expect(site).toMatchObject({
        id: 'shop',
        publicKey: SHOP_PUBLIC_KEY,
        secretKey: first.secretKey,
        adminKey: first.adminKey,
        allowedOrigins: ['http://127.0.0.1:9000'],
      });
      expect(site!.config.surveys.map((s) => [s.touchpoint, s.question.type, s.triggers[0]!.type])).toEqual([
        ['product.page', 'csat', 'scrollDepth'],
        ['checkout.completed', 'nps', 'event'],
        ['support.article', 'ces', 'exitIntent'],
      ]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
