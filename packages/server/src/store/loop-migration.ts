/**
 * Migration 0007, for issue 13 (decision 0011): attribute segments and the follow-up inbox.
 *
 * - `responses.attrs` and `displays.attrs`: the segment-attribute values of the winning answer's (or the display's)
 *   event, as JSON text (`{"plan":"pro"}`), so a changed answer moves its count within the right attribute values.
 *   Rows written before this migration have `{}`: attribute segments count what was stored after the attribute was
 *   named in `segmentAttributes`.
 * - `attribute_rollups`: the rollups again, per attribute name × value (one attribute per row).
 * - `attribute_values`: the values kept per site × attribute (at most `SEGMENT_ATTRIBUTE_LIMITS.valuesPerAttribute`;
 *   later ones count as `(other)`).
 * - `inbox_items` and `inbox_history`: one follow-up item per response whose answer is in a follow-up band, and
 *   every change to it with its time.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from './migrations';
import { VALUE_COLUMNS } from './tables';

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as `Database` says.
type AnyDb = Kysely<any>;

export function loopMigration(dialect: Dialect): Migration {
  const bigint = dialect === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: AnyDb) {
      for (const table of ['responses', 'displays']) {
        await db.schema
          .alterTable(table)
          .addColumn('attrs', 'text', (c) => c.notNull().defaultTo('{}'))
          .execute();
      }

      let rollups = db.schema
        .createTable('attribute_rollups')
        .addColumn('site', 'text', (c) => c.notNull())
        .addColumn('touchpoint', 'text', (c) => c.notNull())
        .addColumn('metric', 'text', (c) => c.notNull())
        .addColumn('points', 'integer', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('shown', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('completed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('dismissed', 'integer', (c) => c.notNull().defaultTo(0));
      for (const column of VALUE_COLUMNS) {
        rollups = rollups.addColumn(column, 'integer', (c) => c.notNull().defaultTo(0));
      }
      await rollups
        .addPrimaryKeyConstraint('attribute_rollups_pk', [
          'site',
          'name',
          'value',
          'day',
          'touchpoint',
          'metric',
          'points',
        ])
        .execute();

      await db.schema
        .createTable('attribute_values')
        .addColumn('site', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('attribute_values_pk', ['site', 'name', 'value'])
        .execute();

      await db.schema
        .createTable('inbox_items')
        .addColumn('site', 'text', (c) => c.notNull())
        .addColumn('response_id', 'text', (c) => c.notNull())
        .addColumn('question_id', 'text', (c) => c.notNull())
        .addColumn('touchpoint', 'text', (c) => c.notNull())
        .addColumn('survey_id', 'text', (c) => c.notNull())
        .addColumn('metric', 'text', (c) => c.notNull())
        .addColumn('points', 'integer', (c) => c.notNull())
        .addColumn('score', 'integer', (c) => c.notNull())
        .addColumn('visitor_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text')
        /** 1 while the winning answer is in a follow-up band; 0 once a changed answer left it. */
        .addColumn('in_band', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('assignee', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('version', 'integer', (c) => c.notNull())
        /** Corrected time of the winning answer. */
        .addColumn('answered_at_ms', bigint, (c) => c.notNull())
        .addColumn('opened_at_ms', bigint, (c) => c.notNull())
        .addColumn('updated_at_ms', bigint, (c) => c.notNull())
        /** When the item first left `open` (the time to first follow-up); null while never followed up. */
        .addColumn('followed_up_at_ms', bigint)
        .addPrimaryKeyConstraint('inbox_items_pk', ['site', 'response_id'])
        .execute();
      await db.schema
        .createIndex('inbox_items_site_time')
        .on('inbox_items')
        .columns(['site', 'answered_at_ms', 'response_id'])
        .execute();
      await db.schema
        .createIndex('inbox_items_site_user')
        .on('inbox_items')
        .columns(['site', 'user_id'])
        .execute();

      await db.schema
        .createTable('inbox_history')
        .addColumn('site', 'text', (c) => c.notNull())
        .addColumn('response_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('at_ms', bigint, (c) => c.notNull())
        /** `opened`, `answer_changed` or `updated` (a PATCH). */
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('assignee', 'text', (c) => c.notNull())
        .addColumn('score', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('inbox_history_pk', ['site', 'response_id', 'version'])
        .execute();
      await sql`select 1`.execute(db);
    },
  };
}
