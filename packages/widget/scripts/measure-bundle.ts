import { brotliCompressSync, constants } from 'node:zlib';
import { build } from 'esbuild';

const entry = process.argv[2] ?? 'src/embed-chunk.ts';
const r = await build({
  entryPoints: [entry],
  bundle: true,
  minify: true,
  target: 'es2020',
  format: 'iife',
  conditions: ['@touchpoint/source'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  write: false,
  metafile: true,
  absWorkingDir: process.cwd(),
});
const out = Object.values(r.metafile.outputs)[0]!;
const rows = Object.entries(out.inputs)
  .map(
    ([p, v]) => [v.bytesInOutput, p.replace(/^.*node_modules\//, '').replace(/^\.\.\/\.\.\//, '')] as const,
  )
  .sort((a, b) => b[0] - a[0]);
for (const [b, p] of rows) if (b > 0) console.log(String(b).padStart(6), p);
const code = r.outputFiles[0]!.contents;
console.log(
  'min',
  code.length,
  'br',
  brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
);
