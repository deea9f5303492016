/**
 * Known customers in the results (issue 13, point 1), on SQLite and a real PostgreSQL: verbatims, the responses
 * CSV and a response's detail show the user id and attributes of an identified visitor, never a sensitive
 * attribute, and nothing identifying for an anonymous visitor.
 */
import type { ResponseDetail, VerbatimsResponse, WireEvent } from '@touchpoint/core';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import type { Store } from '../src/store/store';
import { databaseKinds, type TestDatabase } from './support/databases';
import { batch, event } from './support/events';
import { parseCsv } from './support/parse-csv';
import { SHOP_SECRET, testSite } from './support/sites';

const IDENTIFIED = '5a0c7d0e-1111-4111-8111-000000000001';
const ANONYMOUS = '5a0c7d0e-1111-4111-8111-000000000002';

const answers = (score: number, text: string) => [
  { questionId: 'score', type: 'nps' as const, value: score },
  { questionId: 'reason', type: 'text' as const, value: text },
];

const knownCustomerEvents = (): WireEvent[] => [
  event({
    type: 'completed',
    responseId: IDENTIFIED,
    at: '2026-11-20T09:00:00.000Z',
    answers: answers(3, 'The parcel came late'),
    visitor: {
      id: 'v-known',
      userId: 'cust-42',
      attributes: { plan: 'pro', country: 'NL', email: 'ann@example.com' },
    },
  }),
  event({
    type: 'completed',
    responseId: ANONYMOUS,
    at: '2026-11-20T09:30:00.000Z',
    answers: answers(2, 'Checkout kept failing'),
    visitor: { id: 'v-anon', attributes: { plan: 'free', email: 'secret@example.com' } },
  }),
];

describe.each(databaseKinds())('known customers on $name', (kind) => {
  let database: TestDatabase;
  let store: Store;
  let app: Hono;
  const get = (path: string) =>
    app.request(`http://touchpoint.test/v1/results/${path}`, {
      headers: { Authorization: `Bearer ${SHOP_SECRET}` },
    });

  beforeAll(async () => {
    if (kind.skip) return;
    database = await kind.start();
    store = await database.openStore();
    await store.ingest([
      {
        site: 'shop',
        batch: batch(knownCustomerEvents()),
        receivedAt: Date.parse('2026-11-20T10:00:06.000Z'),
      },
    ]);
    app = createApp({
      store,
      sites: [testSite({ sensitiveAttributes: ['email'] })],
      log: () => {},
      dashboardDir: null,
    });
  }, 120_000);
  afterAll(async () => {
    await database?.stop();
  });

  it.skipIf(kind.skip)(
    'verbatims carry the customer of identified visitors only, never a sensitive attribute',
    async () => {
      const response = await get('verbatims?from=2026-11-01&to=2026-11-30');
      expect(response.status).toBe(200);
      const body = (await response.json()) as VerbatimsResponse;
      const known = body.items.find((item) => item.responseId === IDENTIFIED)!;
      const anonymous = body.items.find((item) => item.responseId === ANONYMOUS)!;
      expect(known.customer).toEqual({ userId: 'cust-42', attributes: { plan: 'pro', country: 'NL' } });
      expect(anonymous.customer).toBeUndefined();
      const text = JSON.stringify(body);
      expect(text).not.toContain('example.com');
      expect(text).not.toContain('free');
    },
  );

  it.skipIf(kind.skip)(
    'the responses CSV has user_id and attributes for identified visitors only',
    async () => {
      const response = await get('export.csv?kind=responses&from=2026-11-01&to=2026-11-30');
      const [header, ...rows] = parseCsv(await response.text());
      const column = (name: string) => header!.indexOf(name);
      expect(column('user_id')).toBeGreaterThan(0);
      const known = rows.find((row) => row[column('response_id')] === IDENTIFIED)!;
      const anonymous = rows.find((row) => row[column('response_id')] === ANONYMOUS)!;
      expect(known[column('user_id')]).toBe('cust-42');
      expect(JSON.parse(known[column('attributes')]!)).toEqual({ plan: 'pro', country: 'NL' });
      expect(anonymous[column('user_id')]).toBe('');
      expect(anonymous[column('attributes')]).toBe('');
      expect(rows.flat().join()).not.toContain('example.com');
    },
  );

  it.skipIf(kind.skip)(
    'a response detail shows every answer and the customer; an unknown response is a 404',
    async () => {
      const response = await get(`responses/${IDENTIFIED}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const detail = (await response.json()) as ResponseDetail;
      expect(detail.customer).toEqual({ userId: 'cust-42', attributes: { plan: 'pro', country: 'NL' } });
      expect(detail.answers.map((a) => [a.questionId, a.score ?? a.text])).toEqual([
        ['score', 3],
        ['reason', 'The parcel came late'],
      ]);
      const anonymous = (await (await get(`responses/${ANONYMOUS}`)).json()) as ResponseDetail;
      expect(anonymous.customer).toBeUndefined();
      expect(JSON.stringify(anonymous)).not.toContain('example.com');
      expect((await get('responses/5a0c7d0e-1111-4111-8111-00000000dead')).status).toBe(404);
      const anonymousKey = await app.request(`http://touchpoint.test/v1/results/responses/${IDENTIFIED}`);
      expect(anonymousKey.status).toBe(401);
    },
  );
});
