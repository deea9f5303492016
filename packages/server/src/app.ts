/**
 * The server as a hono app, created without listening: tests call `app.request()` in-process, `serve` puts it
 * on a socket. Routes: POST /v1/events (ingest), GET /v1/config (a site's survey config), GET /v1/results/*
 * (the results API, secret key only), /v1/admin/* (admin key only), GET /healthz and GET /readyz, with CORS per site on the public routes,
 * the widget's script-tag files (`/embed.js`, `/touchpoint-*.js`) and the dashboard's files at `/`.
 */
import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import type { WireEvent } from '@touchpoint/core';
import { parseBatch } from '@touchpoint/core/schema';
import { type Context, Hono } from 'hono';
import { addressPolicy } from './alerts/address-policy';
import { type AlertOptions, systemLookup } from './alerts/alerts-runtime';
import { CONFIG_CACHE_CONTROL } from './config/config-cache';
import { verifyPreviewToken } from './config/preview-token';
import { createSiteConfigs, type PublishedConfig } from './config/site-configs';
import { DASHBOARD_DIST } from './dashboard/ensure-dashboard';
import { createClientIdentity } from './http/client-identity';
import { corsFor, preflightHeaders } from './http/cors';
import { registerDashboardFiles } from './http/dashboard-files';
import { errorBody, MAX_PROBLEMS } from './http/error-body';
import { createRateLimiter } from './http/rate-limiter';
import { readJsonBody, unreadIncoming } from './http/read-body';
import { defaultScriptDir, registerScriptFiles } from './http/script-files';
import { createIngestQueue, QueueFullError } from './ingest-queue';
import { Lifecycle } from './lifecycle';
import { type Clock, DEFAULT_LIMITS, type ServerLimits, systemClock } from './limits';
import { thresholdsOf } from './results/inbox-service';
import { createAdminRouter, mountAdminRouter } from './routes/admin';
import { registerConfigRoutes } from './routes/admin-config';
import { registerPreviewRoutes } from './routes/admin-preview';
import { registerSimulateRoutes } from './routes/admin-simulate';
import { registerAlertRoutes } from './routes/alerts';
import { registerChannelRoutes } from './routes/channels';
import { registerErasureRoutes } from './routes/erasure';
import { defaultHostedScript, registerHostedRoutes } from './routes/hosted';
import { registerInboxRoutes } from './routes/inbox';
import { registerResultsRoutes } from './routes/results';
import { type Site, surveyKindsOf } from './sites/site';
import type { Store } from './store/store';

export interface AppOptions {
  readonly store: Store;
  /** The sites served; each needs a unique public key. */
  readonly sites: readonly Site[];
  /** @default the system clock */
  readonly clock?: Clock;
  /** Overrides of `DEFAULT_LIMITS`. */
  readonly limits?: Partial<ServerLimits>;
  /**
   * Reverse proxies whose `X-Forwarded-For` is trusted, by address.
   * @default [] (the socket address is the client)
   */
  readonly trustProxy?: readonly string[];
  /**
   * Store a daily-salted respondent hash with each event (never the IP).
   * @default false
   */
  readonly hashIp?: boolean;
  /** Shared with `serve`, which sets `draining` on SIGTERM. */
  readonly lifecycle?: Lifecycle;
  /** Where warnings go. @default console.warn */
  readonly log?: (line: string) => void;
  /** Random bytes for the hash salts; for tests. @default crypto.randomBytes */
  readonly randomBytes?: (size: number) => Buffer;
  /**
   * The folder of the built dashboard served at `/`; null turns the dashboard off. `createApp` never builds it:
   * `touchpoint serve` does, with `ensureDashboard()`, when the folder has no build yet.
   * @default the dashboard package's `dist/`
   */
  readonly dashboardDir?: string | null;
  /**
   * The folder of the widget's script-tag build (embed.js and its chunks), served at `/embed.js` and
   * `/touchpoint-*.js`; null turns those routes off.
   * @default `@touchpoint/widget`'s `dist/`
   */
  readonly scriptDir?: string | null;
  /** Alert destinations and delivery (`startServer` runs the delivery worker). */
  readonly alerts?: AlertOptions;
  /** The running delivery worker, woken when an alert is queued; none: alerts wait in the outbox. */
  readonly alertDelivery?: { wake(): void };
  /**
   * The built `touchpoint-hosted.js` of the hosted survey pages (`/s/{surveyId}`); null: the pages say the script
   * is not built. @default the widget package's `dist/touchpoint-hosted.js`
   */
  readonly hostedScript?: string | null;
}

/** Whether an `Origin` is this server itself (the request's `Host`): a hosted survey page posting its answers. */
function sameHost(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined || host === undefined) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** How long /readyz waits for the database. */
const READY_TIMEOUT_MS = 2000;

export function createApp(options: AppOptions): Hono {
  const { store, sites } = options;
  const clock = options.clock ?? systemClock;
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const lifecycle = options.lifecycle ?? new Lifecycle();
  const log = options.log ?? ((line: string) => console.warn(line));
  const identity = createClientIdentity({
    trustProxy: options.trustProxy ?? [],
    clock,
    ...(options.randomBytes === undefined ? {} : { randomBytes: options.randomBytes }),
  });
  const perKey = createRateLimiter(limits.perKey, clock);
  const perIp = createRateLimiter(limits.perIp, clock);
  const invalidPerIp = createRateLimiter(limits.invalidPerIp, clock);
  const queue = createIngestQueue(store, limits);

  const byPublicKey = new Map<string, Site>();
  for (const site of sites) {
    if (byPublicKey.has(site.publicKey))
      throw new Error(`[touchpoint] two sites share the key ${site.publicKey}`);
    byPublicKey.set(site.publicKey, site);
  }
  const configs = createSiteConfigs({ store, clock });

  const app = new Hono();

  /** The site of the `site` query parameter and the CORS headers for the request's origin, or a refusal. */
  function siteOf(c: Context): { site: Site; headers: Record<string, string> } | Response {
    const key = c.req.query('site');
    const site = key === undefined ? undefined : byPublicKey.get(key);
    if (site === undefined) {
      return c.json(
        errorBody(
          'unknown_site_key',
          key === undefined || key === ''
            ? 'Add the public key of your site to the URL: ?site=pk_…'
            : 'No site has this public key. Check the site parameter of the endpoint URL.',
        ),
        401,
      );
    }
    // The hosted survey pages (`/s/…`) are this server's own origin: they may always send to it.
    const origin = c.req.header('origin');
    const cors = sameHost(origin, c.req.header('host'))
      ? { ok: true as const, headers: {} }
      : corsFor(site, origin);
    if (!cors.ok) {
      return c.json(
        errorBody('origin_not_allowed', `The origin ${cors.origin} may not send events for this site.`),
        403,
      );
    }
    return { site, headers: cors.headers };
  }

  const unavailable = (c: Context, code: string, message: string, seconds: number, headers = {}) =>
    c.json(errorBody(code, message), 503, { ...headers, 'Retry-After': String(seconds) });

  app.post('/v1/events', async (c) => {
    const receivedAt = clock.now();
    const found = siteOf(c);
    if (found instanceof Response) return found;
    const { site, headers } = found;
    if (lifecycle.draining) {
      return unavailable(
        c,
        'shutting_down',
        'The server is shutting down; send again later.',
        limits.unavailableRetryAfterSeconds,
        { ...headers, Connection: 'close' },
      );
    }

    const address = identity.address(c);
    const client = identity.rateKey(address);
    // Every request spends its client's budget; a request refused here takes nothing from the site's budget.
    const perClient = perIp.take(client);
    if (!perClient.ok) return rateLimited(c, perClient.retryAfterSeconds, headers);

    const release = queue.arriving();
    try {
      return await ingest(c, site, headers, address, client, receivedAt, release);
    } finally {
      release();
    }
  });

  const rateLimited = (c: Context, retryAfterSeconds: number, headers: Record<string, string>) =>
    c.json(errorBody('rate_limited', 'Too many requests; send again after Retry-After seconds.'), 429, {
      ...headers,
      'Retry-After': String(retryAfterSeconds),
    });

  /**
   * A request whose body is not a batch spends its client's budget of invalid requests (429 once used up), never
   * the site's: garbage from many addresses cannot lock a site's real visitors out (issue 11, finding 5).
   */
  function refuseInvalid(
    c: Context,
    client: string,
    headers: Record<string, string>,
    refusal: () => Response,
  ): Response {
    const decision = invalidPerIp.take(client);
    return decision.ok ? refusal() : rateLimited(c, decision.retryAfterSeconds, headers);
  }

  async function ingest(
    c: Context,
    site: Site,
    headers: Record<string, string>,
    address: string,
    client: string,
    receivedAt: number,
    release: () => void,
  ): Promise<Response> {
    const body = await readJsonBody(c.req.raw, limits, unreadIncoming(c.env));
    if (!body.ok) {
      return refuseInvalid(c, client, headers, () =>
        c.json(errorBody(body.code, body.message), body.status, headers),
      );
    }
    const parsed = parseBatch(body.value);
    if (!parsed.ok) {
      const count = parsed.problems.length;
      return refuseInvalid(c, client, headers, () =>
        c.json(
          errorBody(
            'invalid_batch',
            `The batch does not match the wire contract (${count} problem${count === 1 ? '' : 's'}${count > MAX_PROBLEMS ? `, the first ${MAX_PROBLEMS} listed` : ''}); nothing was stored.`,
            parsed.problems,
          ),
          400,
          headers,
        ),
      );
    }
    // Only a request that parses as a batch spends the site's budget.
    const perSite = perKey.take(site.id);
    if (!perSite.ok) return rateLimited(c, perSite.retryAfterSeconds, headers);

    try {
      // The published config (seeded from the sites file on first use) has registered the site's surveys.
      const { config } = await configs.published(site);
      const write = {
        site: site.id,
        batch: parsed.value,
        receivedAt,
        // The published config's segment attributes and follow-up bands (decision 0011).
        segmentAttributes: config.segmentAttributes ?? [],
        followUp: thresholdsOf({ config }),
        checkSurveys: true,
        ipHash: options.hashIp
          ? identity.respondentHash(site.id, address, c.req.header('user-agent') ?? '')
          : null,
      };
      const submitted = queue.submit(write);
      release();
      let result = await submitted;
      if (result.refused !== undefined && (await registeredLate(site, parsed.value.events))) {
        result = await queue.submit(write);
      }
      if (result.refused !== undefined) {
        const count = result.refused.length;
        return c.json(
          errorBody(
            'unknown_survey',
            `${count} event${count === 1 ? '' : 's'} of the batch name a survey, touchpoint or metric the site has not published; nothing was stored. Send the others again without them.`,
            result.refused,
          ),
          422,
          headers,
        );
      }
      if ((result.alerts ?? 0) > 0) options.alertDelivery?.wake();
      if (result.conflicts.length > 0) {
        log(
          `[touchpoint] ${result.conflicts.length} event id(s) were sent again with another payload; the first ` +
            `payload is kept: ${result.conflicts.slice(0, 5).join(', ')}`,
        );
      }
      return c.json({ ok: true, stored: result.stored, duplicates: result.duplicates }, 200, headers);
    } catch (error) {
      if (error instanceof QueueFullError) {
        return unavailable(
          c,
          'overloaded',
          'The server is busy; send again later.',
          limits.overloadedRetryAfterSeconds,
          headers,
        );
      }
      log(`[touchpoint] ${error instanceof Error ? error.message : String(error)}`);
      return unavailable(
        c,
        'store_unavailable',
        'The events could not be stored; nothing was acknowledged. Send again later.',
        limits.unavailableRetryAfterSeconds,
        headers,
      );
    }
  }

  /**
   * Another server may have published a version (or seeded the sites file's) whose surveys it has not registered
   * yet: the version is visible to this server a moment before the registry rows are. When a refused batch names a
   * survey at a touchpoint of the published version, its surveys are registered here (additively: nothing is
   * retired) and the batch is written once more, so an event of a published survey is never refused.
   */
  async function registeredLate(site: Site, events: readonly WireEvent[]): Promise<boolean> {
    const { config } = await configs.published(site, { fresh: true });
    const published = new Set(config.surveys.map((survey) => `${survey.id}\u0000${survey.touchpoint}`));
    if (!events.some((event) => published.has(`${event.surveyId}\u0000${event.touchpoint}`))) return false;
    await store.registerSurveys(site.id, surveyKindsOf(config), { now: clock.now() });
    return true;
  }

  app.get('/v1/config', async (c) => {
    const found = siteOf(c);
    if (found instanceof Response) return found;
    const preview = c.req.query('preview');
    if (preview !== undefined) return servePreview(c, found.site, found.headers, preview);
    let config: PublishedConfig;
    try {
      config = await configs.published(found.site);
    } catch (error) {
      log(`[touchpoint] ${error instanceof Error ? error.message : String(error)}`);
      return unavailable(
        c,
        'store_unavailable',
        'The config could not be read; try again later.',
        limits.unavailableRetryAfterSeconds,
        found.headers,
      );
    }
    // Revalidated on every page view (304 while unchanged), so a publish shows on the next page (decision 0007).
    const headers = { ...found.headers, ETag: config.etag, 'Cache-Control': CONFIG_CACHE_CONTROL };
    if (c.req.header('if-none-match') === config.etag) return c.body(null, 304, headers);
    return c.body(config.body, 200, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
  });

  /** A preview link's config version (never cached), or why the link no longer works. */
  async function servePreview(
    c: Context,
    site: Site,
    headers: Record<string, string>,
    token: string,
  ): Promise<Response> {
    const checked = verifyPreviewToken(site, token, clock.now());
    if (!checked.ok) {
      return c.json(
        errorBody(
          checked.reason === 'expired' ? 'preview_expired' : 'invalid_preview',
          checked.reason === 'expired'
            ? 'This preview link has expired; make a new one in the editor.'
            : 'This preview link is not valid for this site.',
        ),
        403,
        { ...headers, 'Cache-Control': 'no-store' },
      );
    }
    const version = await configs.version(site, checked.claims.v);
    if (version === undefined) {
      return c.json(
        errorBody('invalid_preview', 'The version of this preview link does not exist.'),
        403,
        headers,
      );
    }
    return c.body(version.body, 200, {
      ...headers,
      'Cache-Control': 'no-store',
      'Content-Type': 'application/json; charset=utf-8',
    });
  }

  for (const [path, methods] of [
    ['/v1/events', 'POST'],
    ['/v1/config', 'GET'],
  ] as const) {
    app.options(path, (c) => {
      const found = siteOf(c);
      if (found instanceof Response) return found;
      return c.body(null, 204, { ...found.headers, ...preflightHeaders(methods) });
    });
    app.all(path, (c) =>
      c.json(errorBody('method_not_allowed', `Use ${methods} on ${path}.`), 405, {
        Allow: `${methods}, OPTIONS`,
      }),
    );
  }

  // One budget of refused keys per client, whichever role's routes it tries.
  const keyFailures = createRateLimiter(limits.resultsKeyFailures, clock);
  const clientKey = (c: Context) => identity.rateKey(identity.address(c));
  registerResultsRoutes(app, { store, sites, failures: keyFailures, clientKey, log, configs });
  registerInboxRoutes(app, { store, sites, failures: keyFailures, clientKey, clock, limits, log });
  const admin = createAdminRouter({ sites, failures: keyFailures, clientKey });
  registerErasureRoutes(admin, { store, clock, log });
  registerConfigRoutes(admin, { configs, store, log });
  registerSimulateRoutes(admin, { configs, clock });
  registerPreviewRoutes(admin, { configs, clock });
  registerAlertRoutes(admin, {
    store,
    clock,
    limits,
    randomBytes: options.randomBytes ?? cryptoRandomBytes,
    permitted: addressPolicy(options.alerts?.allowPrivateTargets ?? false),
    lookup: options.alerts?.lookup ?? systemLookup,
    wake: () => options.alertDelivery?.wake(),
    log,
  });
  registerChannelRoutes(admin, { clock, limits });
  mountAdminRouter(app, admin);

  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) => {
    if (lifecycle.draining) return c.json(errorBody('draining', 'The server is shutting down.'), 503);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        store.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timed out')), READY_TIMEOUT_MS);
        }),
      ]);
      return c.json({ ok: true, pendingEvents: queue.pendingEvents });
    } catch {
      return c.json(errorBody('store_unavailable', 'The database does not answer.'), 503);
    } finally {
      clearTimeout(timer);
    }
  });

  registerScriptFiles(app, {
    dir: options.scriptDir === undefined ? defaultScriptDir() : options.scriptDir,
  });
  registerHostedRoutes(app, {
    store,
    sites,
    clock,
    hostedScript: options.hostedScript === undefined ? defaultHostedScript() : options.hostedScript,
  });

  registerDashboardFiles(app, {
    dir: options.dashboardDir === undefined ? DASHBOARD_DIST : options.dashboardDir,
  });

  app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}.`), 404));
  app.onError((error, c) => {
    log(`[touchpoint] unexpected error on ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`);
    return c.json(errorBody('internal_error', 'Something went wrong on the server.'), 500);
  });
  return app;
}
