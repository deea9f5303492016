/**
 * Migration 0006, for results per channel (decisions/0012): the channel an event was answered in (`web`, `link`,
 * `email`, `qr`) becomes a column of the events, of the winning answers and texts, of the counted displays, and a
 * fourth segment beside device, locale and path in the segment rollups' key. Every event stored before it was a web
 * event (no collector could send another channel), so `web` is the right value for every existing row and nothing
 * needs a backfill from the events; the segment rollups are rebuilt with the channel in their primary key.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import { VALUE_COLUMNS } from './tables';

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as `Database` says.
type AnyDb = Kysely<any>;

const SEGMENT_KEY = ['site', 'day', 'touchpoint', 'metric', 'points', 'device', 'locale', 'path'] as const;

export const channelMigration: Migration = {
  async up(db: AnyDb) {
    for (const table of ['events', 'responses', 'texts', 'displays']) {
      await db.schema
        .alterTable(table)
        .addColumn('channel', 'text', (c) => c.notNull().defaultTo('web'))
        .execute();
    }

    let table = db.schema
      .createTable('segment_rollups_by_channel')
      .addColumn('site', 'text', (c) => c.notNull())
      .addColumn('touchpoint', 'text', (c) => c.notNull())
      .addColumn('metric', 'text', (c) => c.notNull())
      .addColumn('points', 'integer', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('device', 'text', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('shown', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('completed', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('dismissed', 'integer', (c) => c.notNull().defaultTo(0));
    for (const column of VALUE_COLUMNS) {
      table = table.addColumn(column, 'integer', (c) => c.notNull().defaultTo(0));
    }
    await table.addPrimaryKeyConstraint('segment_rollups_channel_pk', [...SEGMENT_KEY, 'channel']).execute();
    const columns = sql.raw([...SEGMENT_KEY, 'shown', 'completed', 'dismissed', ...VALUE_COLUMNS].join(', '));
    await sql`insert into segment_rollups_by_channel (${columns}, channel)
      select ${columns}, 'web' from segment_rollups`.execute(db);
    await db.schema.dropTable('segment_rollups').execute();
    await db.schema.alterTable('segment_rollups_by_channel').renameTo('segment_rollups').execute();
  },
};
