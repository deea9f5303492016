/**
 * The floor of the store's data model (decision 0006, item 8): what the rows one answer writes cost the database
 * alone, with no server around them. Each event of the ingest benches' sample (a completed NPS answer with a
 * comment) writes an `events` row (`toEventRow`, the store's own), a display, the winning score and text and, for a
 * detractor (score 0–6, the default follow-up band), an inbox item and its first history row (`openedInboxRows`, the
 * store's own). Here those rows are
 * written in groups of `--group` events, one transaction per group, on the store's schema (its migrations) and
 * settings:
 *   - SQLite (`openSqliteFile`: WAL, `synchronous = FULL`): one prepared statement per table, run row by row, the
 *     cheapest way better-sqlite3 has; the figure is the thread's time per event;
 *   - PostgreSQL 15 (`shared_buffers` 512MB as in the load bench): one `json_populate_recordset` insert per table
 *     and group, as the store sends them; the figure is PostgreSQL's CPU time per event (all its processes, from
 *     /proc) and the client's wall time.
 * A server on this data model cannot go faster than these figures allow, whatever its JavaScript does: events/s
 * ≤ 1e6 / (µs per event). `--events-only` writes the events rows alone. Prints figures; asserts nothing.
 *
 *   node bin/run-ts.js bench/write-floor.ts [--events 50000 --group 500 --events-only --only sqlite|postgres]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { timeOrderedUuid, type WireEvent } from '@touchpoint/core';
import { postgresAvailable, startPostgres } from '@touchpoint/testkit';
import pg from 'pg';
import { toEventRow } from '../src/store/event-row';
import { openedInboxRows } from '../src/store/inbox-store';
import { openPostgresStoreOnThisThread } from '../src/store/postgres';
import { openSqliteFile, openSqliteStoreOnThisThread } from '../src/store/sqlite';
import { cpuSeconds, postgresPid } from './bench-process';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    events: { type: 'string', default: '50000' },
    group: { type: 'string', default: '500' },
    'events-only': { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const EVENTS = Math.min(1_000_000, Number(values.events));
const GROUP = Math.max(1, Number(values.group));
const EVENTS_ONLY = values['events-only'];

type Row = Record<string, string | number | null>;
/** One group's rows, by table, in the order the store writes them. */
type Group = Map<string, Row[]>;

const TABLES = ['events', 'displays', 'responses', 'texts', 'inbox_items', 'inbox_history'] as const;

/** The rows `count` fresh answers write (see the header). */
function groupOf(count: number): Group {
  const rows: Group = new Map(TABLES.map((table) => [table, []]));
  const add = (table: string, row: Row) => rows.get(table)!.push(row);
  const now = Date.now();
  const at = new Date(now).toISOString();
  for (let i = 0; i < count; i++) {
    const id = timeOrderedUuid(now, randomBytes(16));
    const responseId = timeOrderedUuid(now, randomBytes(16));
    const visitorId = `visitor-${Math.floor(Math.random() * 1e6)}`;
    const score = Math.floor(Math.random() * 11);
    const event: WireEvent = {
      v: 1,
      id,
      type: 'completed',
      surveyId: 'nps-checkout',
      touchpoint: 'checkout.completed',
      responseId,
      at,
      answers: [
        { questionId: 'score', type: 'nps', value: score },
        { questionId: 'reason', type: 'text', value: 'Fast delivery, friendly support.' },
      ],
      context: { path: '/checkout/thanks', locale: 'nl', device: 'mobile' },
      visitor: { id: visitorId },
    };
    const eventRow = toEventRow('demo', event, now, now, null) as Row;
    add('events', eventRow);
    if (EVENTS_ONLY) continue;
    const segment = {
      day: eventRow.day!,
      device: 'mobile',
      locale: 'nl',
      path: '/checkout/thanks',
      channel: 'web',
    };
    const answer = {
      site: 'demo',
      response_id: responseId,
      touchpoint: 'checkout.completed',
      survey_id: 'nps-checkout',
    };
    const when = { completed: 1, at_ms: now, corrected_at_ms: now, event_id: id };
    const { survey_id: _, ...display } = answer;
    add('displays', { ...display, ...segment, metric: 'nps', points: 0, type: 'completed', attrs: '{}' });
    add('responses', {
      ...answer,
      ...segment,
      ...when,
      question_id: 'score',
      metric: 'nps',
      points: 0,
      value: score,
      attrs: '{}',
    });
    add('texts', {
      ...answer,
      ...segment,
      ...when,
      question_id: 'reason',
      text: 'Fast delivery, friendly support.',
    });
    if (score > 6) continue;
    const { item, history } = openedInboxRows(
      'demo',
      {
        responseId,
        questionId: 'score',
        touchpoint: 'checkout.completed',
        surveyId: 'nps-checkout',
        metric: 'nps',
        points: 0,
        value: score,
        visitorId,
        userId: null,
        correctedAtMs: now,
      },
      now,
    );
    add('inbox_items', item as Row);
    add('inbox_history', history as Row);
  }
  return rows;
}

const groups = () => Array.from({ length: Math.ceil(EVENTS / GROUP) }, () => groupOf(GROUP));
const perEvent = (seconds: number) => (seconds * 1e6) / (Math.ceil(EVENTS / GROUP) * GROUP);
const line = (label: string, us: number) =>
  console.log(
    `${label.padEnd(44)} ${us.toFixed(1).padStart(6)} µs/event  (≤ ${Math.round(1e6 / us)} events/s)`,
  );

async function sqliteFloor(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-floor-'));
  try {
    const file = join(dir, 'floor.db');
    await (await openSqliteStoreOnThisThread({ path: file })).close(); // the schema, by the store's migrations
    const sqlite = openSqliteFile(file);
    const statements = new Map<string, ReturnType<typeof sqlite.prepare>>();
    const insert = (table: string, row: Row) => {
      const columns = Object.keys(row);
      const key = `${table}\u0000${columns.join(',')}`;
      let statement = statements.get(key);
      if (statement === undefined) {
        const names = columns.map((c) => `"${c}"`).join(', ');
        const params = columns.map((c) => `@${c}`).join(', ');
        statement = sqlite.prepare(
          `insert into "${table}" (${names}) values (${params}) on conflict do nothing`,
        );
        statements.set(key, statement);
      }
      statement.run(row);
    };
    const prepared = groups();
    const write = sqlite.transaction((group: Group) => {
      for (const [table, rows] of group) for (const row of rows) insert(table, row);
    });
    const started = process.hrtime.bigint();
    for (const group of prepared) write(group);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    sqlite.close();
    line(`SQLite${EVENTS_ONLY ? ', events rows only' : ''}: the writing thread`, perEvent(seconds));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresFloor(): Promise<void> {
  if (!postgresAvailable()) {
    console.log('PostgreSQL: not installed here, skipped');
    return;
  }
  const server = await startPostgres({ sharedBuffers: '512MB' });
  try {
    await (await openPostgresStoreOnThisThread({ url: server.url })).close(); // the schema
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    const postmaster = postgresPid(server.port);
    const prepared = groups().map((group) =>
      [...group]
        .filter(([, rows]) => rows.length > 0)
        .map(([table, rows]) => {
          const columns = Object.keys(rows[0]!)
            .map((c) => `"${c}"`)
            .join(', ');
          const text = `insert into "${table}" (${columns}) select ${columns} from json_populate_recordset(null::"${table}", $1::json) on conflict do nothing`;
          return [text, JSON.stringify(rows)] as const;
        }),
    );
    const cpuBefore = postmaster === undefined ? undefined : cpuSeconds([postmaster]);
    const started = process.hrtime.bigint();
    for (const group of prepared) {
      await client.query('begin');
      for (const [text, json] of group) await client.query(text, [json]);
      await client.query('commit');
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpuAfter = postmaster === undefined ? undefined : cpuSeconds([postmaster]);
    await client.end();
    const label = `PostgreSQL${EVENTS_ONLY ? ', events rows only' : ''}`;
    if (cpuBefore !== undefined && cpuAfter !== undefined)
      line(`${label}: the database's CPU`, perEvent(cpuAfter - cpuBefore));
    line(`${label}: the client's wall time`, perEvent(seconds));
  } finally {
    await server.stop();
  }
}

console.log(
  `${EVENTS} events in groups of ${GROUP}; rows per event as the ingest benches' sample writes them`,
);
if (values.only === undefined || values.only === 'sqlite') await sqliteFloor();
if (values.only === undefined || values.only === 'postgres') await postgresFloor();
