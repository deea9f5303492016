/**
 * The follow-up inbox and customers at risk (issue 13, points 2 and 3), on SQLite and a real PostgreSQL: an answer
 * in a follow-up band opens an item with the customer; If-Match guards every change (428 without, 412 when
 * stale); every change is history; a changed answer updates its item; erasure removes it; at-risk lists the
 * customers chosen by hand, worst first.
 */
import type { AtRiskResponse, InboxItemResponse, InboxResponse, WireEvent } from '@touchpoint/core';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import type { Store } from '../src/store/store';
import { databaseKinds, type TestDatabase } from './support/databases';
import { event } from './support/events';
import { SHOP_ADMIN, SHOP_KEY, SHOP_ORIGIN, SHOP_SECRET, testSite } from './support/sites';

const R = (n: number) => `6b1e0c7d-2222-4222-8222-${String(n).padStart(12, '0')}`;
const nps = (
  responseId: string,
  value: number,
  at: string,
  visitor: WireEvent['visitor'],
  touchpoint = 'checkout.completed',
) =>
  event({
    type: 'completed',
    responseId,
    at,
    touchpoint,
    surveyId: touchpoint === 'checkout.completed' ? 'nps-checkout' : 'nps-support',
    answers: [
      { questionId: 'score', type: 'nps', value },
      { questionId: 'reason', type: 'text', value: `said ${value}` },
    ],
    visitor,
  });
const ann = { id: 'v-ann', userId: 'cust-ann', attributes: { plan: 'pro', email: 'ann@example.com' } };
const bob = { id: 'v-bob', userId: 'cust-bob', attributes: { plan: 'free' } };
const cy = { id: 'v-cy', userId: 'cust-cy' };
const anon = { id: 'v-anon' };

describe.each(databaseKinds())('inbox and at-risk on $name', (kind) => {
  let database: TestDatabase;
  let store: Store;
  let app: Hono;
  let now = Date.parse('2026-11-20T12:00:00.000Z');
  const auth = { Authorization: `Bearer ${SHOP_SECRET}` };
  const get = (path: string) => app.request(`http://touchpoint.test${path}`, { headers: auth });
  const patch = (responseId: string, body: unknown, ifMatch?: string) =>
    app.request(`http://touchpoint.test/v1/inbox/${responseId}`, {
      method: 'PATCH',
      headers: {
        ...auth,
        'Content-Type': 'application/json',
        ...(ifMatch === undefined ? {} : { 'If-Match': ifMatch }),
      },
      body: JSON.stringify(body),
    });
  const send = async (events: WireEvent[]) => {
    const response = await app.request(`http://touchpoint.test/v1/events?site=${SHOP_KEY}`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Origin: SHOP_ORIGIN },
      body: JSON.stringify({ sentAt: new Date(now).toISOString(), events }),
    });
    expect(response.status, await response.clone().text()).toBe(200);
  };

  beforeAll(async () => {
    if (kind.skip) return;
    database = await kind.start();
    store = await database.openStore();
    const site = testSite({ sensitiveAttributes: ['email'] });
    // A second NPS survey, at the support article, for the customers' answers at another touchpoint.
    const config = {
      ...site.config,
      surveys: [
        ...site.config.surveys,
        { ...site.config.surveys[0]!, id: 'nps-support', touchpoint: 'support.article' },
      ],
    };
    app = createApp({
      store,
      sites: [{ ...site, config, configJson: config }],
      log: () => {},
      dashboardDir: null,
      clock: { now: () => now },
    });
    await send([
      nps(R(1), 3, '2026-11-20T09:00:00.000Z', ann), // detractor, identified: an item with the customer
      nps(R(2), 10, '2026-11-20T09:10:00.000Z', bob), // promoter: no item
      nps(R(3), 5, '2026-11-20T09:20:00.000Z', anon), // detractor, anonymous: an item without a customer
      nps(R(4), 4, '2026-11-20T09:30:00.000Z', cy), // detractor who re-answers as promoter below
      nps(R(5), 9, '2026-11-19T09:00:00.000Z', bob, 'support.article'), // bob before: 9 … then 10: no risk
      nps(R(6), 10, '2026-11-18T09:00:00.000Z', cy, 'support.article'),
    ]);
  }, 120_000);
  afterAll(async () => {
    await database?.stop();
  });

  it.skipIf(kind.skip)(
    'opens an item per answer in a follow-up band, newest first, with the customer when known',
    async () => {
      const body = (await (await get('/v1/inbox?from=2026-11-01&to=2026-11-30')).json()) as InboxResponse;
      expect(body.items.map((i) => [i.responseId, i.score, i.status])).toEqual([
        [R(4), 4, 'open'],
        [R(3), 5, 'open'],
        [R(1), 3, 'open'],
      ]);
      const item = body.items.find((i) => i.responseId === R(1))!;
      expect(item.customer).toEqual({ userId: 'cust-ann', attributes: { plan: 'pro' } });
      expect(item.texts).toEqual(['said 3']);
      expect(body.items.find((i) => i.responseId === R(3))!.customer).toBeUndefined();
      expect(JSON.stringify(body)).not.toContain('example.com');
      expect(body.summary.byStatus).toEqual({ open: 3, contacted: 0, resolved: 0 });
      expect(body.summary.openByTouchpoint).toEqual([{ touchpoint: 'checkout.completed', open: 3 }]);
      expect(body.summary.oldestOpenAt).toMatch(/^2026-11-20T0[89]:/);
      expect(body.summary.medianHoursToFollowUp).toBeNull();

      const first = (await (
        await get('/v1/inbox?from=2026-11-01&to=2026-11-30&limit=2')
      ).json()) as InboxResponse;
      expect(first.items).toHaveLength(2);
      const second = (await (
        await get(`/v1/inbox?from=2026-11-01&to=2026-11-30&limit=2&cursor=${first.nextCursor}`)
      ).json()) as InboxResponse;
      expect(second.items.map((i) => i.responseId)).toEqual([R(1)]);
      expect(second.nextCursor).toBeNull();
      expect(
        (await app.request('http://touchpoint.test/v1/inbox?from=2026-11-01&to=2026-11-30')).status,
      ).toBe(401);
      expect((await get('/v1/inbox?from=2026-11-01&to=2026-11-30&status=closed')).status).toBe(400);
    },
  );

  it.skipIf(kind.skip)(
    'changes need If-Match: 428 without, 412 when stale, and every change is history',
    async () => {
      const read = await get(`/v1/inbox/${R(1)}`);
      expect(read.status).toBe(200);
      const etag = read.headers.get('etag')!;
      const detail = (await read.json()) as InboxItemResponse;
      expect(detail.history.map((h) => h.kind)).toEqual(['opened']);

      expect((await patch(R(1), { status: 'contacted' })).status).toBe(428);
      expect((await patch(R(1), { status: 'called' }, etag)).status).toBe(400);
      now += 3 * 3_600_000;
      const changed = await patch(
        R(1),
        { status: 'contacted', note: 'Called Ann, sent a voucher', assignee: 'mia' },
        etag,
      );
      expect(changed.status).toBe(200);
      const after = (await changed.json()) as InboxItemResponse;
      expect(after.item).toMatchObject({
        status: 'contacted',
        note: 'Called Ann, sent a voucher',
        assignee: 'mia',
      });
      expect(after.item.followedUpAt).not.toBeNull();
      expect(after.history.map((h) => [h.kind, h.status])).toEqual([
        ['opened', 'open'],
        ['updated', 'contacted'],
      ]);
      expect(changed.headers.get('etag')).not.toBe(etag);

      const stale = await patch(R(1), { status: 'resolved' }, etag);
      expect(stale.status).toBe(412);
      expect(stale.headers.get('etag')).toBe(changed.headers.get('etag'));

      const list = (await (
        await get('/v1/inbox?from=2026-11-01&to=2026-11-30&status=contacted')
      ).json()) as InboxResponse;
      expect(list.items.map((i) => i.responseId)).toEqual([R(1)]);
      expect(list.summary.byStatus).toEqual({ open: 2, contacted: 1, resolved: 0 });
      expect(list.summary.medianHoursToFollowUp).toBeGreaterThan(3);
    },
  );

  it.skipIf(kind.skip)(
    'a detractor who re-answers as promoter in the same response updates the item',
    async () => {
      await send([{ ...nps(R(4), 10, '2026-11-20T09:31:00.000Z', cy) }]);
      const detail = (await (await get(`/v1/inbox/${R(4)}`)).json()) as InboxItemResponse;
      expect(detail.item).toMatchObject({ score: 10, inBand: false, status: 'resolved' });
      expect(detail.history.map((h) => [h.kind, h.score])).toEqual([
        ['opened', 4],
        ['answer_changed', 10],
      ]);
      expect(detail.otherAnswers.map((a) => a.responseId)).toEqual([R(6)]);
    },
  );

  it.skipIf(kind.skip)(
    'an answer changed within one request leaves one item with the last score',
    async () => {
      await send([
        nps(R(11), 2, '2026-11-21T09:00:00.000Z', anon),
        nps(R(11), 6, '2026-11-21T09:01:00.000Z', anon),
        nps(R(12), 1, '2026-11-21T09:02:00.000Z', anon),
      ]);
      const changed = (await (await get(`/v1/inbox/${R(11)}`)).json()) as InboxItemResponse;
      expect(changed.item).toMatchObject({ score: 6, inBand: true, status: 'open' });
      expect(changed.history.at(-1)).toMatchObject({ score: 6 });
      expect(changed.history[0]).toMatchObject({ kind: 'opened' });
      const plain = (await (await get(`/v1/inbox/${R(12)}`)).json()) as InboxItemResponse;
      expect(plain.item).toMatchObject({ score: 1, status: 'open' });
      expect(plain.history.map((h) => [h.kind, h.score])).toEqual([['opened', 1]]);
    },
  );

  it.skipIf(kind.skip)(
    'at-risk lists the identified customers whose latest answer is bad, worst first',
    async () => {
      await send([
        nps(R(7), 9, '2026-11-10T09:00:00.000Z', { id: 'v-dee', userId: 'cust-dee' }),
        nps(R(8), 7, '2026-11-20T10:00:00.000Z', { id: 'v-dee', userId: 'cust-dee' }), // passive, but fell 20 % … below 30
        nps(R(9), 10, '2026-11-10T09:00:00.000Z', { id: 'v-eve', userId: 'cust-eve' }),
        nps(R(10), 7, '2026-11-20T10:00:00.000Z', { id: 'v-eve', userId: 'cust-eve' }), // fell 30 %: at risk
      ]);
      const body = (await (
        await get('/v1/results/at-risk?from=2026-11-01&to=2026-11-30')
      ).json()) as AtRiskResponse;
      expect(body.customers.map((c) => [c.userId, c.reason])).toEqual([
        ['cust-ann', 'band'],
        ['cust-eve', 'drop'],
      ]);
      const annRisk = body.customers[0]!;
      expect(annRisk.attributes).toEqual({ plan: 'pro' });
      expect(annRisk.openItems).toEqual([]);
      expect(body.customers[1]!.answers.map((a) => a.score)).toEqual([10, 7]);
      expect(body.customers[1]!.dropPercent).toBe(30);
      expect(JSON.stringify(body)).not.toContain('example.com');
      // An attribute filter narrows to the answers of that segment (ann's plan is pro, eve has no plan).
      const pro = (await (
        await get('/v1/results/at-risk?from=2026-11-01&to=2026-11-30&attr.plan=pro')
      ).json()) as AtRiskResponse;
      expect(pro.customers.map((c) => c.userId)).toEqual(['cust-ann']);
      expect((await get('/v1/results/at-risk?from=2026-11-01&to=2026-11-30&device=mobile')).status).toBe(400);
    },
  );

  it.skipIf(kind.skip)(
    'erasure (the admin routes, in their transaction) removes the items of a user, a visitor or a response',
    async () => {
      const erase = (path: string) =>
        app.request(`http://touchpoint.test/v1/admin/${path}`, {
          method: 'DELETE',
          headers: { Authorization: `Bearer ${SHOP_ADMIN}` },
        });
      expect((await erase('users/cust-ann')).status).toBe(200);
      expect((await get(`/v1/inbox/${R(1)}`)).status).toBe(404);
      expect((await erase('visitors/v-anon')).status).toBe(200);
      expect((await get(`/v1/inbox/${R(3)}`)).status).toBe(404);
      expect(await store.eraseInbox('shop', { responseId: R(4) })).toBe(1);
      const body = (await (await get('/v1/inbox?from=2026-11-01&to=2026-11-30')).json()) as InboxResponse;
      expect(body.items).toEqual([]);
      const atRisk = (await (
        await get('/v1/results/at-risk?from=2026-11-01&to=2026-11-30')
      ).json()) as AtRiskResponse;
      expect(atRisk.customers.map((c) => c.userId)).not.toContain('cust-ann');
    },
  );

  it.skipIf(kind.skip)('retention prunes the items of answers older than the first kept day', async () => {
    await send([nps(R(11), 2, '2026-11-20T11:00:00.000Z', { id: 'v-fay', userId: 'cust-fay' })]);
    const before = (await (await get('/v1/inbox?from=2026-11-01&to=2026-11-30')).json()) as InboxResponse;
    expect(before.items.map((i) => i.responseId)).toEqual([R(11)]);
    const pruned = await store.prune('shop', '2026-11-21', now);
    expect(pruned.inboxItems).toBe(1);
    expect((await get(`/v1/inbox/${R(11)}`)).status).toBe(404);
  });
});
