/**
 * The demo behind `pnpm start` until the server lands: generates six weeks of sample events at four touchpoints,
 * validates them against the wire contract, and prints per-touchpoint NPS / CES / CSAT with 95 % intervals.
 */
import { summarizeEvents, type TouchpointSummary } from '../src/index';
import { generateSampleEvents, seededRandom } from '../src/sample';
import { parseBatch } from '../src/schema';

const WEEKS = 6;
const start = Date.parse('2026-10-12T00:00:00Z');
const events = generateSampleEvents({ random: seededRandom(2026), start, weeks: WEEKS });

let invalid = 0;
for (let i = 0; i < events.length; i += 100) {
  const result = parseBatch({ sentAt: new Date().toISOString(), events: events.slice(i, i + 100) });
  if (!result.ok) invalid += result.problems.length;
}

const fixed = (value: number | null, digits: number) => (value === null ? '—' : value.toFixed(digits));

function scoreText(row: TouchpointSummary): string {
  const digits = row.metric === 'ces' ? 2 : 1;
  const unit = row.metric === 'csat' ? '%' : '';
  return `${fixed(row.score, digits)}${row.score === null ? '' : unit}`;
}

function ciText(row: TouchpointSummary): string {
  const digits = row.metric === 'ces' ? 2 : 1;
  return row.ci === null ? '—' : `${fixed(row.ci.low, digits)} … ${fixed(row.ci.high, digits)}`;
}

const METRIC_LABEL = { nps: 'NPS', ces: 'CES', csat: 'CSAT' } as const;
const rows = summarizeEvents(events);
const table = [
  ['touchpoint', 'metric', 'n', 'score', '95 % interval', 'response rate', 'note'],
  ...rows.map((row) => [
    row.touchpoint,
    row.metric === 'ces' ? `CES 1–${row.scale.max}` : METRIC_LABEL[row.metric],
    String(row.n),
    scoreText(row),
    ciText(row),
    row.responseRate === null ? '—' : `${(100 * row.responseRate).toFixed(0)}%`,
    row.smallSample ? 'small sample (n < 30): read with care' : '',
  ]),
];
const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
const line = (cells: string[]) =>
  cells.map((cell, c) => (c === 2 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ');

console.log(`Touchpoint demo: ${events.length} sample events over ${WEEKS} weeks, ${invalid} invalid.\n`);
console.log(line(table[0]!));
console.log(widths.map((w) => '─'.repeat(w)).join('  '));
for (const row of table.slice(1)) console.log(line(row));
console.log(
  '\nNPS: −100..100 (adjusted-Wald interval). CSAT: % satisfied (Wilson). CES: mean, 7 = easy (t interval).',
);
