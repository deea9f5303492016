/**
 * Touchpoint's script-tag bytes, measured on a fresh build of the widget (the package's own build, into a
 * temporary folder): the loader every page view pays for, and the chunks it loads from beside itself.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWidgetFiles } from '@touchpoint/example-script-tag';
import { compressedSizes, type Sizes } from './compressed-size';

export interface OwnRow extends Sizes {
  readonly label: string;
  /** `loader`: every page view; `survey`: when a survey shows; `extra`: only on some pages or in debug mode. */
  readonly role: 'loader' | 'survey' | 'extra';
  readonly file: string;
}

/** What each script-tag file is, in the order the table shows them. */
const FILES: readonly Omit<OwnRow, keyof Sizes>[] = [
  { file: 'embed.js', label: 'touchpoint embed.js (loader, every page)', role: 'loader' },
  {
    file: 'touchpoint-survey.js',
    label: 'touchpoint-survey.js (runtime + UI, where a survey may show)',
    role: 'survey',
  },
  {
    file: 'touchpoint-collector.js',
    label: 'touchpoint-collector.js (collector: beside the survey chunk, or alone for leftover events)',
    role: 'survey',
  },
  {
    file: 'touchpoint-triggers.js',
    label: 'touchpoint-triggers.js (pages with click/scroll/time/exit/visibility triggers)',
    role: 'extra',
  },
  { file: 'touchpoint-debug.js', label: 'touchpoint-debug.js (debug mode only)', role: 'extra' },
];

export interface ScriptTagBytes {
  /** The build's folder (embed.js and its chunks), for the browser timings. */
  readonly dir: string;
  readonly rows: OwnRow[];
  /** Files the build does not make (yet). */
  readonly missing: string[];
}

export async function measureScriptTag(): Promise<ScriptTagBytes> {
  const dir = await buildWidgetFiles(mkdtempSync(join(tmpdir(), 'touchpoint-bench-widget-')));
  const rows: OwnRow[] = [];
  const missing: string[] = [];
  for (const entry of FILES) {
    let content: Buffer;
    try {
      content = readFileSync(join(dir, entry.file));
    } catch {
      missing.push(entry.file);
      continue;
    }
    rows.push({ ...entry, ...compressedSizes(content) });
  }
  return { dir, rows, missing };
}
