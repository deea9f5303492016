/**
 * Builds the widget's bundles with esbuild into dist/:
 * - `embed.js`: the script-tag loader, a classic script (IIFE);
 * - `touchpoint-survey.js`: the survey chunk the loader injects (runtime, UI, collector), a classic script;
 * - `index.js` (+ chunks): the ESM npm entry; dependencies stay external, the survey runtime is split off.
 * All minified, for ES2020 browsers (core uses BigInt literals, ES2020), resolving sibling packages to their
 * TypeScript source through the `@touchpoint/source` condition. Run: `pnpm --filter @touchpoint/widget build`.
 */
import { rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build } from 'esbuild';

export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(PACKAGE_ROOT, 'dist');
/** Browsers the bundles run in (documented in README.md). */
export const TARGET = 'es2020';

const common: BuildOptions = {
  bundle: true,
  minify: true,
  target: TARGET,
  conditions: ['@touchpoint/source'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: PACKAGE_ROOT,
};

export interface BuiltFiles {
  readonly loader: string;
  readonly surveyChunk: string;
  readonly esmEntry: string;
}

export async function buildWidget(): Promise<BuiltFiles> {
  await rm(DIST, { recursive: true, force: true });
  await Promise.all([
    build({ ...common, entryPoints: ['src/embed.ts'], format: 'iife', outfile: join(DIST, 'embed.js') }),
    build({
      ...common,
      entryPoints: ['src/embed-chunk.ts'],
      format: 'iife',
      outfile: join(DIST, 'touchpoint-survey.js'),
    }),
    build({
      ...common,
      entryPoints: ['src/index.ts'],
      format: 'esm',
      splitting: true,
      outdir: DIST,
      packages: 'external',
      chunkNames: 'chunks/[name]-[hash]',
    }),
  ]);
  return {
    loader: join(DIST, 'embed.js'),
    surveyChunk: join(DIST, 'touchpoint-survey.js'),
    esmEntry: join(DIST, 'index.js'),
  };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildWidget().then(
    (files) => console.log(`[touchpoint] built ${Object.values(files).join(', ')}`),
    (error: unknown) => {
      console.error('[touchpoint] build failed:', error);
      process.exitCode = 1;
    },
  );
}
