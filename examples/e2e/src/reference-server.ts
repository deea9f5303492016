/**
 * The reference server for an end-to-end suite: `startServer()` from @touchpoint/server in the test process, on
 * 127.0.0.1 at a free port, with SQLite in a temporary folder and a real sites file, and the dashboard at `/` when
 * asked. Storage is checked through the server's own store and its results API, never through a stand-in.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WireEvent } from '@touchpoint/core';
import {
  type AlertOptions,
  ensureDashboard,
  loadSitesFile,
  openSqliteStore,
  type RunningServer,
  type ServerLimits,
  type Site,
  type Store,
  startServer,
  surveyKindsOf,
} from '@touchpoint/server';

export interface SiteInput {
  readonly id: string;
  readonly publicKey: string;
  /** Origins the pages are served from. */
  readonly allowedOrigins: readonly string[];
  /** The survey config file. */
  readonly configFile: string;
  /** The admin key (`ak_…`) of the editor and the admin API; none: no admin routes. */
  readonly adminKey?: string;
}

export interface ReferenceServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly store: Store;
  readonly sites: readonly Site[];
  readonly running: RunningServer;
  /** The secret results key of a site. */
  secretKeyOf(siteId: string): string;
  /** The wire events stored for a site, in insertion order. */
  events(siteId: string): Promise<WireEvent[]>;
  /** Stops the server (draining), closes the store and removes the data folder. */
  stop(): Promise<void>;
}

export interface ReferenceOptions {
  /** Overrides of the server's limits. */
  readonly limits?: Partial<ServerLimits>;
  /**
   * Serve the dashboard at `/`, built into the temporary folder (never the dashboard package's own dist/, which
   * other suites may be reading).
   * @default false (the API only)
   */
  readonly dashboard?: boolean;
  /** Alert options of the server (e.g. private destinations allowed, for a receiver on 127.0.0.1). */
  readonly alerts?: AlertOptions;
}

export async function startReferenceServer(
  sites: readonly SiteInput[],
  options: ReferenceOptions = {},
): Promise<ReferenceServer> {
  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-e2e-'));
  const dashboardDir = options.dashboard
    ? (await ensureDashboard({ dir: join(dir, 'dashboard') })).dir
    : null;
  const sitesFile = join(dir, 'touchpoint.sites.json');
  writeFileSync(
    sitesFile,
    JSON.stringify({
      sites: sites.map((site) => ({
        id: site.id,
        name: site.id,
        publicKey: site.publicKey,
        secretKey: `sk_${site.id.replace(/[^A-Za-z0-9]/g, '')}_${randomBytes(12).toString('base64url')}`,
        ...(site.adminKey === undefined ? {} : { adminKey: site.adminKey }),
        allowedOrigins: site.allowedOrigins,
        ...(site.adminKey === undefined ? {} : { adminKey: site.adminKey }),
        config: site.configFile,
      })),
    }),
  );
  const loaded = loadSitesFile(sitesFile);
  const store = await openSqliteStore({ path: join(dir, 'touchpoint.sqlite') });
  for (const site of loaded) await store.registerSurveys(site.id, surveyKindsOf(site.config));
  const running = await startServer({
    store,
    sites: loaded,
    port: 0,
    limits: options.limits ?? {},
    dashboardDir,
    ...(options.alerts === undefined ? {} : { alerts: options.alerts }),
    // The server's warnings belong in the test output only when something is wrong.
    log: (line) => console.warn(line),
  });
  return {
    url: running.url,
    store,
    sites: loaded,
    running,
    secretKeyOf(siteId) {
      const site = loaded.find((s) => s.id === siteId);
      if (site === undefined) throw new Error(`no site ${siteId}`);
      return site.secretKey;
    },
    async events(siteId) {
      return (await store.events(siteId)).map((stored) => stored.event);
    },
    async stop() {
      await running.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
