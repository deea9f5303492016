/**
 * `touchpoint report`: per-touchpoint NPS / CES / CSAT with n and the 95 % interval, computed by core.
 * With `--input events.jsonl` it reads wire events (or batches), one JSON value per line, and needs no server;
 * with `--from` / `--to` it reads the rollups of the database.
 */
import { createReadStream, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import {
  type CesPoints,
  type Metric,
  summarizeEvents,
  type TouchpointSummary,
  type WireEvent,
} from '@touchpoint/core';
import { parseBatch, parseEvent } from '@touchpoint/core/schema';
import { formatReport, REPORT_FORMATS, type ReportFormat } from '../report/format-report';
import { InvalidFileError, loadConfigFile } from '../sites/load-sites';
import { surveyKindsOf } from '../sites/site';
import { openStore, SQLITE_FILE } from '../store/open-store';
import { summarizeRollups } from '../store/rollup';
import { CliError, EXIT, type ExitCode } from './exit-codes';
import type { CliIo } from './io';

export interface ReportFlags {
  readonly input?: string | undefined;
  readonly format?: string | undefined;
  readonly config?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly site?: string | undefined;
  readonly data?: string | undefined;
  readonly databaseUrl?: string | undefined;
  readonly skipInvalid?: boolean | undefined;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function checkDay(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (
    !DAY.test(value) ||
    Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
    new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value
  ) {
    throw new CliError(`--${name} must be a day such as 2026-11-01 (UTC), received "${value}"`, EXIT.usage);
  }
  return value;
}

async function* lines(path: string, io: CliIo): AsyncIterable<string> {
  if (path === '-') {
    if (io.stdin === undefined) throw new CliError('no standard input to read', EXIT.usage);
    yield* createInterface({
      input: io.stdin() as NodeJS.ReadableStream,
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    return;
  }
  if (!existsSync(path)) throw new CliError(`${path}: no such file`, EXIT.unavailable);
  yield* createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
}

/** Reads wire events, one event or batch per line; every problem is named by line and path. */
async function readEvents(path: string, io: CliIo): Promise<{ events: WireEvent[]; problems: string[] }> {
  const events: WireEvent[] = [];
  const problems: string[] = [];
  let number = 0;
  for await (const line of lines(path, io)) {
    number += 1;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      problems.push(`line ${number}: not valid JSON (${(error as Error).message})`);
      continue;
    }
    const isBatch = value !== null && typeof value === 'object' && 'events' in value;
    const result = isBatch ? parseBatch(value) : parseEvent(value);
    if (!result.ok) {
      for (const problem of result.problems) problems.push(`line ${number}: ${problem.message}`);
      continue;
    }
    if ('events' in result.value) events.push(...result.value.events);
    else events.push(result.value);
  }
  return { events, problems };
}

export async function reportCommand(flags: ReportFlags, io: CliIo): Promise<ExitCode> {
  const format = (flags.format ?? 'table') as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) {
    throw new CliError(
      `--format must be one of ${REPORT_FORMATS.join(', ')}, received "${flags.format}"`,
      EXIT.usage,
    );
  }
  const from = checkDay('from', flags.from);
  const to = checkDay('to', flags.to);
  if (from !== undefined && to !== undefined && from > to) {
    throw new CliError(`--from (${from}) is after --to (${to})`, EXIT.usage);
  }

  let rows: TouchpointSummary[];
  if (flags.input !== undefined) {
    if (from !== undefined || to !== undefined) {
      throw new CliError('--from and --to read the database; leave them out with --input', EXIT.usage);
    }
    let metricOf: ((surveyId: string) => { metric: Metric; points?: CesPoints } | undefined) | undefined;
    if (flags.config !== undefined) {
      try {
        const { config } = loadConfigFile(resolve(io.cwd, flags.config));
        const kinds = new Map(surveyKindsOf(config).map((k) => [k.surveyId, k]));
        metricOf = (surveyId) => kinds.get(surveyId);
      } catch (error) {
        if (!(error instanceof InvalidFileError)) throw error;
        io.stderr(`✗ ${error.message}\n`);
        return error.unreadable ? EXIT.unavailable : EXIT.invalid;
      }
    }
    const path = flags.input === '-' ? '-' : resolve(io.cwd, flags.input);
    const { events, problems } = await readEvents(path, io);
    if (problems.length > 0) {
      const shown = problems
        .slice(0, 50)
        .map((p) => `  ${p}\n`)
        .join('');
      const more = problems.length > 50 ? `  … and ${problems.length - 50} more\n` : '';
      io.stderr(`✗ ${flags.input}: ${problems.length} invalid value(s)\n${shown}${more}`);
      if (!flags.skipInvalid) {
        io.stderr(
          'Nothing was reported. Fix the lines, or add --skip-invalid to report on the valid ones.\n',
        );
        return EXIT.invalid;
      }
    }
    rows = summarizeEvents(events, metricOf === undefined ? {} : { metricOf });
  } else {
    const dataDir = resolve(io.cwd, flags.data ?? io.env.TOUCHPOINT_DATA_DIR ?? '.data');
    const databaseUrl = flags.databaseUrl ?? io.env.DATABASE_URL;
    if ((databaseUrl === undefined || databaseUrl === '') && !existsSync(join(dataDir, SQLITE_FILE))) {
      throw new CliError(
        `no database at ${join(dataDir, SQLITE_FILE)}; start the server first, pass --data, set DATABASE_URL, or use --input`,
        EXIT.unavailable,
      );
    }
    let store: Awaited<ReturnType<typeof openStore>>;
    try {
      store = await openStore({ databaseUrl, dataDir });
    } catch (error) {
      throw new CliError(`cannot open the database: ${(error as Error).message}`, EXIT.unavailable);
    }
    const site = flags.site ?? 'demo';
    try {
      rows = summarizeRollups(
        await store.rollups({
          site,
          ...(from === undefined ? {} : { from }),
          ...(to === undefined ? {} : { to }),
        }),
      );
    } catch (error) {
      throw new CliError(`cannot read the database: ${(error as Error).message}`, EXIT.unavailable);
    } finally {
      await store.close();
    }
    if (rows.length === 0) {
      io.stderr(
        `No results for site "${site}"${from !== undefined || to !== undefined ? ' in this range' : ''}; pass --site with a site id from your sites file.\n`,
      );
    }
  }
  io.stdout(formatReport(rows, format));
  return EXIT.ok;
}
