#!/usr/bin/env node
/**
 * The build of a package's TypeScript (pnpm build): empties dist/ (unless `--keep`), runs
 * `tsc -p tsconfig.build.json` (JavaScript, .d.ts and declaration maps, one file per source file), then gives every
 * relative import in the output its full file name, as Node's ESM resolver (and TypeScript's
 * `node16`/`nodenext` resolution of the `.d.ts` files) requires: `./store` becomes `./store.js`, `./results` (a
 * folder) becomes `./results/index.js`. The sources keep extensionless imports (`moduleResolution: Bundler`); this
 * pass is the whole difference between them and a publishable build (decisions/0005-build-tool.md).
 *
 *   node scripts/esm-specifiers.mjs packages/server/dist
 *
 * Rewrites `.js`, `.d.ts` and their maps' neighbours in place; a relative import that names no emitted file fails
 * the build (exit 1) rather than shipping a module that cannot load.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

/** `from './x'`, `import './x'`, `import('./x')`, `export … from './x'`, and `import("./x")` in declarations. */
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.\.?\/[^'"]*|\.\.?)\2/g;
const KNOWN = /\.(m?js|json|css|svg|wasm)$/;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (/\.(d\.ts|js)$/.test(entry.name)) yield path;
  }
}

/** The specifier with its file name, or undefined when no emitted file answers to it. */
function complete(fromFile, specifier) {
  if (KNOWN.test(specifier)) return specifier;
  const target = resolve(dirname(fromFile), specifier);
  const isFile = (path) => existsSync(path) && statSync(path).isFile();
  if (isFile(`${target}.js`) || isFile(`${target}.d.ts`)) return `${specifier}.js`;
  if (isFile(join(target, 'index.js')) || isFile(join(target, 'index.d.ts')))
    return `${specifier.replace(/\/$/, '')}/index.js`;
  return undefined;
}

export function fixSpecifiers(dist) {
  const root = resolve(dist);
  const broken = [];
  let changed = 0;
  for (const file of files(root)) {
    const text = readFileSync(file, 'utf8');
    const next = text.replace(SPECIFIER, (whole, before, quote, specifier) => {
      const done = complete(file, specifier);
      if (done === undefined) {
        broken.push(`${relative(process.cwd(), file)}: ${specifier}`);
        return whole;
      }
      return `${before}${quote}${done}${quote}`;
    });
    if (next !== text) {
      writeFileSync(file, next);
      changed++;
    }
  }
  if (broken.length > 0)
    throw new Error(`relative imports that name no built file:\n  ${broken.join('\n  ')}`);
  return changed;
}

if (
  process.argv[1] !== undefined &&
  resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)
) {
  const dist = resolve('dist');
  if (!process.argv.includes('--keep')) rmSync(dist, { recursive: true, force: true });
  const tsc = createRequire(resolve('package.json')).resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  } catch {
    console.error('[touchpoint] tsc failed');
    process.exit(1);
  }
  try {
    const changed = fixSpecifiers(dist);
    console.log(
      `[touchpoint] built ${relative(resolve('../..'), dist)} (${changed} files with full ESM import paths)`,
    );
  } catch (error) {
    console.error(`[touchpoint] ${error.message}`);
    process.exit(1);
  }
}
