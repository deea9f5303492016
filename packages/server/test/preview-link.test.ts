/**
 * Preview links: POST /v1/admin/preview signs a short-lived token for a survey of a published version; GET
 * /v1/config with that token serves the version (never cached); a forged, altered, expired or other site's token,
 * or a page off the site's origins, is refused.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorBodySchema } from '@touchpoint/core/schema';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { PREVIEW_TTL_MS } from '../src/config/preview-token';
import { openSqliteStore } from '../src/store/sqlite';
import type { Store } from '../src/store/store';
import { SHOP_ADMIN, SHOP_KEY, SHOP_ORIGIN, SHOP_SECRET, testSite } from './support/sites';

let dir: string;
let store: Store;
let app: Hono;
let now = Date.parse('2026-12-06T12:00:00Z');
const BLOG_ADMIN = 'ak_blog_test_0123456789abcdef';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'touchpoint-preview-'));
  store = await openSqliteStore({ path: join(dir, 'touchpoint.sqlite') });
  const blog = testSite({
    id: 'blog',
    publicKey: 'pk_blog_test',
    secretKey: 'sk_blog_test_0123456789abcdef',
    adminKey: BLOG_ADMIN,
  });
  app = createApp({
    store,
    sites: [testSite(), blog],
    log: () => {},
    dashboardDir: null,
    clock: { now: () => now },
  });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const preview = async (body: unknown, key = SHOP_ADMIN) => {
  const response = await app.request('http://touchpoint.test/v1/admin/preview', {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const config = (token: string, site = SHOP_KEY) =>
  app.request(`http://touchpoint.test/v1/config?site=${site}&preview=${token}`, {
    headers: { Origin: SHOP_ORIGIN },
  });

describe('preview links', () => {
  it('links a page of the site to a survey of the published version, for 30 minutes', async () => {
    const { status, body } = await preview({
      surveyId: 'csat-support',
      page: `${SHOP_ORIGIN}/support/articles/returns?x=1`,
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ surveyId: 'csat-support', version: 1, expiresAt: now + PREVIEW_TTL_MS });
    const token = String(body.token);
    expect(token).toMatch(/^csat-support~1~\d+~[\w-]+$/);
    expect(body.url).toBe(`${SHOP_ORIGIN}/support/articles/returns?x=1&touchpoint_preview=${token}`);

    const served = await config(token);
    expect(served.status).toBe(200);
    expect(served.headers.get('cache-control')).toBe('no-store');
    expect(served.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN);
    expect(((await served.json()) as { surveys: { id: string }[] }).surveys.map((s) => s.id)).toContain(
      'csat-support',
    );
  });

  it("refuses a forged, altered, expired or other site's token", async () => {
    const { body } = await preview({ surveyId: 'csat-support' });
    const token = String(body.token);
    const [id, v, exp, signature] = token.split('~');
    const codes = async (t: string, site?: string) =>
      ErrorBodySchema.parse(await (await config(t, site)).json()).error.code;
    expect(await codes(`${id}~${v}~${Number(exp) + 1}~${signature}`)).toBe('invalid_preview');
    expect(await codes(`nps-checkout~${v}~${exp}~${signature}`)).toBe('invalid_preview');
    expect(await codes('csat-support~1~99999999999999~forged')).toBe('invalid_preview');
    expect(await codes(token, 'pk_blog_test')).toBe('invalid_preview');
    now += PREVIEW_TTL_MS + 1;
    expect(await codes(token)).toBe('preview_expired');
    expect((await config(token)).status).toBe(403);
  });

  it("refuses an unknown survey, a page off the site's origins, and the results key", async () => {
    expect((await preview({ surveyId: 'nope' })).status).toBe(404);
    expect((await preview({ surveyId: 'csat-support', page: 'https://evil.example/' })).status).toBe(400);
    expect((await preview({ surveyId: 'csat-support', page: 'not a url' })).status).toBe(400);
    expect((await preview({ surveyId: 'csat-support' }, SHOP_SECRET)).status).toBe(401);
  });
});
