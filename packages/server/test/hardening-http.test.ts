/**
 * Issue 11 through the app in-process: bounded error bodies, a site's rate budget spent only on batches, events
 * checked against the surveys the site published, erasure through the admin routes.
 */
import { gzipSync } from 'node:zlib';
import type { WireEvent } from '@touchpoint/core';
import { ErrorBodySchema } from '@touchpoint/core/schema';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { MAX_PROBLEMS } from '../src/http/error-body';
import type { Store } from '../src/store/store';
import { databaseKinds, type TestDatabase } from './support/databases';
import { batch, event } from './support/events';
import { deliverByDay, privacyEvents, summaries } from './support/privacy-data';
import { SHOP_ADMIN, SHOP_KEY, SHOP_SECRET, testSite } from './support/sites';

const EVENTS_URL = `http://touchpoint.test/v1/events?site=${SHOP_KEY}`;

function post(
  app: Hono,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
  from = '127.0.0.1',
) {
  return app.request(
    EVENTS_URL,
    { method: 'POST', body, headers: { 'Content-Type': 'text/plain;charset=UTF-8', ...headers } },
    { incoming: { socket: { remoteAddress: from } } },
  );
}

describe.each(databaseKinds())('hardened app on $name', (kind) => {
  let database: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    if (kind.skip) return;
    database = await kind.start();
    store = await database.openStore();
  });
  afterAll(async () => {
    await database?.stop();
  });

  it.skipIf(kind.skip)('answers a small request with many problems with a small error body', async () => {
    const app = createApp({ store, sites: [testSite()], log: () => {} });
    const bad = { v: 1, id: 7, type: 'answered', surveyId: [], touchpoint: {}, responseId: 1, at: 'x' };
    const body = gzipSync(JSON.stringify({ sentAt: 'nope', events: Array.from({ length: 100 }, () => bad) }));
    expect(body.byteLength).toBeLessThan(4096);
    const response = await post(app, body, { 'Content-Encoding': 'gzip' });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text.length).toBeLessThan(10_000);
    const { error } = ErrorBodySchema.parse(JSON.parse(text));
    expect(error.problems).toHaveLength(MAX_PROBLEMS);
    expect(error.problemCount).toBeGreaterThan(500);
    expect(error.message).toContain(`the first ${MAX_PROBLEMS} listed`);
  });

  it.skipIf(kind.skip)(
    'spends a site’s budget only on batches; garbage spends its client’s own',
    async () => {
      const app = createApp({
        store,
        sites: [testSite()],
        log: () => {},
        limits: {
          perKey: { limit: 3, windowSeconds: 3600 },
          perIp: { limit: 1000, windowSeconds: 3600 },
          invalidPerIp: { limit: 2, windowSeconds: 3600 },
        },
      });
      for (let i = 1; i <= 20; i++) {
        expect((await post(app, '{', {}, `10.0.0.${i}`)).status).toBe(400);
      }
      // A valid batch from a fresh address is stored: the garbage took nothing from the site.
      const valid = () => JSON.stringify(batch([event()]));
      expect((await post(app, valid(), {}, '10.0.1.1')).status).toBe(200);
      // One client sending garbage is limited on its own.
      expect((await post(app, 'x', {}, '10.0.0.1')).status).toBe(400);
      const limited = await post(app, 'x', {}, '10.0.0.1');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      // Batches still spend the site's budget.
      expect((await post(app, valid(), {}, '10.0.1.2')).status).toBe(200);
      expect((await post(app, valid(), {}, '10.0.1.3')).status).toBe(200);
      expect((await post(app, valid(), {}, '10.0.1.4')).status).toBe(429);
    },
  );

  it.skipIf(kind.skip)(
    'refuses events of surveys, touchpoints or metrics the site never published, by path, storing nothing',
    async () => {
      const app = createApp({ store, sites: [testSite()], log: () => {} });
      const cases: [WireEvent, string][] = [
        [
          event({ type: 'completed', surveyId: 'no-such-survey', touchpoint: 'ghost.touchpoint' }),
          'surveyId',
        ],
        [event({ touchpoint: 'ghost.touchpoint' }), 'touchpoint'],
        [event({ surveyId: 'csat-support', touchpoint: 'support.article' }), 'answers[0].type'],
        [
          event({
            surveyId: 'ces-onboarding',
            touchpoint: 'onboarding.step3',
            answers: [{ questionId: 'score', type: 'ces', points: 5, value: 3 }],
          } as Partial<WireEvent>),
          'answers[0].type',
        ],
      ];
      let stored = await store.countEvents('shop');
      for (const [bad, path] of cases) {
        const good = event();
        const response = await post(app, JSON.stringify(batch([good, bad])));
        expect(response.status, path).toBe(422);
        const { error } = ErrorBodySchema.parse(await response.json());
        expect(error.code).toBe('unknown_survey');
        // The collector drops exactly the events a 422 names by `events[i]…` and sends the others again.
        expect(error.problems?.map((p) => p.path)).toEqual([`events[1].${path}`]);
        expect(await store.countEvents('shop')).toBe(stored);
        expect((await post(app, JSON.stringify(batch([good])))).status).toBe(200);
        stored += 1;
        expect(await store.countEvents('shop')).toBe(stored);
      }
      const rows = await store.rollups({ site: 'shop' });
      expect(rows.map((row) => row.touchpoint)).not.toContain('ghost.touchpoint');
      expect(rows.filter((row) => row.touchpoint === 'support.article' && row.metric !== 'csat')).toEqual([]);
      expect(rows.filter((row) => row.metric === 'ces' && row.points === 5)).toEqual([]);
    },
  );

  it.skipIf(kind.skip)(
    'erases a visitor, a user and a response with the admin key; results equal core’s summary of the rest',
    async () => {
      const fresh = await database.openStore();
      const app = createApp({ store: fresh, sites: [testSite()], log: () => {} });
      const events = privacyEvents(11);
      await deliverByDay(fresh, 'shop', events);
      const del = (path: string, key = SHOP_ADMIN) =>
        app.request(`http://touchpoint.test/v1/admin/${path}`, {
          method: 'DELETE',
          headers: { Authorization: `Bearer ${key}` },
        });
      // The results key can never erase.
      expect((await del('visitors/visitor-3', SHOP_SECRET)).status).toBe(401);
      expect(await fresh.countEvents('shop')).toBe(events.length);

      const response = events.find((e) => e.type === 'completed' && e.visitor.id === 'visitor-5')!.responseId;
      const steps: [string, (e: WireEvent) => boolean][] = [
        ['visitors/visitor-3', (e) => e.visitor.id === 'visitor-3'],
        ['users/user-7', (e) => e.visitor.userId === 'user-7'],
        [`responses/${response}`, (e) => e.responseId === response],
      ];
      let left = events;
      for (const [path, matches] of steps) {
        const expected = left.filter(matches).length;
        expect(expected, path).toBeGreaterThan(0);
        const answer = await del(path);
        expect(answer.status, path).toBe(200);
        expect(answer.headers.get('cache-control')).toBe('no-store');
        expect(await answer.json()).toMatchObject({ ok: true, erased: expected });
        left = left.filter((e) => !matches(e));
        const now = await summaries(fresh, 'shop');
        expect(now.remaining.length).toBe(left.length);
        expect(now.rollups, path).toEqual(now.core);
        expect(now.mobile, path).toEqual(now.coreMobile);
      }
      // No text of an erased visitor is left, and a queued copy arriving later is acknowledged, never stored.
      const texts = await fresh.texts({ site: 'shop', fromMs: 0, toMs: Date.now(), limit: 100_000 });
      const erasedResponses = new Set(
        events.filter((e) => e.visitor.id === 'visitor-3').map((e) => e.responseId),
      );
      expect(texts.filter((t) => erasedResponses.has(t.responseId))).toEqual([]);
      const copy = events.find((e) => e.visitor.id === 'visitor-3')!;
      const sentAt = new Date().toISOString();
      const retry = await post(app, JSON.stringify(batch([{ ...copy, at: sentAt }], sentAt)));
      expect(retry.status).toBe(200);
      expect(await fresh.countEvents('shop')).toBe(left.length);
      // Erasing again finds nothing.
      expect(await (await del('visitors/visitor-3')).json()).toMatchObject({ ok: true, erased: 0 });
      await fresh.close();
    },
  );

  it.skipIf(kind.skip)('clips what a request echoes into an error', async () => {
    const app = createApp({ store, sites: [testSite()], log: () => {} });
    const response = await app.request(`http://touchpoint.test/${'a'.repeat(20_000)}`);
    expect(response.status).toBe(404);
    expect((await response.text()).length).toBeLessThan(1000);
  });
});
