/**
 * `touchpoint report` output: a table for people, JSON rows for programs (core's `TouchpointSummary`, as
 * `summarizeEvents` gives them), CSV for spreadsheets.
 */
import type { TouchpointSummary } from '@touchpoint/core';
import { csvCell } from './csv';

export const REPORT_FORMATS = ['table', 'json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const LABEL = { nps: 'NPS', ces: 'CES', csat: 'CSAT' } as const;

const fixed = (value: number | null, digits: number) => (value === null ? '—' : value.toFixed(digits));
const percent = (value: number | null) => (value === null ? '—' : `${(100 * value).toFixed(0)} %`);

function metricLabel(row: TouchpointSummary): string {
  return row.metric === 'ces' ? `CES 1–${row.scale.max}` : LABEL[row.metric];
}

function scoreText(row: TouchpointSummary): string {
  const digits = row.metric === 'ces' ? 2 : 1;
  if (row.score === null) return '—';
  return `${fixed(row.score, digits)}${row.metric === 'csat' ? ' %' : ''}`;
}

function intervalText(row: TouchpointSummary): string {
  const digits = row.metric === 'ces' ? 2 : 1;
  return row.ci === null ? '—' : `${fixed(row.ci.low, digits)} … ${fixed(row.ci.high, digits)}`;
}

export function formatTable(rows: readonly TouchpointSummary[]): string {
  if (rows.length === 0) return 'No answers or displays in this data.\n';
  const table = [
    ['touchpoint', 'metric', 'n', 'score', '95 % interval', 'shown', 'response rate', 'note'],
    ...rows.map((row) => [
      row.touchpoint,
      metricLabel(row),
      String(row.n),
      scoreText(row),
      intervalText(row),
      String(row.shown),
      percent(row.responseRate),
      row.n === 0 ? 'no answers' : row.smallSample ? 'small sample (n < 30)' : '',
    ]),
  ];
  const widths = table[0]!.map((_, col) => Math.max(...table.map((line) => line[col]!.length)));
  const right = new Set([2, 3, 5, 6]);
  const lines = table.map((line) =>
    line
      .map((cell, col) => (right.has(col) ? cell.padStart(widths[col]!) : cell.padEnd(widths[col]!)))
      .join('  ')
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((w) => '─'.repeat(w)).join('  '));
  return `${lines.join('\n')}\n`;
}

export function formatCsv(rows: readonly TouchpointSummary[]): string {
  const header = [
    'touchpoint',
    'metric',
    'scale_min',
    'scale_max',
    'n',
    'score',
    'ci_low',
    'ci_high',
    'small_sample',
    'shown',
    'completed',
    'dismissed',
    'response_rate',
    'dismiss_rate',
  ];
  const lines = rows.map((row) =>
    [
      row.touchpoint,
      row.metric,
      row.scale.min,
      row.scale.max,
      row.n,
      row.score,
      row.ci?.low ?? null,
      row.ci?.high ?? null,
      row.smallSample,
      row.shown,
      row.completed,
      row.dismissed,
      row.responseRate,
      row.dismissRate,
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}

export function formatReport(rows: readonly TouchpointSummary[], format: ReportFormat): string {
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  if (format === 'csv') return formatCsv(rows);
  return formatTable(rows);
}
