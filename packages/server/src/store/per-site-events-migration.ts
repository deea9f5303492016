/**
 * Migration 0003, for the server hardening (decision 0006):
 *
 * - an event id is unique per site, not across the server: the `events` key becomes (site, id), so one site can
 *   never make another site's event a "duplicate" (SQLite cannot drop a column's unique constraint, so the table
 *   is rebuilt with its rows and `seq` values; PostgreSQL drops the constraint);
 * - `survey_touchpoints`: every survey × touchpoint a site has published, and since when it is retired (removed or
 *   closed), which the ingest checks events against;
 * - `erasures`: tombstones of erased visitors, users and responses (a hash of the id, never the content), so a
 *   queued copy that arrives later is not stored again;
 * - indexes for erasure (by visitor, user and response) and retention (by day).
 */
import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from './migrations';

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as `Database` says.
type AnyDb = Kysely<any>;

/** The events table as 0001 created it, but unique on (site, id). */
async function createEvents(db: AnyDb, dialect: Dialect, name: string): Promise<void> {
  const json = dialect === 'postgres' ? 'jsonb' : 'text';
  await db.schema
    .createTable(name)
    .addColumn('seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('id', 'text', (c) => c.notNull())
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
    .addUniqueConstraint(`${name}_site_id`, ['site', 'id'])
    .execute();
}

export function perSiteEventsMigration(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      if (dialect === 'postgres') {
        await sql`alter table events drop constraint if exists events_id_key`.execute(db);
        await sql`alter table events add constraint events_site_id unique (site, id)`.execute(db);
      } else {
        // SQLite keeps a column's unique constraint for the table's life: copy the rows into a new table.
        await createEvents(db, dialect, 'events_0003');
        await sql`insert into events_0003 select seq, id, site, type, survey_id, touchpoint, response_id, at, at_ms, sent_at_ms, received_at_ms, corrected_at_ms, day, clock_suspect, answers, context, path, locale, device, visitor_id, user_id, attributes, ip_hash, payload_hash from events`.execute(
          db,
        );
        await db.schema.dropTable('events').execute();
        await sql`alter table events_0003 rename to events`.execute(db);
        await db.schema.createIndex('events_site_day').on('events').columns(['site', 'day']).execute();
        await db.schema
          .createIndex('events_site_survey')
          .on('events')
          .columns(['site', 'survey_id', 'type'])
          .execute();
        await db.schema
          .createIndex('events_backfill_displays')
          .on('events')
          .columns(['site', 'response_id', 'type'])
          .execute();
      }
      // (site, response_id) is served by 0002's events_backfill_displays.
      for (const column of ['visitor_id', 'user_id'] as const) {
        await db.schema.createIndex(`events_site_${column}`).on('events').columns(['site', column]).execute();
      }
      for (const table of ['responses', 'texts', 'displays'] as const) {
        await db.schema.createIndex(`${table}_site_day`).on(table).columns(['site', 'day']).execute();
      }

      await db.schema
        .createTable('survey_touchpoints')
        .addColumn('site', 'text', (c) => c.notNull())
        .addColumn('survey_id', 'text', (c) => c.notNull())
        .addColumn('touchpoint', 'text', (c) => c.notNull())
        .addColumn('retired_at_ms', 'bigint')
        .addPrimaryKeyConstraint('survey_touchpoints_pk', ['site', 'survey_id', 'touchpoint'])
        .execute();

      await db.schema
        .createTable('erasures')
        .addColumn('site', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('id_hash', 'text', (c) => c.notNull())
        .addColumn('erased_at_ms', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('erasures_pk', ['site', 'kind', 'id_hash'])
        .execute();
    },
  };
}
