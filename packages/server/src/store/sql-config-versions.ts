/**
 * The config-version methods of the SQL store (`sql-store.ts` spreads them into its `Store`): the same SQL on
 * SQLite and PostgreSQL. Publishing reads the newest number and inserts the next one in one transaction; on
 * PostgreSQL an advisory lock per site serialises publishers (and the primary key refuses a second row with the
 * same number in any case), on SQLite the single writer does.
 */
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Dialect } from './migrations';
import type { ConfigSource, ConfigVersion, ConfigVersionInfo, Store } from './store';
import type { ConfigVersionsTable, Database } from './tables';

type ConfigStore = Pick<Store, 'publishedConfig' | 'configVersion' | 'configVersions' | 'publishConfig'>;

const SOURCES: readonly ConfigSource[] = ['sites-file', 'editor', 'api', 'rollback'];

function infoOf(row: Omit<Selectable<ConfigVersionsTable>, 'config' | 'site'>): ConfigVersionInfo {
  return {
    number: Number(row.number),
    author: row.author,
    note: row.note,
    source: SOURCES.find((s) => s === row.source) ?? 'api',
    restoredFrom: row.restored_from === null ? null : Number(row.restored_from),
    createdAt: Number(row.created_at_ms),
  };
}

const versionOf = (row: Selectable<ConfigVersionsTable>): ConfigVersion => ({
  ...infoOf(row),
  config: row.config,
});

export function createSqlConfigVersions(options: {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  readonly transaction: <T>(what: string, work: (trx: Transaction<Database>) => Promise<T>) => Promise<T>;
}): ConfigStore {
  const { db, dialect, transaction } = options;
  const newest = (from: Kysely<Database> | Transaction<Database>, site: string) =>
    from
      .selectFrom('config_versions')
      .selectAll()
      .where('site', '=', site)
      .orderBy('number', 'desc')
      .limit(1)
      .executeTakeFirst();

  return {
    async publishedConfig(site) {
      const row = await newest(db, site);
      return row === undefined ? undefined : versionOf(row);
    },

    async configVersion(site, number) {
      const row = await db
        .selectFrom('config_versions')
        .selectAll()
        .where('site', '=', site)
        .where('number', '=', number)
        .executeTakeFirst();
      return row === undefined ? undefined : versionOf(row);
    },

    async configVersions(site, { limit, before }) {
      let query = db
        .selectFrom('config_versions')
        .select(['number', 'author', 'note', 'source', 'restored_from', 'created_at_ms'])
        .where('site', '=', site);
      if (before !== undefined) query = query.where('number', '<', before);
      const rows = await query.orderBy('number', 'desc').limit(limit).execute();
      return rows.map(infoOf);
    },

    publishConfig(site, publication) {
      return transaction('publishing a config version', async (trx) => {
        if (dialect === 'postgres') {
          await sql`select pg_advisory_xact_lock(hashtext(${`touchpoint:config:${site}`}))`.execute(trx);
        }
        const row = await newest(trx, site);
        const current = row === undefined ? 0 : Number(row.number);
        if (current !== publication.basedOn) return { ok: false as const, current };
        const inserted = {
          site,
          number: current + 1,
          config: publication.config,
          author: publication.author,
          note: publication.note,
          source: publication.source,
          restored_from: publication.restoredFrom ?? null,
          created_at_ms: publication.at,
        };
        await trx.insertInto('config_versions').values(inserted).execute();
        return { ok: true as const, version: infoOf(inserted) };
      });
    },
  };
}
