/**
 * POST /v1/admin/simulate: every survey's verdict and every reason in words, on the published config or on a
 * config not yet published; bad requests named by path. (That its answers equal the widget's own decisions is
 * proved in Chromium: examples/e2e/test/simulator.browser.test.ts.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DAY_MS } from '@touchpoint/core';
import { ErrorBodySchema } from '@touchpoint/core/schema';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { openSqliteStore } from '../src/store/sqlite';
import type { Store } from '../src/store/store';
import { SHOP_ADMIN, testSite } from './support/sites';

let dir: string;
let store: Store;
let app: Hono;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'touchpoint-simulate-'));
  store = await openSqliteStore({ path: join(dir, 'touchpoint.sqlite') });
  app = createApp({ store, sites: [testSite()], log: () => {}, dashboardDir: null });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const simulate = async (body: unknown) => {
  const response = await app.request('http://touchpoint.test/v1/admin/simulate', {
    method: 'POST',
    headers: { Authorization: `Bearer ${SHOP_ADMIN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

interface Answer {
  shows: string | null;
  surveys: { surveyId: string; show: boolean; summary: string; reasons: { rule: string; text: string }[] }[];
}

describe('POST /v1/admin/simulate', () => {
  it('answers "not shown — recontact period" for a returning visitor who saw it 10 days ago', async () => {
    const now = Date.parse('2026-12-06T12:00:00Z');
    const { status, body } = await simulate({
      surveyId: 'nps-checkout',
      context: { url: 'https://shop.example/checkout/thanks', event: 'checkout.completed', returning: true },
      history: { displays: [{ surveyId: 'nps-checkout', at: now - 10 * DAY_MS }] },
      now,
    });
    expect(status).toBe(200);
    const answer = body as unknown as Answer;
    expect(answer.shows).toBeNull();
    expect(answer.surveys).toHaveLength(1);
    expect(answer.surveys[0]).toMatchObject({ surveyId: 'nps-checkout', show: false });
    expect(answer.surveys[0]?.summary).toBe(
      'not shown — shown 10 days ago; may show again after 90 days (from 2027-02-24)',
    );
    expect(answer.surveys[0]?.reasons.map((r) => r.rule)).toContain('trigger');
  });

  it('decides on a config not yet published, and says which survey wins', async () => {
    const { status, body } = await simulate({
      config: {
        version: 1,
        surveys: [
          { id: 'a', touchpoint: 't', question: { type: 'nps' }, triggers: [{ type: 'exitIntent' }] },
          {
            id: 'b',
            touchpoint: 't',
            question: { type: 'ces' },
            triggers: [{ type: 'exitIntent' }],
            priority: 2,
          },
        ],
      },
      context: { url: 'https://shop.example/support/articles/returns', event: { type: 'exitIntent' } },
    });
    expect(status).toBe(200);
    const answer = body as unknown as Answer;
    expect(answer.shows).toBe('b');
    expect(answer.surveys.map((s) => s.summary)).toEqual([
      'not shown — "b" shows instead (priority 2 vs 0; one survey at a time)',
      'shown',
    ]);
  });

  it('names every problem of a bad request or config by path, and an unknown survey', async () => {
    const bad = await simulate({ context: { url: 'not a url', device: 'watch' } });
    expect(bad.status).toBe(400);
    const paths = ErrorBodySchema.parse(bad.body).error.problems?.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['context.url', 'context.device']));

    const invalid = await simulate({
      config: { version: 1, surveys: [{ id: '' }] },
      context: { url: 'https://a.b/' },
    });
    expect(invalid.status).toBe(422);
    expect(ErrorBodySchema.parse(invalid.body).error.code).toBe('invalid_config');

    const unknown = await simulate({ surveyId: 'nope', context: { url: 'https://a.b/' } });
    expect(unknown.status).toBe(404);
  });
});
