/**
 * Migration 0004, for the survey editor: each site's survey config as a sequence of versions. A version is never
 * changed or deleted; publishing (from the editor, the API, `touchpoint config push`, a rollback or the sites
 * file's seed) adds the next number, and the newest version is the published one (decision 0007).
 */
import type { Kysely, Migration } from 'kysely';

export const configVersionsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('config_versions')
      .addColumn('site', 'text', (c) => c.notNull())
      .addColumn('number', 'integer', (c) => c.notNull())
      // The config's JSON as published (text on both databases, so it is served byte for byte as stored).
      .addColumn('config', 'text', (c) => c.notNull())
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('restored_from', 'integer')
      .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('config_versions_pk', ['site', 'number'])
      .execute();
  },
};
