/**
 * One key per role, and a key never does another role's work: the admin key `ak_…` opens `/v1/admin/…` only, the
 * results key `sk_…` opens `/v1/results/…` only, the public key neither; a site without an admin key has no admin
 * routes; refused keys are slowed down per client. The sites file names every bad or shared admin key.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorBodySchema } from '@touchpoint/core/schema';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { DEMO_CONFIG_PATH, demoSite } from '../src/sites/demo-site';
import { InvalidFileError, loadSitesFile } from '../src/sites/load-sites';
import type { Store } from '../src/store/store';
import { SHOP_ADMIN, SHOP_KEY, SHOP_SECRET, testSite } from './support/sites';

const BLOG = testSite({
  id: 'blog',
  publicKey: 'pk_blog_test',
  secretKey: 'sk_blog_test_0123456789abcdef',
  adminKey: undefined,
});
// Neither route below reads the store: a store that throws proves it.
const store = new Proxy({} as Store, {
  get: (_, name) => () => {
    throw new Error(`the store was used: ${String(name)}`);
  },
});
const app = createApp({ store, sites: [testSite(), BLOG], dashboardDir: null, log: () => {} });

async function get(path: string, key: string | null, headers: Record<string, string> = {}) {
  const response = await app.request(`http://touchpoint.test${path}`, {
    headers: { ...(key === null ? {} : { Authorization: `Bearer ${key}` }), ...headers },
  });
  const body = await response.json();
  return { response, body, code: ErrorBodySchema.safeParse(body).data?.error.code };
}

describe('key roles', () => {
  it('the admin key opens the admin routes of its own site, privately', async () => {
    const { response, body } = await get('/v1/admin/site', SHOP_ADMIN);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(body).toEqual({
      id: 'shop',
      name: 'Shop',
      publicKey: SHOP_KEY,
      allowedOrigins: ['https://shop.example', 'http://localhost:*'],
    });
  });

  it.each([
    ['no key', null, 'missing_admin_key'],
    ['the public key', SHOP_KEY, 'public_key_not_allowed'],
    ['the results key', SHOP_SECRET, 'results_key_not_allowed'],
    [
      'the results key of a site without an admin key',
      'sk_blog_test_0123456789abcdef',
      'results_key_not_allowed',
    ],
    ['an unknown admin key', 'ak_shop_test_0123456789abcdeX', 'unknown_admin_key'],
    ['a malformed header', 'x y z', 'invalid_authorization'],
  ])('refuses %s on an admin route with 401', async (_, key, code) => {
    const { response, code: got } = await get('/v1/admin/site', key);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="touchpoint admin"');
    expect(got).toBe(code);
  });

  it('an unknown admin path answers 404 only behind the admin key', async () => {
    expect((await get('/v1/admin/nothing-here', SHOP_ADMIN)).response.status).toBe(404);
    expect((await get('/v1/admin/nothing-here', SHOP_SECRET)).response.status).toBe(401);
  });

  it('the admin key never reads results', async () => {
    const { response, code } = await get('/v1/results/overview?from=2026-01-01&to=2026-01-31', SHOP_ADMIN);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="touchpoint results"');
    expect(code).toBe('admin_key_not_allowed');
  });

  it('slows a client that keeps sending refused keys, whichever role it tries', async () => {
    const own = createApp({ store, sites: [testSite()], dashboardDir: null, log: () => {} });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const path = i % 2 === 0 ? '/v1/admin/site' : '/v1/results/overview?from=2026-01-01&to=2026-01-02';
      const response = await own.request(`http://touchpoint.test${path}`, {
        headers: { Authorization: `Bearer ak_guess_${String(i).padStart(16, '0')}` },
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('the admin key in the sites file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-keys-'));
  const site = (extra: Record<string, unknown>) => ({
    id: 'shop',
    publicKey: 'pk_shop',
    secretKey: 'sk_0123456789abcdef',
    allowedOrigins: ['https://shop.example'],
    config: DEMO_CONFIG_PATH,
    ...extra,
  });
  const load = (sites: unknown[]) => {
    const file = join(dir, `sites-${Math.random()}.json`);
    writeFileSync(file, JSON.stringify({ sites }));
    try {
      return loadSitesFile(file);
    } catch (error) {
      if (error instanceof InvalidFileError) return error.problems.map((p) => p.message);
      throw error;
    }
  };

  it('is optional and read when given', () => {
    const [withKey, without] = load([
      site({ adminKey: 'ak_0123456789abcdef' }),
      site({ id: 'blog', publicKey: 'pk_blog', secretKey: 'sk_blog_0123456789abcdef' }),
    ]) as ReturnType<typeof loadSitesFile>;
    expect(withKey!.adminKey).toBe('ak_0123456789abcdef');
    expect(without!.adminKey).toBeUndefined();
  });

  it('names a malformed admin key, and one shared with another key or role', () => {
    expect(load([site({ adminKey: 'ak_short' })])).toEqual([
      expect.stringMatching(/^sites\[0\]\.adminKey: use ak_ followed by 16–128 letters, digits, _ or -/),
    ]);
    expect(
      load([
        site({ adminKey: 'ak_0123456789abcdef' }),
        site({
          id: 'blog',
          publicKey: 'pk_blog',
          secretKey: 'sk_blog_0123456789abcdef',
          adminKey: 'ak_0123456789abcdef',
        }),
      ]),
    ).toEqual([expect.stringMatching(/^sites\[1\]\.adminKey: already used by sites\[0\]\.adminKey;/)]);
  });

  it('the demo site makes its admin key once per data folder, beside an older secret key', () => {
    const data = mkdtempSync(join(tmpdir(), 'touchpoint-demo-keys-'));
    writeFileSync(join(data, 'demo-keys.json'), JSON.stringify({ secretKey: 'sk_demo_kept_0123456789ab' }));
    const first = demoSite(data);
    expect(first.secretKey).toBe('sk_demo_kept_0123456789ab');
    expect(first.adminKey).toMatch(/^ak_demo_[A-Za-z0-9_-]{24}$/);
    expect(demoSite(data).adminKey).toBe(first.adminKey);
    expect(JSON.parse(readFileSync(join(data, 'demo-keys.json'), 'utf8'))).toEqual({
      secretKey: 'sk_demo_kept_0123456789ab',
      adminKey: first.adminKey,
    });
  });
});
