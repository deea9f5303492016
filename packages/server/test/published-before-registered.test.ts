/**
 * Two servers on one database: one publishes a version (or seeds the sites file's) and registers its surveys a
 * moment later, in its own transaction; the other already sees the version. An event of a survey of that
 * published version must not be refused in between (the collector drops exactly the events a 422 names: it would
 * be lost), while a survey no version has stays refused (docs/design.md, decision 0006).
 */
import type { WireEvent } from '@touchpoint/core';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import type { Store } from '../src/store/store';
import { databaseKinds, type TestDatabase } from './support/databases';
import { event } from './support/events';
import { SHOP_KEY, SHOP_ORIGIN, testSite } from './support/sites';

const NOW = Date.parse('2026-11-20T12:00:00.000Z');

const completed = (surveyId: string, touchpoint: string, n: number) =>
  event({
    type: 'completed',
    id: `0f1e0c7d-3333-4333-8333-${String(n).padStart(12, '0')}`,
    responseId: `0f1e0c7d-4444-4444-8444-${String(n).padStart(12, '0')}`,
    at: '2026-11-20T11:59:00.000Z',
    touchpoint,
    surveyId,
    answers: [{ questionId: 'score', type: 'nps', value: 9 }],
  });

describe.each(databaseKinds())('a version published before its surveys are registered, on $name', (kind) => {
  let database: TestDatabase;
  let store: Store;
  let app: Hono;
  const site = testSite();
  const send = (events: WireEvent[]) =>
    app.request(`http://touchpoint.test/v1/events?site=${SHOP_KEY}`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Origin: SHOP_ORIGIN },
      body: JSON.stringify({ sentAt: new Date(NOW).toISOString(), events }),
    });

  beforeAll(async () => {
    if (kind.skip) return;
    database = await kind.start();
    store = await database.openStore();
    app = createApp({ store, sites: [site], log: () => {}, dashboardDir: null, clock: { now: () => NOW } });
    // The first event seeds version 1 from the sites file.
    expect((await send([completed('nps-checkout', 'checkout.completed', 1)])).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await database?.stop();
  });

  it.skipIf(kind.skip)(
    'accepts an event of the new survey, and still refuses a survey never published',
    async () => {
      const first = site.config.surveys[0]!;
      const next = {
        ...(site.configJson as Record<string, unknown>),
        surveys: [...site.config.surveys, { ...first, id: 'nps-new', touchpoint: 'new.touchpoint' }],
      };
      // What another server does first: the version is visible; its registry rows are not written yet.
      const published = await store.publishConfig(site.id, {
        config: JSON.stringify(next),
        author: 'another server',
        note: '',
        source: 'editor',
        basedOn: 1,
        at: NOW,
      });
      expect(published.ok).toBe(true);

      const accepted = await send([completed('nps-new', 'new.touchpoint', 2)]);
      expect(accepted.status, await accepted.clone().text()).toBe(200);
      expect(await accepted.json()).toMatchObject({ stored: 1 });

      const refused = await send([completed('no-such-survey', 'ghost.touchpoint', 3)]);
      expect(refused.status).toBe(422);
      expect(await refused.json()).toMatchObject({ error: { code: 'unknown_survey' } });
      // A published survey at a touchpoint it is not published at stays refused too.
      expect((await send([completed('nps-new', 'checkout.completed', 4)])).status).toBe(422);
    },
  );
});
