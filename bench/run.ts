/**
 * `pnpm bench`: Touchpoint's figures beside its peers', measured in one run on this machine, everything on
 * 127.0.0.1. Prints the tables and writes .reports/bench.json. Figures, not pass/fail: budgets are enforced by
 * the size check in `pnpm test`.
 *
 *   pnpm bench [-- --runs 11 --ingest-seconds 3 --widget-only]
 *
 * 1. bytes: the script-tag loader and its chunks (a fresh build), beside the peers' published files;
 * 2. Chromium: the loader's main-thread time and trigger → visible, at 1× and 4× CPU slow-down;
 * 3. ingest: the server's own benchmark, events per second as a ratio to a bare node:http handler;
 * 4. scoring: core's summarizeEvents and tally merges.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { browserAvailable } from '@touchpoint/testkit';
import { measureBrowserTimings } from './browser-timing';
import { measureIngest } from './ingest';
import { measurePeers } from './peers';
import { measurePreload } from './preload-timing';
import { measureScoring } from './scoring';
import { measureScriptTag } from './script-tag-bytes';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '11' },
    'ingest-seconds': { type: 'string', default: '3' },
    // Only the widget's tables (bytes, Chromium, preload): no peers' packs, no ingest load, no scoring.
    'widget-only': { type: 'boolean', default: false },
  },
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
});
const RUNS = Math.min(25, Math.max(1, Number(values.runs) || 11));
const INGEST_SECONDS = Math.min(30, Math.max(1, Number(values['ingest-seconds']) || 3));

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const report: Record<string, unknown> = { at: new Date().toISOString(), node: process.version };

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r, i) =>
      [
        r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '),
        i === 0 ? widths.map((w) => '─'.repeat(w)).join('  ') : null,
      ]
        .filter((line) => line !== null)
        .join('\n'),
    )
    .join('\n');
}

const kB = (bytes: number) => (bytes / 1000).toFixed(1);
const ms = (value: number | null) => (value === null ? '—' : value.toFixed(1));
const started = performance.now();
const work = mkdtempSync(join(tmpdir(), 'touchpoint-bench-'));

try {
  console.log('[touchpoint] bench: bytes (script tag, fresh build; peers from npm pack)');
  const own = await measureScriptTag();
  report.scriptTag = { rows: own.rows, missing: own.missing };
  const peers = values['widget-only']
    ? { rows: [], errors: [] }
    : measurePeers(join(root, '.bench-cache', 'peers'));
  report.peers = peers;
  // docs/design.md's budgets, brotli: what every page view pays, and what a survey display adds.
  const budget: Record<string, string> = { 'embed.js': '≤ 3.0', 'touchpoint-survey.js': '≤ 20.0' };
  const byteRows = [['bundle', 'role', 'raw kB', 'gzip kB', 'brotli kB', 'budget kB']];
  for (const row of own.rows)
    byteRows.push([row.label, row.role, kB(row.raw), kB(row.gzip), kB(row.brotli), budget[row.file] ?? '']);
  const loader = own.rows.find((row) => row.file === 'embed.js');
  const survey = own.rows.find((row) => row.file === 'touchpoint-survey.js');
  const collector = own.rows.find((row) => row.file === 'touchpoint-collector.js');
  if (loader && survey && collector) {
    byteRows.push([
      'touchpoint loader + survey + collector chunks (a page where a survey may show)',
      'total',
      kB(loader.raw + survey.raw + collector.raw),
      kB(loader.gzip + survey.gzip + collector.gzip),
      kB(loader.brotli + survey.brotli + collector.brotli),
      '',
    ]);
    byteRows.push([
      'touchpoint loader + collector chunk (a page with only leftover events)',
      'total',
      kB(loader.raw + collector.raw),
      kB(loader.gzip + collector.gzip),
      kB(loader.brotli + collector.brotli),
      '',
    ]);
  }
  for (const row of peers.rows)
    byteRows.push([`${row.label} ${row.version}`, row.role, kB(row.raw), kB(row.gzip), kB(row.brotli), '']);
  console.log(table(byteRows));
  for (const file of own.missing) console.log(`[touchpoint] bench: ${file} is not built by the widget (yet)`);
  for (const error of peers.errors) console.log(`[touchpoint] bench: peer not measured: ${error}`);

  console.log(`\n[touchpoint] bench: Chromium, median of ${RUNS} runs, each in a fresh context`);
  if (browserAvailable()) {
    const timings = await measureBrowserTimings({
      widgetDir: own.dir,
      surveyChunk: survey !== undefined,
      runs: RUNS,
      dataDir: join(work, 'timing'),
    });
    report.browser = timings;
    const timingRows = [['figure', ...timings.map((t) => `${t.cpu}× CPU, ms`), 'budget']];
    timingRows.push([
      'main-thread time of the loader on page load',
      ...timings.map((t) => ms(t.loaderMainThreadMs)),
      '≤ 5 ms at 1×',
    ]);
    timingRows.push([
      'trigger → survey visible (first frame, cold survey chunk)',
      ...timings.map((t) => ms(t.triggerToVisibleMs)),
      '≤ 50 ms',
    ]);
    console.log(table(timingRows));
    if (survey === undefined) console.log('[touchpoint] bench: trigger → visible needs touchpoint-survey.js');
    else {
      const preload = await measurePreload({
        widgetDir: own.dir,
        runs: RUNS,
        dataDir: join(work, 'preload'),
      });
      report.preload = preload;
      console.log(
        `\n[touchpoint] bench: the survey and collector chunks' preload, median of ${RUNS} runs (1× CPU)`,
      );
      console.log(
        table([
          ['figure', 'ms', 'budget'],
          [
            'trigger → visible, slow 4G (150 ms RTT, 1.6 Mbps), with preload',
            ms(preload.slow4gWithPreloadMs),
            '≤ 100 ms',
          ],
          ['trigger → visible, slow 4G, without preload', ms(preload.slow4gWithoutPreloadMs), ''],
          [
            'main-thread time at network idle with the preload (loader + both chunks; loader alone: above)',
            ms(preload.withPreloadMainThreadMs),
            '',
          ],
        ]),
      );
    }
  }
  rmSync(own.dir, { recursive: true, force: true });

  if (!values['widget-only']) {
    console.log(
      `\n[touchpoint] bench: ingest (${INGEST_SECONDS} s per server, the server package's benchmark)`,
    );
    const ingest = await measureIngest(INGEST_SECONDS);
    report.ingest = ingest.rows;
    console.log(
      table([
        ['server', 'requests/s', 'events/s', '× bare', 'latency'],
        ...ingest.rows.map((row) => [
          row.target,
          row.requestsPerSecond.toLocaleString('en'),
          row.eventsPerSecond.toLocaleString('en'),
          row.ratioToBare === null ? '1' : row.ratioToBare.toFixed(3),
          row.latency,
        ]),
      ]),
    );

    console.log('\n[touchpoint] bench: scoring');
    const scoring = measureScoring();
    report.scoring = scoring;
    console.log(
      table([
        ['figure', 'value'],
        ['events summarized per second (summarizeEvents)', scoring.eventsPerSecond.toLocaleString('en')],
        ['tally merges per second', scoring.tallyMergesPerSecond.toLocaleString('en')],
        ['events in the data set', scoring.events.toLocaleString('en')],
      ]),
    );
  }

  mkdirSync(join(root, '.reports'), { recursive: true });
  writeFileSync(join(root, '.reports', 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(
    `\n[touchpoint] bench: wrote .reports/bench.json in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
