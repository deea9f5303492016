/**
 * Multi-row inserts of the ingest transaction without building and compiling a Kysely query per call (that cost
 * as much CPU as SQLite's own work for the same rows). The statement is still written with Kysely, once per
 * shape: `run` compiles the first call of a shape (statement × rows in the chunk × columns), checks that the
 * compiled parameters are exactly the rows' values in column order, and from then on sends the cached SQL text
 * with the new values. A shape whose parameters are anything else (a value inside the suffix, say) is never
 * cached and always compiled: the cache can only skip work, never change a statement.
 *
 * Rows go in chunks of a few fixed sizes (`CHUNK_SIZES`), so a handful of texts per statement serve every batch
 * size and SQLite's prepared-statement cache (`sqlite.ts`) keeps them all.
 */
import { type Compilable, CompiledQuery, type QueryResult, type Transaction } from 'kysely';
import type { Database } from './tables';

/** Rows per statement, largest first: 400 rows × 24 columns stays under both databases' parameter limits. */
export const CHUNK_SIZES = [400, 100, 25, 5, 1] as const;

/** `rows` cut into chunks of the sizes in `CHUNK_SIZES`, in order. */
export function sizedChunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  let at = 0;
  for (const size of CHUNK_SIZES) {
    while (rows.length - at >= size) {
      out.push(rows.slice(at, at + size));
      at += size;
    }
  }
  return out;
}

type Row = Record<string, unknown>;

export interface BulkInsert {
  /**
   * Runs `build(chunk)` for every chunk of `rows` (a Kysely insert of those rows, with its suffix) and returns
   * the rows every statement returned. `name` names the statement: the same name must always build the same
   * statement around its rows.
   */
  run<T extends object, R>(
    trx: Transaction<Database>,
    name: string,
    rows: readonly T[],
    build: (chunk: T[]) => Compilable<R>,
  ): Promise<R[]>;
}

/** A cache of compiled insert texts for one store (one database, one dialect). */
export function createBulkInsert(): BulkInsert {
  /** Shape → SQL text, or null when the shape's parameters are not the plain row values. */
  const texts = new Map<string, string | null>();

  return {
    async run<T extends object, R>(
      trx: Transaction<Database>,
      name: string,
      rows: readonly T[],
      build: (chunk: T[]) => Compilable<R>,
    ): Promise<R[]> {
      const out: R[] = [];
      for (const part of sizedChunks(rows)) {
        const chunk = part as unknown as Row[];
        const columns = Object.keys(chunk[0]!);
        const uniform = chunk.every(
          (row) => Object.keys(row).length === columns.length && columns.every((c) => c in row),
        );
        const parameters: unknown[] = [];
        if (uniform) for (const row of chunk) for (const c of columns) parameters.push(row[c] ?? null);
        const shape = `${name}\u0000${chunk.length}\u0000${columns.join('\u0000')}`;
        const text = uniform ? texts.get(shape) : null;
        let result: QueryResult<R>;
        if (typeof text === 'string') {
          result = await trx.executeQuery<R>(CompiledQuery.raw(text, parameters));
        } else {
          const compiled = build(part).compile();
          if (uniform && text === undefined) {
            const same =
              compiled.parameters.length === parameters.length &&
              compiled.parameters.every((value, i) => value === parameters[i]);
            texts.set(shape, same ? compiled.sql : null);
          }
          result = await trx.executeQuery<R>(compiled);
        }
        for (const row of result.rows) out.push(row);
      }
      return out;
    },
  };
}
