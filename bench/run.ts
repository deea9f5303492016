/**
 * `pnpm bench`: Touchpoint's figures beside its peers', measured in one run on this machine. Prints a table and
 * writes .reports/bench.json. Figures, not pass/fail: budgets are enforced by the size check in `pnpm test`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measurePeers } from './peers';
import { measureScoring } from './scoring';

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

console.log('[touchpoint] bench: bytes');
const peers = measurePeers(join(root, '.bench-cache', 'peers'));
report.peers = peers;
const byteRows = [['bundle', 'role', 'raw kB', 'gzip kB', 'brotli kB']];
for (const row of peers.rows)
  byteRows.push([`${row.label} ${row.version}`, row.role, kB(row.raw), kB(row.gzip), kB(row.brotli)]);
console.log(table(byteRows));
for (const error of peers.errors) console.log(`[touchpoint] bench: peer not measured: ${error}`);

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

mkdirSync(join(root, '.reports'), { recursive: true });
writeFileSync(join(root, '.reports', 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log('\n[touchpoint] bench: wrote .reports/bench.json');
