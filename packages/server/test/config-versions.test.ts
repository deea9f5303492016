/**
 * Survey configs in the database, versioned, on SQLite and a real PostgreSQL: the sites file seeds version 1,
 * GET /v1/config serves the published version (its ETag changes with it, no restart), the admin API publishes with
 * If-Match (428 without, 412 on a lost update), refuses an invalid config with every problem in the words of
 * `touchpoint validate`, lists versions and rolls back; only the admin key may.
 */
import { ErrorBodySchema, parseConfig } from '@touchpoint/core/schema';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import type { Store } from '../src/store/store';
import { databaseKinds, type TestDatabase } from './support/databases';
import { SHOP_ADMIN, SHOP_KEY, SHOP_ORIGIN, SHOP_SECRET, testSite } from './support/sites';

const BASE = 'http://touchpoint.test';

/** What the admin config routes answer, as far as these tests read it. */
interface VersionBody {
  number: number;
  author: string;
  published: number;
  versions: { number: number }[];
  config: { surveys: { question: { text?: string } }[] };
  error: { code: string };
  current: { number: number; author: string };
}
const read = async (response: Response) => (await response.json()) as VersionBody;

describe.each(databaseKinds())('config versions on $name', (kind) => {
  let database: TestDatabase;
  let store: Store;
  let app: Hono;
  let second: Hono;
  const site = testSite();
  const seed = site.configJson as { surveys: { id: string; question: { type: string } }[] };

  const admin = (path: string, init: RequestInit = {}, key = SHOP_ADMIN, on = app) =>
    on.request(`${BASE}/v1/admin${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', ...init.headers },
    });
  const put = (config: unknown, ifMatch: string | null, extra: Record<string, unknown> = {}, on = app) =>
    admin(
      '/config',
      {
        method: 'PUT',
        body: JSON.stringify({ config, ...extra }),
        headers: ifMatch === null ? {} : { 'If-Match': ifMatch },
      },
      SHOP_ADMIN,
      on,
    );
  const publicConfig = (headers: Record<string, string> = {}, on = app) =>
    on.request(`${BASE}/v1/config?site=${SHOP_KEY}`, { headers: { Origin: SHOP_ORIGIN, ...headers } });
  const withWording = (text: string) => ({
    ...seed,
    surveys: seed.surveys.map((s, i) => (i === 0 ? { ...s, question: { ...s.question, text } } : s)),
  });

  beforeAll(async () => {
    if (kind.skip) return;
    database = await kind.start();
    store = await database.openStore();
    app = createApp({ store, sites: [site], log: () => {}, dashboardDir: null });
    // A second server process on the same database.
    second = createApp({ store, sites: [site], log: () => {}, dashboardDir: null });
  }, 120_000);
  afterAll(async () => {
    await database?.stop();
  });

  describe.skipIf(kind.skip)('publishing', () => {
    let etag1: string;

    it('seeds version 1 from the sites file and serves it with an ETag', async () => {
      const response = await publicConfig();
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, no-cache');
      expect(await read(response)).toEqual(site.configJson);
      etag1 = response.headers.get('etag')!;
      expect(etag1).toMatch(/^"1-/);
      expect((await publicConfig({ 'If-None-Match': etag1 })).status).toBe(304);

      const got = await admin('/config');
      expect(got.status).toBe(200);
      expect(got.headers.get('etag')).toBe(etag1);
      expect(got.headers.get('cache-control')).toBe('no-store');
      const body = await got.json();
      expect(body).toMatchObject({
        number: 1,
        source: 'sites-file',
        author: 'sites file',
        config: site.configJson,
      });
      // The seeded surveys are registered, so their events are accepted and counted at once.
      expect((await store.recordedSurveys('shop')).map((k) => k.surveyId).sort()).toEqual(
        seed.surveys.map((s) => s.id).sort(),
      );
    });

    it('refuses a publish without If-Match (428) and changes nothing', async () => {
      const response = await put(withWording('No match'), null);
      expect(response.status).toBe(428);
      expect(ErrorBodySchema.parse(await read(response)).error.code).toBe('if_match_required');
      expect((await publicConfig()).headers.get('etag')).toBe(etag1);
    });

    it('publishes a new version that the next page view gets, with a new ETag, without a restart', async () => {
      const response = await put(withWording('How likely are you to recommend Bean & Kettle?'), etag1, {
        note: 'warmer wording',
        author: 'Ann',
      });
      expect(response.status).toBe(201);
      const body = await response.json();
      expect(body).toMatchObject({ number: 2, author: 'Ann', note: 'warmer wording', source: 'api' });
      const etag2 = response.headers.get('etag')!;
      expect(etag2).not.toBe(etag1);

      const page = await publicConfig({ 'If-None-Match': etag1 });
      expect(page.status).toBe(200);
      expect(page.headers.get('etag')).toBe(etag2);
      const served = (await page.json()) as { surveys: { question: { text?: string } }[] };
      expect(served.surveys[0]!.question.text).toBe('How likely are you to recommend Bean & Kettle?');
      // Another server process on the same database serves it too (it rechecks the database within 1 s).
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await publicConfig({}, second)).headers.get('etag')).toBe(etag2);
    });

    it('two editors publishing from the same version: the second gets 412 and loses nothing', async () => {
      const start = await admin('/config');
      const etag = start.headers.get('etag')!;
      const first = await put(withWording('First editor'), etag, { author: 'Ann' });
      expect(first.status).toBe(201);
      const late = await put(withWording('Second editor'), etag, { author: 'Bob' }, second);
      expect(late.status).toBe(412);
      const refusal = await read(late);
      expect(refusal.error.code).toBe('version_conflict');
      expect(refusal.current).toMatchObject({ number: 3, author: 'Ann' });
      // Nothing was overwritten: version 3 is the first editor's, and the second can publish on top of it.
      const now = await admin('/config');
      expect((await read(now)).config.surveys[0]?.question.text).toBe('First editor');
      const retry = await put(
        withWording('Second editor'),
        now.headers.get('etag')!,
        { author: 'Bob' },
        second,
      );
      expect(retry.status).toBe(201);
      expect((await read(retry)).number).toBe(4);
    });

    it('refuses an invalid config with 422 and every problem by path, in the words of touchpoint validate', async () => {
      const bad = {
        version: 1,
        surveys: [
          { id: 'bad id', touchpoint: 'x', question: { type: 'nps' }, triggers: [] },
          { id: 'ok', touchpoint: 'y', question: { type: 'stars' }, triggers: [{ type: 'pageView' }] },
        ],
      };
      const current = (await admin('/config')).headers.get('etag')!;
      const response = await put(bad, current);
      expect(response.status).toBe(422);
      const body = ErrorBodySchema.parse(await response.json());
      expect(body.error.code).toBe('invalid_config');
      const expected = parseConfig(bad);
      expect(expected.ok).toBe(false);
      if (expected.ok) return;
      expect(body.error.problems?.map((p) => p.message)).toEqual(expected.problems.map((p) => p.message));
      expect(body.error.problems?.map((p) => p.path)).toEqual(
        expect.arrayContaining(['surveys[0].id', 'surveys[1].question.type']),
      );
      expect((await admin('/config')).headers.get('etag')).toBe(current);
    });

    it('refuses to reuse a survey id for another metric (its answers are counted as the first)', async () => {
      const current = (await admin('/config')).headers.get('etag')!;
      const changed = {
        ...seed,
        surveys: seed.surveys.map((s) =>
          s.id === 'ces-onboarding' ? { ...s, question: { type: 'nps' } } : s,
        ),
      };
      const index = seed.surveys.findIndex((s) => s.id === 'ces-onboarding');
      const response = await put(changed, current);
      expect(response.status).toBe(422);
      const body = ErrorBodySchema.parse(await response.json());
      expect(body.error.problems?.[0]?.path).toBe(`surveys[${index}].question.type`);
      expect(body.error.problems?.[0]?.message).toContain('was published before as ces (7 points)');
    });

    it('lists versions newest first and reads any one', async () => {
      const list = await admin('/config/versions');
      expect(list.status).toBe(200);
      const body = await read(list);
      expect(body.published).toBe(4);
      expect(body.versions.map((v) => v.number)).toEqual([4, 3, 2, 1]);
      expect((await read(await admin('/config/versions?limit=2&before=4'))).versions).toHaveLength(2);
      const one = await admin('/config/versions/2');
      expect(one.status).toBe(200);
      expect((await read(one)).config.surveys[0]?.question.text).toBe(
        'How likely are you to recommend Bean & Kettle?',
      );
      expect((await admin('/config/versions/99')).status).toBe(404);
      expect((await admin('/config/versions/abc')).status).toBe(404);
      expect((await admin('/config/versions?limit=0')).status).toBe(400);
    });

    it('rolls back by publishing an old version as a new one', async () => {
      const response = await admin('/config/versions/1/publish', {
        method: 'POST',
        body: JSON.stringify({ author: 'Ann' }),
      });
      expect(response.status).toBe(201);
      expect(await read(response)).toMatchObject({
        number: 5,
        source: 'rollback',
        restoredFrom: 1,
        note: 'rollback to version 1',
        config: site.configJson,
      });
      const page = await publicConfig();
      expect(await read(page)).toEqual(site.configJson);
      expect(page.headers.get('etag')).toMatch(/^"5-/);
      // A stale If-Match on a rollback is a conflict too.
      const stale = await admin('/config/versions/2/publish', {
        method: 'POST',
        headers: { 'If-Match': etag1 },
      });
      expect(stale.status).toBe(412);
    });

    it('only the admin key may: the results key and the public key are refused', async () => {
      for (const key of [SHOP_SECRET, SHOP_KEY]) {
        expect((await admin('/config', {}, key)).status).toBe(401);
        expect(
          (await admin('/config', { method: 'PUT', body: '{}', headers: { 'If-Match': '*' } }, key)).status,
        ).toBe(401);
        expect((await admin('/config/versions', {}, key)).status).toBe(401);
        expect((await admin('/config/versions/1/publish', { method: 'POST' }, key)).status).toBe(401);
        expect((await admin('/simulate', { method: 'POST', body: '{}' }, key)).status).toBe(401);
      }
    });
  });
});
