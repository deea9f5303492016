/**
 * Results timing for an attribute-filtered overview (issue 13, point 4): a SQLite store with N events (default one
 * million: 500,000 responses, each shown and completed with an NPS, CSAT or CES answer, over 90 days, visitors
 * with `plan` and `country` attributes named as `segmentAttributes`), then `GET /v1/results/overview` in-process,
 * unfiltered and with `attr.plan=pro`, over 28 and 90 days: median and max of 7 requests after one warm-up.
 *
 *   npx -y pnpm@10.34.9 exec tsx --conditions=@touchpoint/source bench/attribute-overview.ts [events]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WireEvent } from '@touchpoint/core';
import { seededRandom } from '@touchpoint/core/sample';
import { createApp, loadConfigFile, openSqliteStore, surveyKindsOf } from '@touchpoint/server';
import { DEMO_CONFIG_PATH } from '../packages/server/src/sites/demo-site';

type IngestItem = Parameters<Awaited<ReturnType<typeof openSqliteStore>>['ingest']>[0][number];

const EVENTS = Number(process.argv[2] ?? 1_000_000);
const DAYS = 90;
const DAY_MS = 86_400_000;
const END = Date.parse('2026-11-30T00:00:00.000Z');
const SECRET = 'sk_bench_0123456789abcdef';

const TOUCHPOINTS = [
  { surveyId: 'nps-checkout', touchpoint: 'checkout.completed', type: 'nps' as const },
  { surveyId: 'csat-product', touchpoint: 'product.page', type: 'csat' as const },
  { surveyId: 'ces-support', touchpoint: 'support.article', type: 'ces' as const },
];
const PLANS = ['free', 'pro', 'team'];
const COUNTRIES = ['NL', 'BE', 'DE', 'FR', 'GB'];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-attr-bench-'));
  const { json, config } = loadConfigFile(DEMO_CONFIG_PATH);
  const store = await openSqliteStore({ path: join(dir, 'bench.sqlite') });
  try {
    await store.registerSurveys('bench', surveyKindsOf(config));
    const random = seededRandom(13);
    const started = performance.now();
    let written = 0;
    let pending: IngestItem[] = [];
    while (written < EVENTS) {
      const events: WireEvent[] = [];
      const at = END - Math.floor(random() * DAYS * DAY_MS);
      for (let i = 0; i < 500 && written + events.length < EVENTS; i++) {
        const tp = TOUCHPOINTS[Math.floor(random() * TOUCHPOINTS.length)]!;
        const responseId = randomUUID();
        const when = new Date(at + i * 1000).toISOString();
        const visitor = {
          id: `v-${Math.floor(random() * 200_000)}`,
          userId: `u-${Math.floor(random() * 100_000)}`,
          attributes: {
            plan: PLANS[Math.floor(random() * PLANS.length)]!,
            country: COUNTRIES[Math.floor(random() * COUNTRIES.length)]!,
          },
        };
        const base = {
          v: 1 as const,
          surveyId: tp.surveyId,
          touchpoint: tp.touchpoint,
          responseId,
          at: when,
          context: { path: `/${tp.touchpoint}`, locale: 'en', device: 'desktop' as const },
          visitor,
        };
        const value =
          tp.type === 'nps'
            ? Math.floor(random() * 11)
            : 1 + Math.floor(random() * (tp.type === 'csat' ? 5 : 7));
        events.push({ ...base, id: randomUUID(), type: 'shown' } as WireEvent);
        events.push({
          ...base,
          id: randomUUID(),
          type: 'completed',
          answers: [
            tp.type === 'ces'
              ? { questionId: 'score', type: 'ces', points: 7, value }
              : { questionId: 'score', type: tp.type, value },
          ],
        } as WireEvent);
      }
      const sentAt = new Date(at + 600_000).toISOString();
      pending.push({
        site: 'bench',
        batch: { sentAt, events },
        receivedAt: at + 600_000,
        segmentAttributes: ['plan', 'country'],
      });
      written += events.length;
      // Ten batches per transaction, as the server's group commit does under load.
      if (pending.length === 10 || written >= EVENTS) {
        await store.ingest(pending);
        pending = [];
      }
    }
    const ingestSeconds = (performance.now() - started) / 1000;
    console.log(
      `ingested ${written.toLocaleString('en')} events in ${ingestSeconds.toFixed(1)} s (${Math.round(written / ingestSeconds).toLocaleString('en')} events/s, segment attributes on)`,
    );

    const app = createApp({
      store,
      sites: [
        {
          id: 'bench',
          name: 'Bench',
          publicKey: 'pk_bench',
          secretKey: SECRET,
          allowedOrigins: ['*'],
          configPath: DEMO_CONFIG_PATH,
          configJson: json,
          config: { ...config, segmentAttributes: ['plan', 'country'] },
        },
      ],
      log: () => {},
      dashboardDir: null,
    });
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    for (const days of [28, 90]) {
      for (const filter of ['', '&attr.plan=pro', '&attr.country=NL']) {
        const url = `http://bench.test/v1/results/overview?from=${day(END - (days - 1) * DAY_MS)}&to=${day(END)}${filter}`;
        const times: number[] = [];
        let rows = 0;
        for (let i = 0; i < 8; i++) {
          const t0 = performance.now();
          const response = await app.request(url, { headers: { Authorization: `Bearer ${SECRET}` } });
          const body = (await response.json()) as { rows: { n: number }[] };
          if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
          if (i > 0) times.push(performance.now() - t0);
          rows = body.rows.reduce((sum, row) => sum + row.n, 0);
        }
        console.log(
          `overview ${days} days${filter === '' ? ' (no filter)' : ` ${filter.slice(1)}`}: median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (${rows.toLocaleString('en')} answers)`,
        );
      }
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
