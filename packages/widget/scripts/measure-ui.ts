/**
 * Prints the size of the UI chunk (src/ui/index.ts: the card, Preact, signals and what it takes from core),
 * minified, gzip and brotli (quality 11), and fails when brotli is over the UI's share of the survey budget.
 *
 *   npx tsx scripts/measure-ui.ts            (from packages/widget)
 *
 * DESIGN.md: the chunk that shows a survey (this UI plus the collector) must stay ≤ 12 kB brotli; the collector
 * takes a few kB, so the UI's share is 8.5 kB.
 */
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export const UI_BUDGET_BROTLI = 8500;

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
  if (size.brotli > UI_BUDGET_BROTLI) {
    console.error(
      `[touchpoint] the UI chunk is ${size.brotli} B brotli, over its ${UI_BUDGET_BROTLI} B share of the 12 kB survey budget: make the UI smaller before raising the budget`,
    );
    process.exitCode = 1;
  } else {
    console.log(`within the UI's share of the survey budget: ${size.brotli} ≤ ${UI_BUDGET_BROTLI} B brotli`);
  }
}
