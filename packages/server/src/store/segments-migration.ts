/**
 * Migration 0002, for the results API: the segment (device, locale, path) joins the rollup key, the winning answer
 * and each counted display carry their event's segment, and the winning open-text answers (the verbatims) get a
 * table of their own. A database written before it is brought up to date from its events, so its results equal
 * those of a database that had the new schema all along.
 */

import { answerBeats } from '@touchpoint/core';
import { type Kysely, type Migration, sql } from 'kysely';
import type { TextCandidate } from './rollup';
import { parseJson, VALUE_COLUMNS } from './tables';

/** Events read per step of the texts backfill. */
const PAGE = 2000;
/** Rows per multi-row insert (14 columns each, far under both databases' parameter limits). */
const INSERT_CHUNK = 400;

const SEGMENT_COLUMNS = ['device', 'locale', 'path'] as const;

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as `Database` says.
type AnyDb = Kysely<any>;

async function addSegmentColumns(db: AnyDb, table: string): Promise<void> {
  for (const column of SEGMENT_COLUMNS) {
    await db.schema
      .alterTable(table)
      .addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
      .execute();
  }
}

async function backfillTexts(db: AnyDb): Promise<void> {
  const best = new Map<string, TextCandidate>();
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('events')
      .select([
        'seq',
        'id',
        'site',
        'type',
        'survey_id',
        'touchpoint',
        'response_id',
        'at_ms',
        'corrected_at_ms',
        'day',
        'answers',
        'device',
        'locale',
        'path',
      ])
      .where('seq', '>', after)
      .where('type', 'in', ['answered', 'completed'])
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) break;
    after = Number(rows[rows.length - 1]?.seq);
    for (const row of rows) {
      const answers = parseJson(row.answers);
      if (!Array.isArray(answers)) continue;
      for (const answer of answers as { questionId: string; type: string; value: unknown }[]) {
        if (answer.type !== 'text' || typeof answer.value !== 'string') continue;
        const candidate: TextCandidate = {
          site: row.site,
          responseId: row.response_id,
          questionId: answer.questionId,
          touchpoint: row.touchpoint,
          surveyId: row.survey_id,
          text: answer.value,
          completed: row.type === 'completed',
          atMs: Number(row.at_ms),
          correctedAtMs: Number(row.corrected_at_ms),
          eventId: row.id,
          day: row.day,
          device: row.device ?? '',
          locale: row.locale ?? '',
          path: row.path,
          channel: 'web', // no channel existed before migration 0006
        };
        const key = [row.site, row.response_id, answer.questionId].join('\u0000');
        const current = best.get(key);
        if (current === undefined || answerBeats(candidate, current)) best.set(key, candidate);
      }
    }
  }
  const values = [...best.values()].map((t) => ({
    site: t.site,
    response_id: t.responseId,
    question_id: t.questionId,
    touchpoint: t.touchpoint,
    survey_id: t.surveyId,
    text: t.text,
    completed: t.completed ? 1 : 0,
    at_ms: t.atMs,
    corrected_at_ms: t.correctedAtMs,
    event_id: t.eventId,
    day: t.day,
    device: t.device,
    locale: t.locale,
    path: t.path,
  }));
  for (let i = 0; i < values.length; i += INSERT_CHUNK) {
    await db
      .insertInto('texts')
      .values(values.slice(i, i + INSERT_CHUNK))
      .execute();
  }
}

export const segmentsMigration: Migration = {
  async up(db: AnyDb) {
    // The winning answers: survey, corrected time and segment of the winning event.
    await db.schema
      .alterTable('responses')
      .addColumn('survey_id', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema
      .alterTable('responses')
      .addColumn('corrected_at_ms', 'bigint', (c) => c.notNull().defaultTo(0))
      .execute();
    await addSegmentColumns(db, 'responses');
    await sql`update responses set (survey_id, corrected_at_ms, device, locale, path) = (
      select e.survey_id, e.corrected_at_ms, coalesce(e.device, ''), coalesce(e.locale, ''), e.path
      from events e where e.id = responses.event_id)`.execute(db);
    await db.schema
      .createIndex('responses_site_time')
      .on('responses')
      .columns(['site', 'corrected_at_ms'])
      .execute();

    // The counted displays: the segment of the event that was counted (the first one stored).
    await addSegmentColumns(db, 'displays');
    await db.schema
      .createIndex('events_backfill_displays')
      .on('events')
      .columns(['site', 'response_id', 'type'])
      .execute();
    await sql`update displays set (device, locale, path) = (
      select coalesce(e.device, ''), coalesce(e.locale, ''), e.path from events e
      where e.site = displays.site and e.response_id = displays.response_id and e.type = displays.type
        and e.touchpoint = displays.touchpoint
      order by e.seq limit 1)`.execute(db);
    await db.schema.dropIndex('events_backfill_displays').execute();

    // The verbatims.
    await db.schema
      .createTable('texts')
      .addColumn('site', 'text', (c) => c.notNull())
      .addColumn('response_id', 'text', (c) => c.notNull())
      .addColumn('question_id', 'text', (c) => c.notNull())
      .addColumn('touchpoint', 'text', (c) => c.notNull())
      .addColumn('survey_id', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('completed', 'integer', (c) => c.notNull())
      .addColumn('at_ms', 'bigint', (c) => c.notNull())
      .addColumn('corrected_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('device', 'text', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('texts_pk', ['site', 'response_id', 'question_id'])
      .execute();
    await db.schema
      .createIndex('texts_site_time')
      .on('texts')
      .columns(['site', 'corrected_at_ms', 'response_id', 'question_id'])
      .execute();
    await backfillTexts(db);

    // The rollups with the segment in the key.
    let table = db.schema
      .createTable('segment_rollups')
      .addColumn('site', 'text', (c) => c.notNull())
      .addColumn('touchpoint', 'text', (c) => c.notNull())
      .addColumn('metric', 'text', (c) => c.notNull())
      .addColumn('points', 'integer', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('device', 'text', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('shown', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('completed', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('dismissed', 'integer', (c) => c.notNull().defaultTo(0));
    for (const column of VALUE_COLUMNS) {
      table = table.addColumn(column, 'integer', (c) => c.notNull().defaultTo(0));
    }
    await table
      .addPrimaryKeyConstraint('segment_rollups_pk', [
        'site',
        'day',
        'touchpoint',
        'metric',
        'points',
        'device',
        'locale',
        'path',
      ])
      .execute();
    const key = sql.raw('site, day, touchpoint, metric, points, device, locale, path');
    const valueSums = sql.raw(VALUE_COLUMNS.map((column) => `sum(${column})`).join(', '));
    const answerValues = sql.raw(
      VALUE_COLUMNS.map((column, value) => `case when value = ${value} then 1 else 0 end as ${column}`).join(
        ', ',
      ),
    );
    const noValues = sql.raw(VALUE_COLUMNS.map((column) => `0 as ${column}`).join(', '));
    await sql`insert into segment_rollups (${key}, shown, completed, dismissed, ${sql.raw(VALUE_COLUMNS.join(', '))})
      select ${key}, sum(shown), sum(completed), sum(dismissed), ${valueSums} from (
        select ${key}, 0 as shown, 0 as completed, 0 as dismissed, ${answerValues} from responses
        union all
        select ${key},
          case when type = 'shown' then 1 else 0 end as shown,
          case when type = 'completed' then 1 else 0 end as completed,
          case when type = 'dismissed' then 1 else 0 end as dismissed,
          ${noValues} from displays
      ) counted
      group by ${key}`.execute(db);
  },
};
