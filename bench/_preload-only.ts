import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measurePreload } from './preload-timing';

const dir = mkdtempSync(join(tmpdir(), 'tp-preload-'));
const row = await measurePreload({
  widgetDir: '/tmp/wbuild',
  runs: Number(process.argv[2] ?? 11),
  dataDir: dir,
});
console.log(JSON.stringify(row, null, 1));
