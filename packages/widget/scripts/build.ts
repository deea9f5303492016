/**
 * Builds the widget's bundles with esbuild into dist/ (gitignored):
 * - `embed.js`: the script-tag loader, a classic script (IIFE);
 * - `touchpoint-triggers.js`: the DOM trigger sources, loaded by embed.js where such a trigger applies;
 * - `touchpoint-survey.js`: the survey runtime with the UI, loaded by embed.js during idle time where a survey's
 *   trigger applies (else on the first occurrence that fires one);
 * - `touchpoint-collector.js`: the collector, loaded beside the survey chunk (in parallel), or alone during idle
 *   time when an earlier page left undelivered events (decisions/0004);
 * - `touchpoint-debug.js`: the words of debug mode (why each survey did or did not show), loaded only in debug mode;
 * - `touchpoint-hosted.js`: the script of the server's hosted survey page (`/s/{surveyId}`): the card inline and
 *   the collector, for answers by link, e-mail and QR code;
 * - `index.js` (+ `chunks/`): the ESM npm entry; dependencies stay external, the runtime is split off.
 * All minified for ES2020 browsers (core uses BigInt literals, ES2020), resolving sibling packages to their
 * TypeScript source through the `@touchpoint/source` condition. Run: `pnpm --filter @touchpoint/widget build`.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import { minify } from 'terser';

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
  metafile: true,
  // Class fields as plain assignments in the constructor, not `Object.defineProperty` through a helper: the same
  // for our classes (errors), and about 100 B brotli less in the survey chunk.
  tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
};

/**
 * A second pass over a script-tag bundle with terser (several compress passes, top-level names mangled): about 4 %
 * fewer brotli bytes than esbuild's minifier alone, which matters for bytes every page view pays. The npm entry
 * is left to the app's own bundler. The Chromium suites run these very files.
 */
async function squeeze(file: string): Promise<void> {
  const result = await minify(await readFile(file, 'utf8'), {
    ecma: 2020,
    compress: {
      passes: 4,
      toplevel: true,
      pure_getters: true,
      unsafe: true,
      unsafe_arrows: true,
      unsafe_methods: true,
    },
    mangle: { toplevel: true },
    format: { comments: false },
  });
  if (result.code === undefined) throw new Error(`terser produced nothing for ${file}`);
  await writeFile(file, result.code);
}

export interface BuiltFile {
  readonly name: string;
  readonly path: string;
  /** Source files bundled in (paths relative to the package), e.g. to prove zod or the collector is absent. */
  readonly inputs: readonly string[];
  /** Minified bytes each source file adds, largest first (esbuild's metafile). */
  readonly modules: readonly { readonly path: string; readonly bytes: number }[];
}

/** Builds `touchpoint-hosted.js` alone into `outDir` (the server's tests use it); returns the file's path. */
export async function buildHostedScript(outDir = DIST): Promise<string> {
  const outfile = join(outDir, 'touchpoint-hosted.js');
  await build({ ...common, entryPoints: ['src/hosted-page.ts'], format: 'iife', outfile });
  await squeeze(outfile);
  return outfile;
}

/** Builds every bundle into `outDir` (default dist/); returns what was written and what went into it. */
export async function buildWidget(outDir = DIST): Promise<BuiltFile[]> {
  const files = (metafile: Metafile): BuiltFile[] =>
    Object.entries(metafile.outputs)
      .filter(([path]) => path.endsWith('.js'))
      .map(([path, output]) => ({
        name: relative(relative(PACKAGE_ROOT, outDir), path),
        path: resolve(PACKAGE_ROOT, path),
        inputs: Object.keys(output.inputs),
        modules: Object.entries(output.inputs)
          .map(([input, { bytesInOutput }]) => ({ path: input, bytes: bytesInOutput }))
          .sort((a, b) => b.bytes - a.bytes),
      }));
  const script = async (entry: string, out: string) => {
    const outfile = join(outDir, out);
    const result = await build({ ...common, entryPoints: [entry], format: 'iife', outfile });
    await squeeze(outfile);
    return files(result.metafile!);
  };
  await rm(outDir, { recursive: true, force: true });
  const built = await Promise.all([
    script('src/embed.ts', 'embed.js'),
    script('src/triggers-chunk.ts', 'touchpoint-triggers.js'),
    script('src/embed-chunk.ts', 'touchpoint-survey.js'),
    script('src/collector-chunk.ts', 'touchpoint-collector.js'),
    script('src/debug-chunk.ts', 'touchpoint-debug.js'),
    script('src/hosted-page.ts', 'touchpoint-hosted.js'),
    build({
      ...common,
      entryPoints: ['src/index.ts'],
      format: 'esm',
      splitting: true,
      outdir: outDir,
      packages: 'external',
      chunkNames: 'chunks/[name]-[hash]',
    }).then((result) => files(result.metafile!)),
  ]);
  return built.flat();
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildWidget().then(
    (built) => console.log(`[touchpoint] built ${built.map((file) => `dist/${file.name}`).join(', ')}`),
    (error: unknown) => {
      console.error('[touchpoint] build failed:', error);
      process.exitCode = 1;
    },
  );
}
