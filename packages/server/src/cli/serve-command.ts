/**
 * `touchpoint serve`: configuration from flags, then environment, then defaults; printed at start. Without a
 * sites file it serves the demo site and seeds the sample data set into an empty demo database.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_DELIVERY } from '../alerts/alert-delivery';
import { createSiteConfigs } from '../config/site-configs';
import { DASHBOARD_DIST, ensureDashboard } from '../dashboard/ensure-dashboard';
import { defaultScriptDir, type ScriptBuild, scriptBuild } from '../http/script-files';
import { DEFAULT_LIMITS, type RateLimit, type ServerLimits, systemClock } from '../limits';
import { RESULTS_ENDPOINTS } from '../routes/results';
import { seedSampleData } from '../seed-sample-data';
import { startServer } from '../serve';
import { demoSite } from '../sites/demo-site';
import { InvalidFileError, loadSitesFile } from '../sites/load-sites';
import { type Site, surveyKindsOf } from '../sites/site';
import { openStore } from '../store/open-store';
import type { ConfigVersionInfo, Store } from '../store/store';
import { CliError, EXIT, type ExitCode } from './exit-codes';
import type { CliIo } from './io';
import { surveyCount } from './survey-count';

export const DEFAULT_PORT = 8787;
export const DEFAULT_SITES_FILE = 'touchpoint.sites.json';

export interface ServeFlags {
  readonly port?: string | undefined;
  readonly host?: string | undefined;
  readonly data?: string | undefined;
  readonly sites?: string | undefined;
  readonly databaseUrl?: string | undefined;
  readonly seed?: boolean | undefined;
  readonly noSeed?: boolean | undefined;
  readonly hashIp?: boolean | undefined;
  readonly trustProxy?: string | undefined;
  readonly ratePerIp?: string | undefined;
  readonly ratePerKey?: string | undefined;
  readonly dashboard?: string | undefined;
  readonly noDashboard?: boolean | undefined;
  readonly allowPrivateAlertTargets?: boolean | undefined;
}

export interface ServeConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  /** Undefined: the demo site. */
  readonly sitesFile: string | undefined;
  readonly seed: boolean;
  readonly hashIp: boolean;
  readonly trustProxy: readonly string[];
  readonly limits: Pick<ServerLimits, 'perIp' | 'perKey'>;
  /** The folder of the built dashboard; null: the API only. */
  readonly dashboard: string | null;
  /** Alerts may go to private and loopback addresses. */
  readonly allowPrivateAlertTargets: boolean;
  /** How long a delivery worker's claim lasts (env TOUCHPOINT_ALERT_LEASE_SECONDS). */
  readonly alertLeaseMs: number;
}

function perMinute(name: string, text: string | undefined, fallback: RateLimit): RateLimit {
  if (text === undefined || text === '') return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new CliError(
      `${name} must be a whole number of requests per minute (1 or more), received "${text}"`,
      EXIT.usage,
    );
  }
  return { limit: Number(text), windowSeconds: 60 };
}

const truthy = (value: string | undefined) => value !== undefined && /^(1|true|yes|on)$/i.test(value);

export function resolveServeConfig(flags: ServeFlags, io: CliIo): ServeConfig {
  const portText = flags.port ?? io.env.PORT ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    throw new CliError(`the port must be a whole number from 0 to 65535, received "${portText}"`, EXIT.usage);
  }
  const sitesOption = flags.sites ?? io.env.TOUCHPOINT_SITES;
  let sitesFile: string | undefined;
  if (sitesOption !== undefined && sitesOption !== '') sitesFile = resolve(io.cwd, sitesOption);
  else if (existsSync(resolve(io.cwd, DEFAULT_SITES_FILE))) sitesFile = resolve(io.cwd, DEFAULT_SITES_FILE);
  const databaseUrl = flags.databaseUrl ?? io.env.DATABASE_URL;
  const dashboardOption = flags.dashboard ?? io.env.TOUCHPOINT_DASHBOARD;
  const dashboard =
    flags.noDashboard || (dashboardOption !== undefined && /^(0|off|false|no)$/i.test(dashboardOption))
      ? null
      : dashboardOption === undefined || dashboardOption === ''
        ? DASHBOARD_DIST
        : resolve(io.cwd, dashboardOption);
  const seedDefault =
    io.env.TOUCHPOINT_SEED === undefined ? sitesFile === undefined : truthy(io.env.TOUCHPOINT_SEED);
  const leaseText = io.env.TOUCHPOINT_ALERT_LEASE_SECONDS;
  if (leaseText !== undefined && leaseText !== '' && (!/^\d+$/.test(leaseText) || Number(leaseText) < 1)) {
    throw new CliError(
      `TOUCHPOINT_ALERT_LEASE_SECONDS must be a whole number of seconds (1 or more), received "${leaseText}"`,
      EXIT.usage,
    );
  }
  return {
    port,
    allowPrivateAlertTargets:
      flags.allowPrivateAlertTargets ?? truthy(io.env.TOUCHPOINT_ALLOW_PRIVATE_ALERT_TARGETS),
    alertLeaseMs:
      leaseText === undefined || leaseText === '' ? DEFAULT_DELIVERY.leaseMs : Number(leaseText) * 1000,
    host: flags.host ?? io.env.HOST ?? '127.0.0.1',
    dataDir: resolve(io.cwd, flags.data ?? io.env.TOUCHPOINT_DATA_DIR ?? '.data'),
    databaseUrl: databaseUrl === '' ? undefined : databaseUrl,
    sitesFile,
    seed: flags.noSeed ? false : flags.seed ? true : seedDefault,
    hashIp: flags.hashIp ?? truthy(io.env.TOUCHPOINT_HASH_IP),
    trustProxy: (flags.trustProxy ?? io.env.TOUCHPOINT_TRUST_PROXY ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ''),
    dashboard,
    limits: {
      perIp: perMinute(
        '--rate-per-ip',
        flags.ratePerIp ?? io.env.TOUCHPOINT_RATE_PER_IP,
        DEFAULT_LIMITS.perIp,
      ),
      perKey: perMinute(
        '--rate-per-key',
        flags.ratePerKey ?? io.env.TOUCHPOINT_RATE_PER_KEY,
        DEFAULT_LIMITS.perKey,
      ),
    },
  };
}

const mask = (key: string) => `${key.slice(0, 7)}…${key.slice(-4)}`;

/** What became of the dashboard at start, for the start-up lines. */
export type DashboardState =
  | { readonly state: 'off' }
  | { readonly state: 'ready'; readonly dir: string; readonly built: boolean }
  | { readonly state: 'failed'; readonly dir: string; readonly reason: string };

function describeVersion(version: ConfigVersionInfo | undefined): string {
  if (version === undefined) return 'not published';
  const from = version.source === 'sites-file' ? 'from the sites file' : `by ${version.author}`;
  return `version ${version.number} published ${from} ${new Date(version.createdAt).toISOString()}`;
}

function describe(
  config: ServeConfig,
  sites: readonly Site[],
  store: Store,
  url: string,
  seeded: string[],
  dashboard: DashboardState,
  script: ScriptBuild | undefined,
  versions: ReadonlyMap<string, ConfigVersionInfo>,
): string {
  const demo = config.sitesFile === undefined;
  const lines = [
    `[touchpoint] server listening on ${url}`,
    `  database    ${store.dialect === 'sqlite' ? `SQLite ${store.location} (WAL, synchronous=FULL)` : `PostgreSQL ${store.location}`}`,
    `  sites       ${demo ? 'demo site (no sites file: pass --sites or create touchpoint.sites.json)' : config.sitesFile}`,
  ];
  for (const site of sites) {
    lines.push(
      `    ${site.id} — ${site.name}`,
      `      public key   ${site.publicKey}`,
      `      results key  ${demo ? site.secretKey : mask(site.secretKey)} (the results API and the dashboard; never put it in a page)`,
    );
    if (site.adminKey !== undefined) {
      lines.push(
        `      admin key    ${demo ? site.adminKey : mask(site.adminKey)} (the editor and the /v1/admin API; never put it in a page)`,
      );
    } else {
      lines.push(
        '      admin key    (none: no editor or admin API; add "adminKey": "ak_…" to the sites file)',
      );
    }
    lines.push(
      `      origins      ${site.allowedOrigins.length === 0 ? '(none: server-to-server only)' : site.allowedOrigins.join(', ')}`,
      `      config       ${describeVersion(versions.get(site.id))}; seeds from ${site.configPath} (${surveyCount(site.config.surveys.length)})`,
    );
  }
  const l = { ...DEFAULT_LIMITS, ...config.limits };
  lines.push(
    `  endpoints   POST ${url}/v1/events?site=KEY · GET ${url}/v1/config?site=KEY · GET /healthz · GET /readyz`,
    `  results     GET ${url}/v1/results/{${RESULTS_ENDPOINTS.join(',')}} with Authorization: Bearer <secret key>`,
    dashboard.state === 'ready'
      ? `  dashboard   ${url}/ — sign in with the site's results key; ${dashboard.built ? 'built at start into' : 'files in'} ${dashboard.dir}`
      : dashboard.state === 'off'
        ? '  dashboard   off (--no-dashboard)'
        : `  dashboard   unavailable: ${dashboard.reason} (build it with: npx -y pnpm@10.34.9 --filter @touchpoint/dashboard build)`,
    script === undefined
      ? "  script tag  not served: the widget's built files were not found (in a clone: npx -y pnpm@10.34.9 build)"
      : `  script tag  ${url}/embed.js; pinned: ${url}/v/${script.id}/embed.js integrity="${script.integrity}"`,
    `  limits      body ${l.maxBodyBytes} B, gzip ${l.maxDecompressedBytes} B decompressed, ${l.perIp.limit} requests/${l.perIp.windowSeconds} s per IP, ${l.perKey.limit}/${l.perKey.windowSeconds} s per key`,
    `  alerts      signed webhooks from the outbox${config.allowPrivateAlertTargets ? '; private and loopback destinations ALLOWED (--allow-private-alert-targets)' : '; private and loopback destinations refused'}`,
    `  privacy     no cookies, no raw IPs stored${config.hashIp ? ', daily-salted respondent hash stored' : ''}${config.trustProxy.length > 0 ? `, X-Forwarded-For trusted from ${config.trustProxy.join(', ')}` : ''}`,
  );
  if (seeded.length > 0) lines.push(`  seeded      ${seeded.join('; ')}`);
  lines.push('  Stop with Ctrl+C or SIGTERM (finishes in-flight requests, then exits).');
  return `${lines.join('\n')}\n`;
}

export async function serveCommand(flags: ServeFlags, io: CliIo): Promise<ExitCode> {
  const config = resolveServeConfig(flags, io);
  let sites: Site[];
  try {
    sites = config.sitesFile === undefined ? [demoSite(config.dataDir)] : loadSitesFile(config.sitesFile);
  } catch (error) {
    if (!(error instanceof InvalidFileError)) throw error;
    io.stderr(`✗ ${error.message}\n`);
    return error.unreadable ? EXIT.unavailable : EXIT.invalid;
  }

  let store: Store;
  try {
    store = await openStore({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      sqliteThread: io.env.TOUCHPOINT_SQLITE_THREAD === 'main' ? 'main' : 'worker',
    });
  } catch (error) {
    throw new CliError(`cannot open the database: ${(error as Error).message}`, EXIT.unavailable);
  }

  const seeded: string[] = [];
  const versions = new Map<string, ConfigVersionInfo>();
  try {
    const configs = createSiteConfigs({ store, clock: systemClock });
    for (const site of sites) {
      // Version 1 from the sites file when the database has none; otherwise the published version stands. Its
      // surveys are the site's whole published list: what it no longer has is retired (decision 0006).
      const published = await configs.published(site, { fresh: true });
      versions.set(site.id, published.info);
      const mismatched = await store.registerSurveys(site.id, surveyKindsOf(published.config), {
        complete: true,
      });
      for (const kind of mismatched) {
        io.stderr(
          `[touchpoint] warning: survey ${kind.surveyId} of ${site.id} was recorded as ${kind.metric}; the rollups keep that metric\n`,
        );
      }
      if (config.seed && (await store.countEvents(site.id)) === 0) {
        const count = await seedSampleData(store, { site: site.id, now: Date.now() });
        seeded.push(`${count} sample events into ${site.id}`);
      }
    }
  } catch (error) {
    await store.close();
    throw new CliError(`cannot prepare the database: ${(error as Error).message}`, EXIT.unavailable);
  }

  let dashboard: DashboardState = { state: 'off' };
  if (config.dashboard !== null) {
    try {
      dashboard = { state: 'ready', ...(await ensureDashboard({ dir: config.dashboard })) };
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      dashboard = { state: 'failed', dir: config.dashboard, reason };
      io.stderr(`[touchpoint] warning: the dashboard could not be built, serving the API only: ${reason}\n`);
    }
  }

  let running: Awaited<ReturnType<typeof startServer>>;
  try {
    running = await startServer({
      store,
      sites,
      port: config.port,
      host: config.host,
      hashIp: config.hashIp,
      trustProxy: config.trustProxy,
      limits: config.limits,
      dashboardDir: dashboard.state === 'off' ? null : dashboard.dir,
      log: (line) => io.stderr(`${line}\n`),
      alerts: {
        allowPrivateTargets: config.allowPrivateAlertTargets,
        delivery: { leaseMs: config.alertLeaseMs },
      },
    });
  } catch (error) {
    await store.close();
    const code = (error as { code?: string }).code;
    throw new CliError(
      code === 'EADDRINUSE'
        ? `port ${config.port} on ${config.host} is in use; pass --port or set PORT`
        : `cannot listen on ${config.host}:${config.port}: ${(error as Error).message}`,
      EXIT.unavailable,
    );
  }
  const script = await scriptBuild(defaultScriptDir());
  io.stdout(describe(config, sites, store, running.url, seeded, dashboard, script, versions));

  const signal = await io.stopSignal;
  io.stdout(`[touchpoint] ${signal}: finishing in-flight requests…\n`);
  const clean = await running.stop();
  io.stdout(
    clean
      ? '[touchpoint] stopped cleanly\n'
      : '[touchpoint] stopped; the drain deadline closed some connections\n',
  );
  return clean ? EXIT.ok : EXIT.invalid;
}
