/**
 * `GET /v1/results/overview | trend | compare | verbatims | segments | export.csv | at-risk | journey | attributes |
 * responses/{responseId}`
 * (core's `results-api.ts`),
 * for the bearer of a site's secret results key only. Every answer is `Cache-Control: no-store`; there are no
 * CORS headers, so only the dashboard on the server's own origin (or a server-side client) can read them.
 */
import type { JourneyResponse, Problem } from '@touchpoint/core';
import type { Context, Hono } from 'hono';
import type { SiteConfigs } from '../config/site-configs';
import { errorBody } from '../http/error-body';
import { createKeyGuard, NO_STORE } from '../http/key-guard';
import type { RateLimiter } from '../http/rate-limiter';
import { atRisk } from '../results/inbox-service';
import { responsesCsv, summaryCsv } from '../results/results-export';
import { DEFAULT_VERBATIMS_LIMIT, MAX_VERBATIMS_LIMIT, ParamReader } from '../results/results-params';
import {
  attributes,
  compare,
  journey,
  overview,
  responseDetail,
  segments,
  trend,
  verbatims,
} from '../results/results-service';
import { decodeCursor } from '../results/verbatim-cursor';
import type { Site } from '../sites/site';
import type { AnswerPosition, Store } from '../store/store';

export const RESULTS_ENDPOINTS = [
  'overview',
  'trend',
  'compare',
  'verbatims',
  'segments',
  'export.csv',
  'at-risk',
  'journey',
  'attributes',
] as const;

export interface ResultsRoutesOptions {
  readonly store: Store;
  readonly sites: readonly Site[];
  /** Refused keys per client: a guesser is slowed down to this limiter's rate. */
  readonly failures: RateLimiter;
  /** The rate-limit key of the request's client. */
  readonly clientKey: (c: Context) => string;
  readonly log: (line: string) => void;
  /**
   * The published configs (the editor's versions): `segmentAttributes` and `journeys` are read from the published
   * config, not the sites file's. Left out (tests of the store alone): the sites file's config.
   */
  readonly configs?: SiteConfigs | undefined;
}

class InvalidParams extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => p.message).join('; '));
  }
}

function check(reader: ParamReader): void {
  const problems = reader.finish();
  if (problems.length > 0) throw new InvalidParams(problems);
}

/** The site with its published config in place of the sites file's (what the editor last published). */
export async function withPublishedConfig(site: Site, configs: SiteConfigs | undefined): Promise<Site> {
  if (configs === undefined) return site;
  const { config } = await configs.published(site);
  return config === site.config ? site : { ...site, config };
}

export function registerResultsRoutes(app: Hono, options: ResultsRoutesOptions): void {
  const { store } = options;
  const guard = createKeyGuard({ ...options, role: 'results' });

  type Handler = (site: Site, params: ParamReader, c: Context) => Promise<Response>;

  const route = (endpoint: (typeof RESULTS_ENDPOINTS)[number] | `${string}/:${string}`, handler: Handler) => {
    app.get(`/v1/results/${endpoint}`, async (c) => {
      const guarded = guard(c);
      if (guarded instanceof Response) return guarded;
      const params = new ParamReader(new URL(c.req.url).searchParams);
      try {
        const site = await withPublishedConfig(guarded, options.configs);
        return await handler(site, params, c);
      } catch (error) {
        if (error instanceof InvalidParams) {
          const count = error.problems.length;
          return c.json(
            errorBody(
              'invalid_parameters',
              `${count} parameter problem${count === 1 ? '' : 's'}: ${error.message}`,
              error.problems,
            ),
            400,
            NO_STORE,
          );
        }
        options.log(
          `[touchpoint] results ${endpoint} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
        return c.json(
          errorBody('store_unavailable', 'The results could not be read; try again later.'),
          503,
          { ...NO_STORE, 'Retry-After': '10' },
        );
      }
    });
  };

  const json = (c: Context, body: unknown) => c.json(body, 200, NO_STORE);

  route('overview', async (site, params, c) => {
    const range = params.range();
    const segment = params.segment(site.config.segmentAttributes ?? []);
    const kind = params.metric(false);
    const touchpoint = params.optionalTouchpoint();
    check(params);
    return json(c, await overview(store, site.id, { ...range, segment, kind, touchpoint }));
  });

  route('trend', async (site, params, c) => {
    const touchpoint = params.touchpoint();
    const kind = params.metric(true);
    const interval = params.choice('interval', ['week', 'day'] as const, 'week');
    const range = params.range();
    const segment = params.segment(site.config.segmentAttributes ?? []);
    check(params);
    return json(c, await trend(store, site.id, { ...range, touchpoint, kind, interval, segment }));
  });

  route('compare', async (site, params, c) => {
    const kind = params.metric(true);
    const a = { touchpoint: params.touchpoint('a.touchpoint'), ...params.range('a.') };
    const b = { touchpoint: params.touchpoint('b.touchpoint'), ...params.range('b.') };
    const segment = params.segment(site.config.segmentAttributes ?? []);
    check(params);
    return json(c, await compare(store, site.id, { kind, a, b, segment }));
  });

  route('segments', async (site, params, c) => {
    const touchpoint = params.touchpoint();
    const kind = params.metric(true);
    const by = params.dimension(site.config.segmentAttributes ?? []);
    const range = params.range();
    const segment = params.segment(site.config.segmentAttributes ?? []);
    if (segment.attribute !== undefined) {
      // The attribute rollups hold one attribute per row: a breakdown within an attribute value has no rollup.
      params.problems.push({
        path: `attr.${segment.attribute.name}`,
        expected: 'no attribute filter on segments (break down by the attribute with by=attr.<name> instead)',
        received: JSON.stringify(segment.attribute.value),
        message: `attr.${segment.attribute.name}: expected no attribute filter on segments (use by=attr.${segment.attribute.name})`,
      });
    }
    check(params);
    return json(c, await segments(store, site.id, { ...range, touchpoint, kind, by, segment }));
  });

  route('verbatims', async (site, params, c) => {
    const range = params.range();
    const touchpoint = params.optionalTouchpoint();
    const kind = params.metric(false);
    const band = params.band(kind);
    const segment = params.segment(site.config.segmentAttributes ?? []);
    const limit = params.integer('limit', 1, MAX_VERBATIMS_LIMIT, DEFAULT_VERBATIMS_LIMIT);
    const after = params.cursor(decodeCursor) as AnswerPosition | undefined;
    check(params);
    const sensitive = site.sensitiveAttributes ?? [];
    return json(
      c,
      await verbatims(store, site.id, { ...range, touchpoint, kind, band, segment, limit, after, sensitive }),
    );
  });

  route('export.csv', async (site, params, c) => {
    const kind = params.choice('kind', ['responses', 'summary'] as const);
    const range = params.range();
    const segment = params.segment(site.config.segmentAttributes ?? []);
    const metric = params.metric(false);
    const touchpoint = params.optionalTouchpoint();
    check(params);
    const headers = {
      ...NO_STORE,
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="touchpoint-${site.id}-${kind}-${range.from}-${range.to}.csv"`,
      'X-Content-Type-Options': 'nosniff',
    };
    if (kind === 'summary') {
      const rows = await overview(store, site.id, { ...range, segment, kind: metric, touchpoint });
      return c.body(summaryCsv(rows), 200, headers);
    }
    const stream = await responsesCsv(store, site.id, {
      ...range,
      segment,
      kind: metric,
      touchpoint,
      sensitive: site.sensitiveAttributes ?? [],
    });
    return c.body(stream, 200, headers);
  });

  route('journey', async (site, params, c) => {
    const journeys = site.config.journeys ?? [];
    const refs = journeys.map((j) => ({ id: j.id, name: j.name }));
    const id = params.optionalChoice(
      'journey',
      journeys.map((j) => j.id),
    );
    const range = params.range();
    const segment = params.segment(site.config.segmentAttributes ?? []);
    check(params);
    const config = journeys.find((j) => j.id === id) ?? journeys[0];
    if (config === undefined) {
      // The config declares no journey: an empty answer the dashboard shows as such.
      return json(c, {
        journey: null,
        journeys: [],
        ...range,
        stages: [],
        weakest: [],
      } satisfies JourneyResponse);
    }
    return json(c, await journey(store, site.id, config, { ...range, segment }, refs));
  });

  route('attributes', async (site, params, c) => {
    check(params);
    return json(c, await attributes(store, site.id, site.config.segmentAttributes ?? []));
  });

  route('at-risk', async (site, params, c) => {
    const range = params.range();
    // Only an attribute narrows the customers (device, locale, path and channel are unknown parameters here).
    const attribute = params.attribute(site.config.segmentAttributes ?? []);
    check(params);
    return json(c, await atRisk(store, site, range, attribute));
  });

  route('responses/:responseId', async (site, params, c) => {
    check(params);
    const responseId = c.req.param('responseId') ?? '';
    const detail = await responseDetail(store, site.id, responseId, site.sensitiveAttributes ?? []);
    if (detail === null) {
      return c.json(errorBody('not_found', `No response ${responseId} for this site.`), 404, NO_STORE);
    }
    return json(c, detail);
  });

  app.all('/v1/results/*', (c) => {
    const endpoint = c.req.path.slice('/v1/results/'.length);
    if ((RESULTS_ENDPOINTS as readonly string[]).includes(endpoint)) {
      return c.json(errorBody('method_not_allowed', `Use GET on ${c.req.path}.`), 405, { Allow: 'GET' });
    }
    return c.json(
      errorBody('not_found', `No results endpoint ${endpoint}; there are ${RESULTS_ENDPOINTS.join(', ')}.`),
      404,
    );
  });
}
