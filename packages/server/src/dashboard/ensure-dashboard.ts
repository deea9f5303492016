/**
 * The dashboard the server serves at `/`. Installed from npm, the server runs from `dist/` and the dashboard comes
 * prebuilt in the package's `dashboard/` folder (`pnpm build` copies it there; the private `@touchpoint/dashboard`
 * package and Vite are build-time only). Run from its TypeScript source (a clone), the server serves
 * `@touchpoint/dashboard`'s `dist/` and builds it once when it has no build yet, so `touchpoint serve` works without
 * a separate build step. The build goes to a fresh folder beside the target and is renamed into place, so two
 * servers starting at once never serve a half-written folder.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Whether this module runs from the TypeScript source (a clone) rather than the built `dist/` (an install). */
const FROM_SOURCE = import.meta.url.endsWith('.ts');

/**
 * The folder of the built dashboard: the package's own `dashboard/` folder when running from `dist/`;
 * `@touchpoint/dashboard`'s `dist/` (resolved, never imported) when running from the source.
 */
export const DASHBOARD_DIST = FROM_SOURCE
  ? join(dirname(createRequire(import.meta.url).resolve('@touchpoint/dashboard/package.json')), 'dist')
  : fileURLToPath(new URL('../../dashboard/', import.meta.url));

/** Whether `dir` holds a built dashboard (its `index.html`). */
export function isDashboardBuilt(dir: string): boolean {
  return existsSync(join(dir, 'index.html'));
}

/** The dashboard's Vite build (clone only: `@touchpoint/dashboard` and Vite are dev dependencies). */
async function viteBuild(outDir: string): Promise<unknown> {
  if (!FROM_SOURCE) {
    throw new Error(`this install has no built dashboard in ${DASHBOARD_DIST}; reinstall @touchpoint/server`);
  }
  const { buildDashboard } = await import('@touchpoint/dashboard');
  return buildDashboard({ outDir, logLevel: 'error' });
}

export interface EnsureDashboardOptions {
  /** @default `DASHBOARD_DIST` */
  readonly dir?: string;
  /** Builds into a folder and resolves when done; for tests. @default the dashboard's Vite build (clone only) */
  readonly build?: (outDir: string) => Promise<unknown>;
}

/** Resolves to the folder and whether this call built it. Throws when the build fails. */
export async function ensureDashboard(
  options: EnsureDashboardOptions = {},
): Promise<{ dir: string; built: boolean }> {
  const dir = resolve(options.dir ?? DASHBOARD_DIST);
  if (isDashboardBuilt(dir)) return { dir, built: false };
  const build = options.build ?? viteBuild;
  const temporary = join(
    dirname(dir),
    `.${basename(dir)}-build-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  try {
    await build(temporary);
    if (!isDashboardBuilt(temporary)) throw new Error(`the build wrote no index.html to ${temporary}`);
    if (isDashboardBuilt(dir)) return { dir, built: false }; // another process finished first
    await rm(dir, { recursive: true, force: true }); // a folder without index.html: an interrupted build
    try {
      await rename(temporary, dir);
    } catch (error) {
      if (isDashboardBuilt(dir)) return { dir, built: false }; // another process renamed its build in first
      throw error;
    }
    return { dir, built: true };
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }
}
