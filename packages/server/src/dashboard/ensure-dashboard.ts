/**
 * The dashboard the server serves at `/`: built once when its folder has no build yet (a fresh clone), so
 * `touchpoint serve` works without a separate build step. The build goes to a fresh folder beside the target
 * and is renamed into place, so two servers starting at once never serve a half-written folder.
 */
import { randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { buildDashboard, DASHBOARD_DIST, isDashboardBuilt } from '@touchpoint/dashboard';

export { DASHBOARD_DIST };

export interface EnsureDashboardOptions {
  /** @default the dashboard package's `dist/` */
  readonly dir?: string;
  /** Builds into a folder and resolves when done; for tests. @default the dashboard's Vite build */
  readonly build?: (outDir: string) => Promise<unknown>;
}

/** Resolves to the folder and whether this call built it. Throws when the build fails. */
export async function ensureDashboard(
  options: EnsureDashboardOptions = {},
): Promise<{ dir: string; built: boolean }> {
  const dir = resolve(options.dir ?? DASHBOARD_DIST);
  if (isDashboardBuilt(dir)) return { dir, built: false };
  const build = options.build ?? ((outDir: string) => buildDashboard({ outDir, logLevel: 'error' }));
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
