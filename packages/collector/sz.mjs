import { brotliCompressSync, constants } from 'node:zlib';
import { build } from 'esbuild';

const br = (x) =>
  brotliCompressSync(Buffer.from(x), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const r = await build({
  entryPoints: ['bench/embed-entry.ts'],
  bundle: true,
  minify: true,
  format: 'esm',
  write: false,
  conditions: ['@touchpoint/source'],
  target: 'es2022',
  metafile: true,
});
const text = r.outputFiles[0].text;
console.log('total', text.length, br(text));
if (process.argv[2]) process.stdout.write(text);
