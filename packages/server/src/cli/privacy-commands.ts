/**
 * `touchpoint erase` and `touchpoint prune`: the privacy operations of the admin API, run against the database
 * directly (SQLite in `--data`, or PostgreSQL with `--database-url` / `DATABASE_URL`), also while a server runs.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DAY_MS } from '@touchpoint/core';
import { firstKeptDay } from '../retention';
import { InvalidFileError, loadSitesFile } from '../sites/load-sites';
import { openStore, SQLITE_FILE } from '../store/open-store';
import type { ErasureTarget, Store } from '../store/store';
import { CliError, EXIT, type ExitCode } from './exit-codes';
import type { CliIo } from './io';

export interface DatabaseFlags {
  readonly data?: string | undefined;
  readonly databaseUrl?: string | undefined;
}

async function openDatabase(flags: DatabaseFlags, io: CliIo): Promise<Store> {
  const dataDir = resolve(io.cwd, flags.data ?? io.env.TOUCHPOINT_DATA_DIR ?? '.data');
  const databaseUrl = flags.databaseUrl ?? io.env.DATABASE_URL;
  if ((databaseUrl === undefined || databaseUrl === '') && !existsSync(join(dataDir, SQLITE_FILE))) {
    throw new CliError(
      `no database at ${join(dataDir, SQLITE_FILE)}; pass --data or --database-url (or set DATABASE_URL)`,
      EXIT.unavailable,
    );
  }
  try {
    return await openStore({ databaseUrl, dataDir });
  } catch (error) {
    throw new CliError(`cannot open the database: ${(error as Error).message}`, EXIT.unavailable);
  }
}

export interface EraseFlags extends DatabaseFlags {
  readonly site?: string | undefined;
  readonly visitor?: string | undefined;
  readonly user?: string | undefined;
  readonly response?: string | undefined;
}

export async function eraseCommand(flags: EraseFlags, io: CliIo): Promise<ExitCode> {
  if (flags.site === undefined || flags.site === '') throw new CliError('erase needs --site ID', EXIT.usage);
  const given = (
    [
      ['visitor', flags.visitor],
      ['user', flags.user],
      ['response', flags.response],
    ] as const
  ).filter(([, value]) => value !== undefined);
  if (given.length !== 1 || given[0]![1] === '') {
    throw new CliError('erase needs exactly one of --visitor ID, --user ID or --response ID', EXIT.usage);
  }
  const [kind, id] = given[0]! as [string, string];
  const target: ErasureTarget =
    kind === 'visitor' ? { visitorId: id } : kind === 'user' ? { userId: id } : { responseId: id };
  const store = await openDatabase(flags, io);
  try {
    const result = await store.erase(flags.site, target, Date.now());
    io.stdout(
      `erased ${result.events} event${result.events === 1 ? '' : 's'} of ${kind} ${id} in ${flags.site}` +
        ` (${result.responses} response${result.responses === 1 ? '' : 's'} recounted); later copies will be refused\n`,
    );
    return EXIT.ok;
  } catch (error) {
    throw new CliError(`cannot erase: ${(error as Error).message}`, EXIT.unavailable);
  } finally {
    await store.close();
  }
}

export interface PruneFlags extends DatabaseFlags {
  readonly sites?: string | undefined;
  readonly site?: string | undefined;
  readonly days?: string | undefined;
}

export async function pruneCommand(flags: PruneFlags, io: CliIo): Promise<ExitCode> {
  let plan: { site: string; days: number }[];
  if (flags.days !== undefined) {
    const days = Number(flags.days);
    if (!/^\d+$/.test(flags.days) || days < 2) {
      throw new CliError(`--days must be a whole number of at least 2, received "${flags.days}"`, EXIT.usage);
    }
    if (flags.site === undefined) throw new CliError('--days needs --site ID', EXIT.usage);
    plan = [{ site: flags.site, days }];
  } else {
    const option = flags.sites ?? io.env.TOUCHPOINT_SITES ?? 'touchpoint.sites.json';
    const file = resolve(io.cwd, option);
    let sites: ReturnType<typeof loadSitesFile>;
    try {
      sites = loadSitesFile(file);
    } catch (error) {
      if (!(error instanceof InvalidFileError)) throw error;
      io.stderr(`✗ ${error.message}\n`);
      return error.unreadable ? EXIT.unavailable : EXIT.invalid;
    }
    plan = sites
      .filter(
        (site) => site.retentionDays !== undefined && (flags.site === undefined || site.id === flags.site),
      )
      .map((site) => ({ site: site.id, days: site.retentionDays! }));
    if (plan.length === 0) {
      io.stdout('no site with retentionDays to prune; nothing deleted\n');
      return EXIT.ok;
    }
  }
  const store = await openDatabase(flags, io);
  try {
    const now = Date.now();
    for (const { site, days } of plan) {
      const before = firstKeptDay(days, now);
      const result = await store.prune(site, before, now);
      io.stdout(
        `${site}: deleted ${result.events} events and ${result.texts} texts from before ${before} (kept ${days} days = ${Math.round((days * DAY_MS) / 3_600_000)} h); rollups kept\n`,
      );
    }
    return EXIT.ok;
  } catch (error) {
    throw new CliError(`cannot prune: ${(error as Error).message}`, EXIT.unavailable);
  } finally {
    await store.close();
  }
}
