/**
 * Prints the size of the card on its own (src/ui/index.ts: the card, Preact, signals and what it takes from core),
 * minified, gzip and brotli (quality 11), with each source file's minified bytes: a tool for working on the card.
 *
 *   npx tsx scripts/measure-ui.ts            (from packages/widget)
 *
 * The budgets are checked by test/runtime/size.test.ts on the bundles that ship (the card is in
 * touchpoint-survey.js); README.md ("Budgets and the build") has the figures.
 */
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export async function measureUi() {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../src/ui/index.ts', import.meta.url))],
    bundle: true,
    minify: true,
    format: 'esm',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    conditions: ['@touchpoint/source'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  const inputs = Object.entries(Object.values(result.metafile.outputs)[0]!.inputs)
    .map(([path, { bytesInOutput }]) => ({
      path: path.replace(/^.*node_modules\//, ''),
      bytes: bytesInOutput,
    }))
    .sort((a, b) => b.bytes - a.bytes);
  return {
    minified: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    inputs,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const size = await measureUi();
  for (const { path, bytes } of size.inputs.filter((input) => input.bytes > 0)) {
    console.log(`  ${String(bytes).padStart(6)} B  ${path}`);
  }
  console.log(
    `UI chunk (src/ui/index.ts): ${size.minified} B minified, ${size.gzip} B gzip, ${size.brotli} B brotli`,
  );
}
