/**
 * Builds the dashboard once per test run into a temporary folder (never `dist/`, which a developer or the
 * server's own suite may be serving) and hands the folder to the tests as `inject('dashboardDist')`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildDashboard } from '../dist-path';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'touchpoint-dashboard-'));
  const outDir = await buildDashboard({ outDir: join(dir, 'dist'), logLevel: 'error' });
  project.provide('dashboardDist', outDir);
  return () => rm(dir, { recursive: true, force: true });
}
