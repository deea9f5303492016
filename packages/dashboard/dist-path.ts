/**
 * @touchpoint/dashboard — for Node: where the built dashboard lives, and how to build it.
 *
 * The dashboard itself is a static single-page app (`index.html` + one script + one stylesheet, relative paths,
 * nothing inline). A server serves the folder at `/` and answers `/v1/results/*` on the same origin.
 *
 * @example
 * import { DASHBOARD_DIST, buildDashboard, isDashboardBuilt } from '@touchpoint/dashboard';
 * if (!isDashboardBuilt()) await buildDashboard();
 * // serve DASHBOARD_DIST at '/', with index.html for '/'
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This package's folder (absolute). */
export const DASHBOARD_ROOT = fileURLToPath(new URL('.', import.meta.url));

/** The folder `pnpm --filter @touchpoint/dashboard build` writes (absolute): `packages/dashboard/dist`. */
export const DASHBOARD_DIST = join(DASHBOARD_ROOT, 'dist');

/** Whether `dir` holds a built dashboard (its `index.html`). */
export function isDashboardBuilt(dir: string = DASHBOARD_DIST): boolean {
  return existsSync(join(dir, 'index.html'));
}

export interface BuildDashboardOptions {
  /**
   * Where to write the built files; emptied first. A test that builds its own copy passes a temporary folder,
   * so it never races another suite that serves `dist/`.
   * @default DASHBOARD_DIST
   */
  readonly outDir?: string;
  /**
   * Vite's log level.
   * @default 'warn'
   */
  readonly logLevel?: 'info' | 'warn' | 'error' | 'silent';
}

/**
 * Builds the dashboard with Vite (a dev dependency, loaded only when called) and returns the folder it wrote.
 * Takes a few seconds; the same as `pnpm --filter @touchpoint/dashboard build` when `outDir` is the default.
 */
export async function buildDashboard(options: BuildDashboardOptions = {}): Promise<string> {
  const outDir = options.outDir ?? DASHBOARD_DIST;
  const { build } = await import('vite');
  await build({
    configFile: join(DASHBOARD_ROOT, 'vite.config.ts'),
    root: DASHBOARD_ROOT,
    logLevel: options.logLevel ?? 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}
