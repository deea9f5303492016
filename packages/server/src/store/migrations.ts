/**
 * The schema, as Kysely migrations shared by both databases. Only the column types of JSON and the sequence
 * differ; the queries in `sql-store.ts` are the same SQL on both.
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { alertsMigration } from './alerts-migration';
import { channelMigration } from './channel-migration';
import { configVersionsMigration } from './config-versions-migration';
import { loopMigration } from './loop-migration';
import { perSiteEventsMigration } from './per-site-events-migration';
import { segmentsMigration } from './segments-migration';
import type { Database } from './tables';
import { VALUE_COLUMNS } from './tables';

export type Dialect = 'sqlite' | 'postgres';

/** The schema the ingest server shipped with (exported for the test that migrates such a database). */
export function initialSchema(dialect: Dialect): Migration {
  const json = dialect === 'postgres' ? 'jsonb' : 'text';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('events')
        .addColumn('seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('site', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('survey_id', 'text', (c) => c.notNull())
        .addColumn('touchpoint', 'text', (c) => c.notNull())
        .addColumn('response_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('at_ms', 'bigint', (c) => c.notNull())
        .addColumn('sent_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('received_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('corrected_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('clock_suspect', 'integer', (c) => c.notNull())
        .addColumn('answers', sql.raw(json))
        .addColumn('context', sql.raw(json), (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('locale', 'text')
        .addColumn('device', 'text')
        .addColumn('visitor_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text')
        .addColumn('attributes', sql.raw(json))
        .addColumn('ip_hash', 'text')
        .addColumn('payload_hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('events_site_day').on('events').columns(['site', 'day']).execute();
      await db.schema
        .createIndex('events_site_survey')
        .on('events')
        .columns(['site', 'survey_id', 'type'])
        .execute();

      await db.schema
        .createTable('surveys')
        .addColumn('site', 'text', (c) => c.notNull())
        .addColumn('survey_id', 'text', (c) => c.notNull())
        .addColumn('metric', 'text', (c) => c.notNull())
        .addColumn('points', 'integer', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('surveys_pk', ['site', 'survey_id'])
        .execute();

      await db.schema
        .createTable('responses')
        .addColumn('site', 'text', (c) => c.notNull())
        .addColumn('response_id', 'text', (c) => c.notNull())
        .addColumn('question_id', 'text', (c) => c.notNull())
        .addColumn('touchpoint', 'text', (c) => c.notNull())
        .addColumn('metric', 'text', (c) => c.notNull())
        .addColumn('points', 'integer', (c) => c.notNull())
        .addColumn('value', 'integer', (c) => c.notNull())
        .addColumn('completed', 'integer', (c) => c.notNull())
        .addColumn('at_ms', 'bigint', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('responses_pk', ['site', 'response_id', 'question_id'])
        .execute();

      await db.schema
        .createTable('displays')
        .addColumn('site', 'text', (c) => c.notNull())
        .addColumn('response_id', 'text', (c) => c.notNull())
        .addColumn('touchpoint', 'text', (c) => c.notNull())
        .addColumn('metric', 'text', (c) => c.notNull())
        .addColumn('points', 'integer', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('displays_pk', [
          'site',
          'response_id',
          'touchpoint',
          'metric',
          'points',
          'type',
        ])
        .execute();

      let rollups = db.schema
        .createTable('rollups')
        .addColumn('site', 'text', (c) => c.notNull())
        .addColumn('touchpoint', 'text', (c) => c.notNull())
        .addColumn('metric', 'text', (c) => c.notNull())
        .addColumn('points', 'integer', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('shown', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('completed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('dismissed', 'integer', (c) => c.notNull().defaultTo(0));
      for (const column of VALUE_COLUMNS) {
        rollups = rollups.addColumn(column, 'integer', (c) => c.notNull().defaultTo(0));
      }
      await rollups
        .addPrimaryKeyConstraint('rollups_pk', ['site', 'day', 'touchpoint', 'metric', 'points'])
        .execute();
    },
  };
}

/** Every migration by name, in order. */
export function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001-initial-schema': initialSchema(dialect),
    '0002-segments-and-verbatims': segmentsMigration,
    '0003-per-site-events': perSiteEventsMigration(dialect),
    '0004-config-versions': configVersionsMigration,
    '0005-alert-outbox': alertsMigration(dialect),
    '0006-channel': channelMigration,
    '0007-inbox-and-attribute-segments': loopMigration(dialect),
  };
}

/**
 * Brings the database to the current schema (or to `upTo`, a migration's name, for tests); safe to run at every
 * start and from several processes.
 */
export async function migrate(db: Kysely<Database>, dialect: Dialect, upTo?: string): Promise<void> {
  const all = migrations(dialect);
  const names = Object.keys(all);
  const wanted = upTo === undefined ? names : names.slice(0, names.indexOf(upTo) + 1);
  const provider: MigrationProvider = {
    getMigrations: async () => Object.fromEntries(wanted.map((name) => [name, all[name]!])),
  };
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'touchpoint_migrations',
    migrationLockTableName: 'touchpoint_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error !== undefined || failed !== undefined) {
    const reason = error instanceof Error ? error.message : String(error ?? failed?.migrationName);
    throw new Error(`[touchpoint] database migration failed: ${reason}`, { cause: error });
  }
}
