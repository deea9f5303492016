/**
 * The admin routes of the channels, in-process: only the admin key makes links, e-mail snippets and QR codes, and
 * every bad field or parameter is named.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorBodySchema } from '@touchpoint/core/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { openSqliteStore } from '../src/store/sqlite';
import type { Store } from '../src/store/store';
import { SHOP_ADMIN, SHOP_KEY, SHOP_SECRET, testSite } from './support/sites';

describe('channel admin routes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-channel-routes-'));
  let store: Store;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    store = await openSqliteStore({ path: join(dir, 'touchpoint.sqlite') });
    app = createApp({ store, sites: [testSite()], log: () => {}, dashboardDir: null, hostedScript: null });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (body: unknown, key = SHOP_ADMIN) =>
    app.request('http://touchpoint.test/v1/admin/links', {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const get = (path: string, key = SHOP_ADMIN) =>
    app.request(`http://touchpoint.test/v1/admin/${path}`, { headers: { Authorization: `Bearer ${key}` } });
  const paths = async (response: Response) => {
    expect(response.status).toBe(400);
    return ErrorBodySchema.parse(await response.json()).error.problems?.map((p) => p.path);
  };

  it('makes a link on the origin asked, no-store', async () => {
    const response = await post({ surveyId: 'nps-checkout', userId: 'u-1' });
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { url: string; responseId: string; expiresAt: null };
    expect(body.url).toMatch(/^http:\/\/touchpoint\.test\/s\/nps-checkout\?t=/);
    expect(body.expiresAt).toBeNull();
  });

  it.each([SHOP_SECRET, SHOP_KEY, 'ak_unknown_0123456789abcdef'])('refuses the key %s', async (key) => {
    expect((await post({ surveyId: 'nps-checkout' }, key)).status).toBe(401);
    expect((await get('qr?survey=nps-checkout', key)).status).toBe(401);
    expect((await get('links/email?survey=nps-checkout', key)).status).toBe(401);
  });

  it('names every bad field', async () => {
    expect(await paths(await post({ surveyId: 'nope' }))).toEqual(['surveyId']);
    expect(await paths(await post({ surveyId: 'nps-checkout', expiresAt: '2020-01-01T00:00:00Z' }))).toEqual([
      'expiresAt',
    ]);
    expect(await paths(await post({ surveyId: 'nps-checkout', colour: 'red' }))).toEqual(['colour']);
    expect(await paths(await post({ surveyId: 'nps-checkout', attributes: { '1x': 1 } }))).toEqual([
      'attributes.1x',
    ]);
    expect(await paths(await get('links/email?survey=nope&format=pdf'))).toEqual(['format']);
    expect(await paths(await get('links/email?survey=nope'))).toEqual(['survey']);
    expect(await paths(await get('qr?survey=nps-checkout&format=gif'))).toEqual(['format']);
    expect(await paths(await get('qr?touchpoint=x'))).toEqual(['survey']);
  });

  it('shows a 404 page for an unknown survey or site, and ignores a score off the scale', async () => {
    const unknown = await app.request(`http://touchpoint.test/s/nope?site=${SHOP_KEY}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Survey not found');
    expect((await app.request('http://touchpoint.test/s/nps-checkout?site=pk_nope')).status).toBe(404);
    const page = await app.request(
      `http://touchpoint.test/s/nps-checkout?site=${SHOP_KEY}&score=11&channel=qr`,
    );
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain('"score":11');
    expect(html).toContain('"channel":"qr"');
    expect(html).not.toMatch(/<script>(?!\s*<\/script>)/);
    expect(await store.countEvents()).toBe(0);
  });
});
