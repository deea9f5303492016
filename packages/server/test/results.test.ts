/**
 * The results API in-process (`app.request()`), on SQLite and on a real PostgreSQL 15, over a known data set
 * delivered in random order with duplicates and changed answers: every number equals core's computation over the
 * raw events of the range and segment; only the secret key reads; every bad parameter is named; pages are stable;
 * CSV cells never run as formulas.
 */
import { randomUUID } from 'node:crypto';
import {
  type CompareResponse,
  channelOf,
  compareTallies,
  type OverviewResponse,
  type SegmentsResponse,
  summarizeTally,
  type TrendResponse,
  type VerbatimsResponse,
  type WireEvent,
} from '@touchpoint/core';
import { seededRandom } from '@touchpoint/core/sample';
import { ErrorBodySchema } from '@touchpoint/core/schema';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { addDays, bucketsOf } from '../src/results/days';
import { MAX_RANGE_DAYS } from '../src/results/results-params';
import type { IngestBatch, Store } from '../src/store/store';
import { databaseKinds, type TestDatabase } from './support/databases';
import { shuffle } from './support/events';
import { parseCsv } from './support/parse-csv';
import {
  dayOf,
  expectedVerbatims,
  find,
  HOSTILE_TEXTS,
  inRange,
  pointsOf,
  resultsDataSet,
  type Segment,
  SURVEYS,
  summarize,
  tallyOfSummary,
} from './support/results-data';
import { SHOP_KEY, SHOP_SECRET, testSite } from './support/sites';

const BLOG_SECRET = 'sk_blog_test_0123456789abcdef';
const FROM = '2026-08-03';
const TO = '2026-09-27';
/** Four weeks in the middle, so the overview's previous period has data too. */
const MID = { from: '2026-08-31', to: '2026-09-27' };

async function deliver(store: Store, events: readonly WireEvent[], seed: number): Promise<void> {
  const random = seededRandom(seed);
  const order = shuffle([...events, ...events.filter(() => random() < 0.2)], random);
  // Each day's events are sent (and received) just after the last of them: the server counts an event no earlier
  // than its receive time minus core's MAX_EVENT_AGE_MS, so corrected times then equal the events' own `at`.
  const days = new Map<string, WireEvent[]>();
  for (const e of order) days.set(e.at.slice(0, 10), [...(days.get(e.at.slice(0, 10)) ?? []), e]);
  const batches: IngestBatch[] = [];
  for (const dayEvents of shuffle([...days.values()], random)) {
    const sent = Math.max(...dayEvents.map((e) => Date.parse(e.at))) + 1000;
    for (let i = 0; i < dayEvents.length; ) {
      const size = 1 + Math.floor(random() * 100);
      batches.push({
        site: 'shop',
        batch: { sentAt: new Date(sent).toISOString(), events: dayEvents.slice(i, i + size) },
        receivedAt: sent,
      });
      i += size;
    }
  }
  for (let i = 0; i < batches.length; i += 8) await store.ingest(batches.slice(i, i + 8));
}

/** The score fields of a summary (what the API and core must agree on exactly). */
function scoreFields(summary: object): Record<string, unknown> {
  const { trend: _t, change: _c, touchpoint: _p, ...rest } = summary as Record<string, unknown>;
  return rest;
}

describe.each(databaseKinds())('results API on $name', (kind) => {
  let database: TestDatabase;
  let store: Store;
  let app: Hono;
  const events = resultsDataSet();

  const get = (path: string, key: string | null = SHOP_SECRET, headers: Record<string, string> = {}) =>
    app.request(`http://touchpoint.test/v1/results/${path}`, {
      headers: key === null ? headers : { Authorization: `Bearer ${key}`, ...headers },
    });
  const json = async <T>(path: string): Promise<T> => {
    const response = await get(path);
    expect(response.status, `${path}: ${response.status === 200 ? '' : await response.clone().text()}`).toBe(
      200,
    );
    return (await response.json()) as T;
  };
  const problemsOf = async (response: Response) => {
    expect(response.status).toBe(400);
    const body = ErrorBodySchema.parse(await response.json());
    return body.error.problems?.map((p) => p.path) ?? [];
  };

  beforeAll(async () => {
    if (kind.skip) return;
    database = await kind.start();
    store = await database.openStore();
    await store.registerSurveys('shop', SURVEYS);
    await deliver(store, events, 17);
    app = createApp({
      store,
      sites: [testSite(), testSite({ id: 'blog', publicKey: 'pk_blog_test', secretKey: BLOG_SECRET })],
      log: () => {},
      dashboardDir: null,
    });
  }, 120_000);
  afterAll(async () => {
    await database?.stop();
  });

  describe.skipIf(kind.skip)('numbers equal core over the raw events', () => {
    const segments: Segment[] = [
      {},
      { device: 'mobile' },
      { locale: 'nl' },
      { path: '/help/chat' },
      { channel: 'web' },
      { channel: 'qr' },
      { channel: 'email', device: 'mobile' },
    ];

    it.each(segments)('overview of a range and of the range before it, segment %o', async (segment) => {
      const query = new URLSearchParams({ ...MID, ...segment });
      const body = await json<OverviewResponse>(`overview?${query}`);
      const current = summarize(inRange(events, MID.from, MID.to, segment));
      const previous = summarize(inRange(events, addDays(MID.from, -28), addDays(MID.from, -1), segment));
      expect(body.rows.map((row) => [row.touchpoint, row.metric, pointsOf(row)])).toEqual(
        current.map((row) => [row.touchpoint, row.metric, pointsOf(row)]),
      );
      for (const row of body.rows) {
        const points = pointsOf(row);
        const expected = find(current, row.touchpoint, row.metric, points)!;
        expect(scoreFields(row)).toEqual(scoreFields(expected));
        expect(row.change).toEqual(
          compareTallies(
            tallyOfSummary(expected, row.metric, points),
            tallyOfSummary(find(previous, row.touchpoint, row.metric, points), row.metric, points),
          ),
        );
        const weeks = bucketsOf(MID.from, MID.to, 'week');
        expect(row.trend).toEqual(
          weeks.map((week) => {
            const summary = find(
              summarize(inRange(events, week.from, week.to, segment)),
              row.touchpoint,
              row.metric,
              points,
            );
            const { n, score, ci, smallSample } =
              summary ?? summarizeTally(tallyOfSummary(undefined, row.metric, points));
            return { start: week.start, n, score, ci, smallSample };
          }),
        );
      }
    });

    it('keeps a touchpoint with two metrics, and CES 5 beside CES 7, apart', async () => {
      const body = await json<OverviewResponse>(`overview?from=${FROM}&to=${TO}`);
      const chat = body.rows.filter((row) => row.touchpoint === 'support.chat').map((row) => row.metric);
      expect(chat).toEqual(['csat', 'nps']);
      const onboarding = body.rows.filter((row) => row.touchpoint === 'onboarding.step3');
      expect(onboarding.map((row) => row.scale)).toEqual([
        { min: 1, max: 5 },
        { min: 1, max: 7 },
      ]);
      const only = await json<OverviewResponse>(`overview?from=${FROM}&to=${TO}&metric=ces&points=5`);
      expect(only.rows.map((row) => [row.touchpoint, row.scale.max])).toEqual([['onboarding.step3', 5]]);
    });

    it('gives null scores for a range without answers, and flags small samples', async () => {
      const empty = await json<OverviewResponse>('overview?from=2025-01-01&to=2025-01-31');
      expect(empty.rows).toEqual([]);
      const trend = await json<TrendResponse>(
        'trend?touchpoint=checkout.completed&metric=nps&interval=day&from=2025-01-01&to=2025-01-03',
      );
      expect(trend.points).toEqual(
        ['2025-01-01', '2025-01-02', '2025-01-03'].map((start) => ({
          start,
          n: 0,
          score: null,
          ci: null,
          smallSample: true,
        })),
      );
      const week = await json<OverviewResponse>('overview?from=2026-09-21&to=2026-09-27');
      const product = week.rows.find((row) => row.touchpoint === 'product.page');
      expect(product?.smallSample).toBe(true);
      expect(product?.n).toBe(
        find(summarize(inRange(events, '2026-09-21', '2026-09-27')), 'product.page', 'csat', 0)?.n,
      );
    });

    it.each([
      ['day', {}],
      ['week', { locale: 'nl' }],
    ] as const)('trend by %s, segment %o', async (interval, segment) => {
      const query = new URLSearchParams({
        touchpoint: 'support.chat',
        metric: 'nps',
        interval,
        from: '2026-08-05',
        to: '2026-09-20',
        ...segment,
      });
      const body = await json<TrendResponse>(`trend?${query}`);
      expect(body).toMatchObject({
        touchpoint: 'support.chat',
        metric: 'nps',
        interval,
        scale: { min: 0, max: 10 },
      });
      expect(body.points).toEqual(
        bucketsOf('2026-08-05', '2026-09-20', interval).map((bucket) => {
          const summary = find(
            summarize(inRange(events, bucket.from, bucket.to, segment)),
            'support.chat',
            'nps',
            0,
          );
          const { n, score, ci, smallSample } =
            summary ?? summarizeTally(tallyOfSummary(undefined, 'nps', 0));
          return { start: bucket.start, n, score, ci, smallSample };
        }),
      );
      if (interval === 'week') expect(body.points[0]?.start).toBe('2026-08-03'); // the Monday of the first week
    });

    it('compares two periods, and two touchpoints, within a segment', async () => {
      const periods = await json<CompareResponse>(
        'compare?metric=nps&a.touchpoint=checkout.completed&a.from=2026-09-14&a.to=2026-09-27' +
          '&b.touchpoint=checkout.completed&b.from=2026-08-03&b.to=2026-08-16',
      );
      const a = find(summarize(inRange(events, '2026-09-14', '2026-09-27')), 'checkout.completed', 'nps', 0);
      const b = find(summarize(inRange(events, '2026-08-03', '2026-08-16')), 'checkout.completed', 'nps', 0);
      expect(scoreFields(periods.a)).toEqual({
        ...scoreFields(summarizeTally(tallyOfSummary(a, 'nps', 0))),
        from: '2026-09-14',
        to: '2026-09-27',
      });
      expect(periods.a.touchpoint).toBe('checkout.completed');
      expect(periods.comparison).toEqual(
        compareTallies(tallyOfSummary(a, 'nps', 0), tallyOfSummary(b, 'nps', 0)),
      );
      expect(periods.comparison?.significant).toBeTypeOf('boolean');

      const segment = { device: 'desktop' };
      const touchpoints = await json<CompareResponse>(
        `compare?metric=csat&a.touchpoint=support.article&a.from=${FROM}&a.to=${TO}` +
          `&b.touchpoint=support.chat&b.from=${FROM}&b.to=${TO}&device=desktop`,
      );
      const all = summarize(inRange(events, FROM, TO, segment));
      expect(touchpoints.comparison).toEqual(
        compareTallies(
          tallyOfSummary(find(all, 'support.article', 'csat', 0), 'csat', 0),
          tallyOfSummary(find(all, 'support.chat', 'csat', 0), 'csat', 0),
        ),
      );
    });

    it.each([
      ['device', {}],
      ['locale', {}],
      ['path', { device: 'mobile' }],
      ['channel', {}],
      ['channel', { locale: 'nl' }],
      ['device', { channel: 'link' }],
    ] as const)('segments by %s, filtered by %o', async (by, segment) => {
      const query = new URLSearchParams({
        touchpoint: 'support.chat',
        metric: 'csat',
        by,
        from: FROM,
        to: TO,
        ...segment,
      });
      const body = await json<SegmentsResponse>(`segments?${query}`);
      const range = inRange(events, FROM, TO, segment);
      const segmentOf = (e: WireEvent) => (by === 'channel' ? channelOf(e.context) : e.context[by]);
      const values = [...new Set(range.map(segmentOf))];
      const expected = values
        .map((value) => {
          const summary = find(
            summarize(range.filter((e) => segmentOf(e) === value)),
            'support.chat',
            'csat',
            0,
          );
          if (summary === undefined) return undefined;
          const { touchpoint: _, ...rest } = summary;
          return { ...rest, segment: value ?? 'unknown' };
        })
        .filter((row) => row !== undefined);
      expect(body.by).toBe(by);
      expect([...body.rows].sort((x, y) => (x.segment < y.segment ? -1 : 1))).toEqual(
        expected.sort((x, y) => (x.segment < y.segment ? -1 : 1)),
      );
      expect(body.rows.map((row) => row.n)).toEqual([...body.rows.map((row) => row.n)].sort((x, y) => y - x));
      if (by === 'locale') expect(body.rows.map((row) => row.segment)).toContain('NL-be');
      if (by === 'device' && !('channel' in segment)) {
        expect(body.rows.map((row) => row.segment)).toContain('unknown');
      }
      if (by === 'channel') {
        // Web counts the events that named web and those that named no channel (every older collector's).
        expect(body.rows.map((row) => row.segment).sort()).toEqual(['email', 'link', 'qr', 'web']);
      }
    });

    it('matches nl to nl-BE and NL-be, and an exact path only', async () => {
      const nl = await json<OverviewResponse>(
        `overview?from=${FROM}&to=${TO}&locale=nl&touchpoint=support.chat`,
      );
      const ref = summarize(inRange(events, FROM, TO, { locale: 'nl' }));
      expect(nl.rows.map((row) => row.n)).toEqual(
        ref.filter((r) => r.touchpoint === 'support.chat').map((r) => r.n),
      );
      const regional = inRange(events, FROM, TO, { locale: 'nl' }).filter((e) => e.context.locale !== 'nl');
      expect(regional.length).toBeGreaterThan(0);
      const none = await json<OverviewResponse>(`overview?from=${FROM}&to=${TO}&path=/help`);
      expect(none.rows).toEqual([]);
    });
  });

  describe.skipIf(kind.skip)('verbatims', () => {
    const pageThrough = async (query: string, limit: number) => {
      const items: VerbatimsResponse['items'][number][] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 200; page++) {
        const body: VerbatimsResponse = await json(
          `verbatims?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(body.items.length).toBeLessThanOrEqual(limit);
        items.push(...body.items);
        cursor = body.nextCursor;
        if (cursor === null) break;
      }
      return items;
    };
    const shape = (v: ReturnType<typeof expectedVerbatims>[number]) => ({
      responseId: v.responseId,
      at: v.at,
      touchpoint: v.touchpoint,
      surveyId: v.surveyId,
      metric: v.metric,
      score: v.score,
      text: v.text,
      ...(v.locale === undefined ? {} : { locale: v.locale }),
      ...(v.device === undefined ? {} : { device: v.device }),
      path: v.path,
      channel: v.channel,
    });

    it('pages through every text of a range, newest first, each with the score it followed', async () => {
      const items = await pageThrough(`from=${MID.from}&to=${MID.to}`, 7);
      const expected = expectedVerbatims(inRange(events, MID.from, MID.to));
      expect(items.length).toBeGreaterThan(50);
      expect(items.map(({ band: _, ...rest }) => rest)).toEqual(expected.map(shape));
      for (const item of items) {
        const { bandOf } = await import('@touchpoint/core');
        const points = expected.find((v) => v.responseId === item.responseId)!.points;
        expect(item.band).toBe(bandOf(item.metric, item.score, points));
      }
    });

    it('filters by touchpoint, metric, band, locale, device and path', async () => {
      const filter = { locale: 'nl', device: 'mobile', path: '/help/chat' };
      const items = await pageThrough(
        `from=${FROM}&to=${TO}&touchpoint=support.chat&metric=nps&band=detractor&${new URLSearchParams(filter)}`,
        100,
      );
      const expected = expectedVerbatims(inRange(events, FROM, TO, filter)).filter(
        (v) => v.touchpoint === 'support.chat' && v.metric === 'nps' && v.score <= 6,
      );
      expect(items.map((v) => v.responseId)).toEqual(expected.map((v) => v.responseId));
      const neutral = await pageThrough(`from=${FROM}&to=${TO}&band=neutral`, 100);
      expect(new Set(neutral.map((v) => v.metric))).toEqual(new Set(['csat', 'ces']));
      expect(neutral.every((v) => v.band === 'neutral')).toBe(true);
      expect(neutral.length).toBe(
        expectedVerbatims(inRange(events, FROM, TO)).filter((v) =>
          v.metric === 'nps'
            ? false
            : v.metric === 'csat'
              ? v.score === 3
              : v.score === (v.points === 5 ? 3 : 4),
        ).length,
      );
    });

    it('keeps pages stable while answers arrive', async () => {
      const before = expectedVerbatims(inRange(events, FROM, TO)).map((v) => v.responseId);
      const first: VerbatimsResponse = await json(`verbatims?from=${FROM}&to=${TO}&limit=5`);
      // Newer and older answers arrive between two pages.
      const arriving = ['2026-09-27T23:00:00.000Z', '2026-08-10T12:00:00.000Z'].map(
        (at) =>
          ({
            v: 1,
            id: randomUUID(),
            type: 'completed',
            surveyId: 'nps-checkout',
            touchpoint: 'checkout.completed',
            responseId: randomUUID(),
            at,
            answers: [
              { questionId: 'score', type: 'nps', value: 3 },
              { questionId: 'reason', type: 'text', value: 'arrived late' },
            ],
            context: { path: '/checkout/thanks' },
            visitor: { id: 'late' },
          }) as WireEvent,
      );
      // Each sent as it happened: an event counts no earlier than its receive time minus core's MAX_EVENT_AGE_MS.
      await store.ingest(
        arriving.map((e) => {
          const sent = Date.parse(e.at) + 1000;
          return {
            site: 'shop',
            batch: { sentAt: new Date(sent).toISOString(), events: [e] },
            receivedAt: sent,
          };
        }),
      );
      events.push(...arriving); // the later tests' reference includes them
      const rest: VerbatimsResponse['items'][number][] = [...first.items];
      let cursor = first.nextCursor;
      while (cursor !== null) {
        const page: VerbatimsResponse = await json(
          `verbatims?from=${FROM}&to=${TO}&limit=50&cursor=${cursor}`,
        );
        rest.push(...page.items);
        cursor = page.nextCursor;
      }
      const ids = rest.map((v) => v.responseId).filter((id) => before.includes(id));
      expect(ids).toEqual(before); // nothing repeated, nothing skipped
      expect(rest.filter((v) => v.text === 'arrived late')).toHaveLength(1); // the older one, on a later page
    });

    it('returns texts as they were written, markup included (never rendered here)', async () => {
      const items = await pageThrough(`from=${FROM}&to=${TO}&touchpoint=support.chat`, 100);
      for (const text of HOSTILE_TEXTS) expect(items.map((v) => v.text)).toContain(text);
    });
  });

  describe.skipIf(kind.skip)('CSV exports', () => {
    it('exports one row per response, RFC 4180, formulas neutralised', async () => {
      const response = await get(`export.csv?kind=responses&from=${FROM}&to=${TO}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toMatch(
        /^attachment; filename="touchpoint-shop-responses-/,
      );
      const [header, ...rows] = parseCsv(await response.text());
      expect(header).toEqual([
        'response_id',
        'event_id',
        'at',
        'day',
        'touchpoint',
        'survey_id',
        'question_id',
        'metric',
        'scale_min',
        'scale_max',
        'score',
        'band',
        'text',
        'locale',
        'device',
        'path',
        'channel',
        'user_id',
        'attributes',
      ]);
      const n = summarize(inRange(events, FROM, TO)).reduce((sum, row) => sum + row.n, 0);
      expect(rows).toHaveLength(n);
      const texts = rows.map((row) => row[12]!);
      for (const text of HOSTILE_TEXTS) {
        const expected = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
        expect(texts.some((cell) => cell === expected || cell.split('\n').includes(expected))).toBe(true);
      }
      expect(texts.every((cell) => !/^[=+\-@\t\r]/.test(cell))).toBe(true);
      const byResponse = new Map(rows.map((row) => [row[0], row]));
      const sample = events.find(
        (e) => e.type === 'completed' && e.context.device === undefined && e.touchpoint === 'support.chat',
      )!;
      expect(byResponse.get(sample.responseId)?.[14]).toBe('');
      const channels = new Map(
        events.filter((e) => e.type === 'completed').map((e) => [e.responseId, channelOf(e.context)]),
      );
      for (const row of rows) expect(row[16], row[0]).toBe(channels.get(row[0]!));
      expect(new Set(rows.map((row) => row[16]))).toEqual(new Set(['web', 'link', 'email', 'qr']));
      expect(rows.every((row) => row.length === header!.length)).toBe(true);
      expect(rows.map((row) => row[2])).toEqual([...rows.map((row) => row[2])].sort());
    });

    it('exports the summary as the overview, filtered by segment', async () => {
      const response = await get(`export.csv?kind=summary&from=${MID.from}&to=${MID.to}&device=mobile`);
      const [header, ...rows] = parseCsv(await response.text());
      const overview = await json<OverviewResponse>(`overview?from=${MID.from}&to=${MID.to}&device=mobile`);
      expect(rows.length).toBe(overview.rows.length);
      const col = (name: string) => header!.indexOf(name);
      overview.rows.forEach((row, i) => {
        expect(rows[i]![col('touchpoint')]).toBe(row.touchpoint);
        expect(Number(rows[i]![col('n')])).toBe(row.n);
        expect(rows[i]![col('score')]).toBe(row.score === null ? '' : String(row.score));
        expect(rows[i]![col('ci_low')]).toBe(row.ci === null ? '' : String(row.ci.low));
        expect(rows[i]![col('small_sample')]).toBe(String(row.smallSample));
      });
    });
  });

  describe.skipIf(kind.skip)('who may read', () => {
    it.each([
      ['no key', null, 'missing_results_key'],
      ['the public key', SHOP_KEY, 'public_key_not_allowed'],
      ['a wrong key', 'sk_shop_test_0123456789abcdeX', 'unknown_results_key'],
      [
        'the secret key of a site this server does not serve',
        'sk_gone_0123456789abcdef',
        'unknown_results_key',
      ],
    ])('refuses %s with 401', async (_, key, code) => {
      for (const endpoint of ['overview', 'verbatims', 'export.csv?kind=summary&']) {
        const path = endpoint.includes('?')
          ? `${endpoint}from=${FROM}&to=${TO}`
          : `${endpoint}?from=${FROM}&to=${TO}`;
        const response = await get(path, key);
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toContain('Bearer');
        expect(ErrorBodySchema.parse(await response.json()).error.code).toBe(code);
      }
    });

    it('never reads a key from the URL, and gives another site only its own results', async () => {
      const inUrl = await get(`overview?from=${FROM}&to=${TO}&key=${SHOP_SECRET}`, null);
      expect(inUrl.status).toBe(401);
      const blog = await get(`overview?from=${FROM}&to=${TO}`, BLOG_SECRET);
      expect(await blog.json()).toEqual({ from: FROM, to: TO, rows: [] });
      const basic = await get(`overview?from=${FROM}&to=${TO}`, null, {
        Authorization: `Basic ${btoa(`x:${SHOP_SECRET}`)}`,
      });
      expect(basic.status).toBe(401);
    });

    it('never ingests with the secret key', async () => {
      const response = await app.request(`http://touchpoint.test/v1/events?site=${SHOP_SECRET}`, {
        method: 'POST',
        body: JSON.stringify({ sentAt: new Date().toISOString(), events: [] }),
        headers: { Authorization: `Bearer ${SHOP_SECRET}` },
      });
      expect(response.status).toBe(401);
      expect(ErrorBodySchema.parse(await response.json()).error.code).toBe('unknown_site_key');
    });

    it('slows down a client that keeps sending refused keys', async () => {
      let now = 1_000_000;
      const limited = createApp({
        store,
        sites: [testSite()],
        log: () => {},
        dashboardDir: null,
        clock: { now: () => now },
        limits: { resultsKeyFailures: { limit: 3, windowSeconds: 60 } },
      });
      const guess = (key: string) =>
        limited.request(`http://touchpoint.test/v1/results/overview?from=${FROM}&to=${TO}`, {
          headers: { Authorization: `Bearer ${key}` },
        });
      for (let i = 0; i < 3; i++) expect((await guess(`sk_guess_${i}_0123456789abcdef`)).status).toBe(401);
      const refused = await guess('sk_guess_4_0123456789abcdef');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await guess(SHOP_SECRET)).status).toBe(200); // the right key is never slowed down
      now += 60_000;
      expect((await guess('sk_guess_5_0123456789abcdef')).status).toBe(401);
    });

    it('answers without caching, cookies or CORS', async () => {
      const response = await get(`overview?from=${FROM}&to=${TO}`, SHOP_SECRET, {
        Origin: 'https://evil.example',
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('set-cookie')).toBeNull();
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe.skipIf(kind.skip)('bad parameters', () => {
    it.each([
      ['overview?to=2026-09-01', ['from']],
      ['overview?from=2026-02-30&to=2026-03-01', ['from']],
      ['overview?from=2026-09-10&to=2026-09-01', ['to']],
      [`overview?from=2020-01-01&to=${addDays('2020-01-01', MAX_RANGE_DAYS)}`, ['to']],
      [`overview?from=${FROM}&to=${TO}&device=watch&locale=n_l&path=help`, ['device', 'locale', 'path']],
      [`overview?from=${FROM}&to=${TO}&channel=sms`, ['channel']],
      [`segments?touchpoint=x&metric=nps&by=channel&channel=QR&from=${FROM}&to=${TO}`, ['channel']],
      [`overview?from=${FROM}&to=${TO}&devce=mobile`, ['devce']],
      [`overview?from=${FROM}&from=${FROM}&to=${TO}`, ['from']],
      [`overview?from=${FROM}&to=${TO}&metric=nps&points=5`, ['points']],
      [`trend?from=${FROM}&to=${TO}&metric=xps&interval=month`, ['touchpoint', 'metric', 'interval']],
      [
        `compare?metric=nps&a.touchpoint=x&a.from=${FROM}&a.to=${TO}&b.touchpoint=x&b.from=${TO}&b.to=${FROM}`,
        ['b.to'],
      ],
      [`segments?touchpoint=x&metric=nps&by=country&from=${FROM}&to=${TO}`, ['by']],
      [
        `verbatims?from=${FROM}&to=${TO}&metric=nps&band=agree&limit=101&cursor=abc`,
        ['band', 'limit', 'cursor'],
      ],
      [`export.csv?kind=everything&from=${FROM}&to=${TO}`, ['kind']],
    ])('%s → 400 naming %j', async (path, names) => {
      expect((await problemsOf(await get(path))).sort()).toEqual([...names].sort());
    });

    it('accepts the longest range, and knows its routes', async () => {
      expect(
        (await get(`overview?from=2024-01-01&to=${addDays('2024-01-01', MAX_RANGE_DAYS - 1)}`)).status,
      ).toBe(200);
      expect((await get('nothing')).status).toBe(404);
      const post = await app.request('http://touchpoint.test/v1/results/overview', { method: 'POST' });
      expect(post.status).toBe(405);
    });
  });
});

describe('the data set', () => {
  it('spans the range, with changed answers, segments and hostile texts', () => {
    const events = resultsDataSet();
    expect(dayOf(events.reduce((a, b) => (a.at < b.at ? a : b)))).toBe(FROM);
    expect(events.some((e) => e.context.device === undefined)).toBe(true);
    const responses = new Map<string, number>();
    for (const e of events)
      if (e.type === 'completed') responses.set(e.responseId, (responses.get(e.responseId) ?? 0) + 1);
    expect([...responses.values()].some((count) => count > 1)).toBe(true);
  });
});
