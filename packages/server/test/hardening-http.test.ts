/**
 * Issue 11 through the app in-process: bounded error bodies, a site's rate budget spent only on batches, events
 * checked against the surveys the site published, erasure through the admin routes.
 */
import { gzipSync } from 'node:zlib';
import { ErrorBodySchema } from '@touchpoint/core/schema';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { MAX_PROBLEMS } from '../src/http/error-body';
import type { Store } from '../src/store/store';
import { databaseKinds, type TestDatabase } from './support/databases';
import { SHOP_KEY, testSite } from './support/sites';

const EVENTS_URL = `http://touchpoint.test/v1/events?site=${SHOP_KEY}`;

function post(app: Hono, body: string | Uint8Array, headers: Record<string, string> = {}) {
  return app.request(EVENTS_URL, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'text/plain;charset=UTF-8', ...headers },
  });
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

  it.skipIf(kind.skip)('clips what a request echoes into an error', async () => {
    const app = createApp({ store, sites: [testSite()], log: () => {} });
    const response = await app.request(`http://touchpoint.test/${'a'.repeat(20_000)}`);
    expect(response.status).toBe(404);
    expect((await response.text()).length).toBeLessThan(1000);
  });
});
