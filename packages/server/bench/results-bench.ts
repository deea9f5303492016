/**
 * Results benchmark: loads N wire events (default 1,000,000) spread over three years into SQLite and into a real
 * PostgreSQL 15 through the store's ingest path (the transaction `touchpoint serve` runs: events, winning answers,
 * rollups and segment rollups), then times the results API over the whole range in-process (`app.request()`: the
 * parameters, the queries, core's scoring and the JSON), median of several runs after one warm-up. Prints figures;
 * asserts nothing. Every loop is bounded by count.
 *
 *   pnpm --filter @touchpoint/server bench:results [-- --events 1000000 --runs 7 --databases sqlite,postgres]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { WireEvent } from '@touchpoint/core';
import { generateSampleEvents, SAMPLE_TOUCHPOINTS, seededRandom } from '@touchpoint/core/sample';
import { postgresAvailable, startPostgres } from '@touchpoint/testkit';
import { createApp } from '../src/app';
import { DEMO_CONFIG_PATH } from '../src/sites/demo-site';
import { loadConfigFile } from '../src/sites/load-sites';
import type { Site } from '../src/sites/site';
import { openPostgresStore } from '../src/store/postgres';
import { openSqliteStore } from '../src/store/sqlite';
import type { IngestBatch, Store } from '../src/store/store';

const { values } = parseArgs({
  // pnpm passes the `--` before the options through.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    events: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '7' },
    databases: { type: 'string', default: 'sqlite,postgres' },
  },
});
const TARGET = Number(values.events);
const RUNS = Math.max(1, Number(values.runs));
const DATABASES = values.databases.split(',');
const WEEKS = 156;
const WEEK_MS = 7 * 86_400_000;
/** Monday 6 January 2025: 156 weeks of data end on Sunday 2 January 2028 (1,092 days). */
const START = Date.parse('2025-01-06T00:00:00.000Z');
const FROM = '2025-01-06';
const TO = new Date(START + WEEKS * WEEK_MS - 86_400_000).toISOString().slice(0, 10);
const EVENTS_PER_BATCH = 100;
/** Batches per transaction: the server's group commit takes up to 1,000 events per write. */
const BATCHES_PER_WRITE = 10;
const PRODUCT_PAGES = 40;

const KEY = 'sk_bench_0123456789abcdef';
const { json, config } = loadConfigFile(DEMO_CONFIG_PATH);
const site: Site = {
  id: 'bench',
  name: 'Benchmark',
  publicKey: 'pk_bench',
  secretKey: KEY,
  allowedOrigins: [],
  configPath: DEMO_CONFIG_PATH,
  configJson: json,
  config,
};

/** The sample touchpoints, scaled so that WEEKS weeks hold about TARGET events (about 2.1 events per display). */
function scaledTouchpoints() {
  const perWeek = SAMPLE_TOUCHPOINTS.reduce((sum, tp) => sum + tp.perWeek, 0);
  const factor = TARGET / (WEEKS * perWeek * 2.1);
  return SAMPLE_TOUCHPOINTS.map((tp) => ({
    ...tp,
    drift: 0,
    perWeek: Math.max(1, Math.round(tp.perWeek * factor)),
  }));
}

/** One week of events, with product pages spread over many paths (segments with many values). */
function week(index: number, random: () => number): WireEvent[] {
  const events = generateSampleEvents({
    random,
    start: START + index * WEEK_MS,
    weeks: 1,
    touchpoints: scaledTouchpoints(),
  });
  const paths = new Map<string, string>();
  return events.map((event) => {
    if (event.touchpoint !== 'product.page') return event;
    let path = paths.get(event.responseId);
    if (path === undefined) {
      path = `/products/${Math.floor(random() * PRODUCT_PAGES)}`;
      paths.set(event.responseId, path);
    }
    return { ...event, context: { ...event.context, path } };
  });
}

async function load(store: Store): Promise<{ events: number; seconds: number }> {
  await store.registerSurveys(site.id, [
    { surveyId: 'nps-checkout', metric: 'nps' },
    { surveyId: 'csat-support', metric: 'csat' },
    { surveyId: 'ces-onboarding', metric: 'ces' },
    { surveyId: 'csat-product', metric: 'csat' },
  ]);
  const random = seededRandom(20250106);
  const started = performance.now();
  let loaded = 0;
  let lastPrint = started;
  for (let w = 0; w < WEEKS; w++) {
    const events = week(w, random);
    const batches: IngestBatch[] = [];
    for (let i = 0; i < events.length; i += EVENTS_PER_BATCH) {
      const part = events.slice(i, i + EVENTS_PER_BATCH);
      const sent = Date.parse(part[part.length - 1]!.at) + 1000;
      batches.push({
        site: site.id,
        batch: { sentAt: new Date(sent).toISOString(), events: part },
        receivedAt: sent,
      });
    }
    for (let i = 0; i < batches.length; i += BATCHES_PER_WRITE) {
      for (const result of await store.ingest(batches.slice(i, i + BATCHES_PER_WRITE)))
        loaded += result.stored;
    }
    if (performance.now() - lastPrint > 15_000) {
      lastPrint = performance.now();
      console.log(`    … ${loaded.toLocaleString('en')} events (week ${w + 1} of ${WEEKS})`);
    }
  }
  return { events: loaded, seconds: (performance.now() - started) / 1000 };
}

const QUERIES: Record<string, string> = {
  overview: `overview?from=${FROM}&to=${TO}`,
  'trend by week': `trend?touchpoint=checkout.completed&metric=nps&interval=week&from=${FROM}&to=${TO}`,
  'trend by day': `trend?touchpoint=checkout.completed&metric=nps&interval=day&from=${FROM}&to=${TO}`,
  compare:
    `compare?metric=nps&a.touchpoint=checkout.completed&a.from=2026-07-01&a.to=${TO}` +
    `&b.touchpoint=checkout.completed&b.from=${FROM}&b.to=2026-06-30`,
  'overview, locale=nl': `overview?from=${FROM}&to=${TO}&locale=nl`,
  'overview, device+locale+path': `overview?from=${FROM}&to=${TO}&device=mobile&locale=nl&path=/checkout/thanks`,
  'segments by path': `segments?touchpoint=product.page&metric=csat&by=path&from=${FROM}&to=${TO}`,
  'verbatims, first page': `verbatims?from=${FROM}&to=${TO}&limit=20`,
  'verbatims, detractors nl': `verbatims?from=${FROM}&to=${TO}&band=detractor&locale=nl&limit=20`,
};

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function time(store: Store): Promise<Record<string, { median: number; max: number }>> {
  const app = createApp({ store, sites: [site], dashboardDir: null, log: (line) => console.warn(line) });
  const out: Record<string, { median: number; max: number }> = {};
  for (const [name, path] of Object.entries(QUERIES)) {
    const runs: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const started = performance.now();
      const response = await app.request(`http://bench.test/v1/results/${path}`, {
        headers: { Authorization: `Bearer ${KEY}` },
      });
      await response.text();
      if (response.status !== 200) throw new Error(`${name}: HTTP ${response.status}`);
      if (i > 0) runs.push(performance.now() - started); // the first run warms the caches
    }
    out[name] = { median: median(runs), max: Math.max(...runs) };
  }
  return out;
}

async function bench(name: string, store: Store): Promise<void> {
  console.log(
    `\n${name}: loading about ${TARGET.toLocaleString('en')} events over ${WEEKS} weeks (${FROM} to ${TO})…`,
  );
  const loaded = await load(store);
  console.log(
    `  loaded ${loaded.events.toLocaleString('en')} events in ${loaded.seconds.toFixed(1)} s ` +
      `(${Math.round(loaded.events / loaded.seconds).toLocaleString('en')} events/s, ${BATCHES_PER_WRITE * EVENTS_PER_BATCH} per transaction)`,
  );
  const figures = await time(store);
  console.log(`  query over the full range (${RUNS} runs)          median      max`);
  for (const [query, { median: m, max }] of Object.entries(figures)) {
    console.log(`  ${query.padEnd(44)} ${m.toFixed(1).padStart(7)} ms ${max.toFixed(1).padStart(7)} ms`);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'touchpoint-results-bench-'));
try {
  console.log(
    `[touchpoint] results benchmark: Node ${process.version}, ${RUNS} timed runs per query after one warm-up`,
  );
  if (DATABASES.includes('sqlite')) {
    const store = await openSqliteStore({ path: join(dir, 'touchpoint.sqlite') });
    try {
      await bench('SQLite (WAL, synchronous=FULL)', store);
    } finally {
      await store.close();
    }
  }
  if (DATABASES.includes('postgres') && postgresAvailable()) {
    const pg = await startPostgres();
    try {
      const store = await openPostgresStore({ url: await pg.createDatabase('results_bench') });
      try {
        await bench('PostgreSQL 15 (synchronous_commit on)', store);
      } finally {
        await store.close();
      }
    } finally {
      await pg.stop();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
