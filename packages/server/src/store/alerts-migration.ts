/**
 * Migration 0005, the alerts: rules per site, the outbox (one row per alert to deliver, written in the ingest
 * transaction that stores the answer), and every delivery attempt. See `src/alerts/` and decision 0008.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from './migrations';

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as `Database` says.
type AnyDb = Kysely<any>;

export function alertsMigration(dialect: Dialect): Migration {
  const json = dialect === 'postgres' ? 'jsonb' : 'text';
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('alert_rules')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('site', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('touchpoints', sql.raw(json))
        .addColumn('bands', sql.raw(json))
        .addColumn('has_text', 'integer', (c) => c.notNull())
        .addColumn('identified_only', 'integer', (c) => c.notNull())
        .addColumn('instant', 'integer', (c) => c.notNull())
        .addColumn('digest', 'integer', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('disabled_reason', 'text')
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
        // The last UTC day a digest was queued for (so each day's digest is queued once).
        .addColumn('digest_day', 'text')
        .execute();
      await db.schema.createIndex('alert_rules_site').on('alert_rules').columns(['site']).execute();

      await db.schema
        .createTable('alert_outbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('rule_id', 'text', (c) => c.notNull())
        .addColumn('site', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        // One instant alert per rule × response, one digest per rule × day: a second insert does nothing.
        .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
        .addColumn('payload', sql.raw(json), (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('next_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('lease_owner', 'text')
        .addColumn('lease_until_ms', 'bigint')
        .addColumn('delivered_at_ms', 'bigint')
        .addColumn('last_error', 'text')
        .execute();
      await db.schema
        .createIndex('alert_outbox_due')
        .on('alert_outbox')
        .columns(['status', 'next_at_ms'])
        .execute();
      await db.schema
        .createIndex('alert_outbox_rule')
        .on('alert_outbox')
        .columns(['rule_id', 'created_at_ms'])
        .execute();

      await db.schema
        .createTable('alert_attempts')
        .addColumn('seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('delivery_id', 'text', (c) => c.notNull())
        .addColumn('rule_id', 'text', (c) => c.notNull())
        .addColumn('at_ms', 'bigint', (c) => c.notNull())
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .addColumn('status_code', 'integer')
        .addColumn('error', 'text')
        .addColumn('worker', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('alert_attempts_delivery')
        .on('alert_attempts')
        .columns(['delivery_id', 'seq'])
        .execute();
    },
  };
}
