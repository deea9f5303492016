/**
 * Multi-row inserts of the ingest transaction without building and compiling a Kysely query per call (that cost
 * as much CPU as SQLite's own work for the same rows). The statement is still written with Kysely, once per
 * shape: `run` compiles the first call of a shape (statement × rows in the chunk × columns), checks that the
 * compiled parameters are exactly the rows' values in column order, and from then on sends the cached SQL text
 * with the new values. A shape whose parameters are anything else (a value inside the suffix, say) is never
 * cached and always compiled: the cache can only skip work, never change a statement.
 *
 * SQLite: rows go in chunks of a few fixed sizes (`CHUNK_SIZES`), so a handful of texts per statement serve every
 * batch size and SQLite's prepared-statement cache (`sqlite.ts`) keeps them all.
 *
 * PostgreSQL: all the rows go in one statement as one JSON parameter, `insert into t (…) select … from
 * json_populate_recordset(null::t, $1)`, the same statement with the same suffix (`on conflict`, `returning`) for
 * any number of rows. A `values` list of 400 rows is 9,600 parameters that the driver encodes one by one and the
 * database parses and plans again for every statement; one JSON text is encoded once and read by the database's
 * own JSON reader, with each value converted to its column's type (decision 0006, item 7).
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

/** A one-row insert's `values ($1, …, $n)`, as Kysely compiles it for PostgreSQL. */
const ONE_ROW_VALUES = / values \(\$1(?:, \$\d+)*\)(?!, \()/;
const INSERT_INTO = /^insert into "([a-z_]+)" \(("[a-z_0-9]+"(?:, "[a-z_0-9]+")*)\)/;

/**
 * The JSON form of a one-row PostgreSQL insert compiled by Kysely, or null when it is not exactly
 * `insert into "t" ("a", …) values ($1, …) …` with one parameter per column.
 */
export function jsonRecordsetInsert(compiledSql: string, columns: number): string | null {
  const into = INSERT_INTO.exec(compiledSql);
  const values = ONE_ROW_VALUES.exec(compiledSql);
  if (into === null || values === null) return null;
  if (values[0].split('$').length - 1 !== columns || into[2]!.split(', ').length !== columns) return null;
  const select = ` select ${into[2]} from json_populate_recordset(null::"${into[1]}", $1::json)`;
  return compiledSql.slice(0, values.index) + select + compiledSql.slice(values.index + values[0].length);
}

/** A cache of compiled insert texts for one store (one database, one dialect). */
export function createBulkInsert(dialect: 'sqlite' | 'postgres' = 'sqlite'): BulkInsert {
  /** Shape → SQL text, or null when the shape's parameters are not the plain row values. */
  const texts = new Map<string, string | null>();

  /** PostgreSQL: the rows as one JSON parameter, when they are plain values of the same columns. */
  async function asJson<T extends object, R>(
    trx: Transaction<Database>,
    name: string,
    rows: readonly T[],
    build: (chunk: T[]) => Compilable<R>,
  ): Promise<R[] | undefined> {
    const all = rows as unknown as Row[];
    const columns = Object.keys(all[0]!);
    const plain = (value: unknown) =>
      value === null ||
      value === undefined ||
      typeof value === 'string' ||
      typeof value === 'boolean' ||
      (typeof value === 'number' && Number.isFinite(value));
    const uniform = all.every(
      (row) => Object.keys(row).length === columns.length && columns.every((c) => c in row && plain(row[c])),
    );
    if (!uniform) return undefined;
    const shape = `json\u0000${name}\u0000${columns.join('\u0000')}`;
    let text = texts.get(shape);
    if (text === undefined) {
      const compiled = build([rows[0]!]).compile();
      const first = all[0]!;
      const same =
        compiled.parameters.length === columns.length &&
        compiled.parameters.every((value, i) => value === (first[columns[i]!] ?? null));
      text = same ? jsonRecordsetInsert(compiled.sql, columns.length) : null;
      texts.set(shape, text);
    }
    if (text === null) return undefined;
    const records = all.map((row) => {
      const record: Row = {};
      for (const c of columns) record[c] = row[c] ?? null;
      return record;
    });
    const result = await trx.executeQuery<R>(CompiledQuery.raw(text, [JSON.stringify(records)]));
    return [...result.rows];
  }

  return {
    async run<T extends object, R>(
      trx: Transaction<Database>,
      name: string,
      rows: readonly T[],
      build: (chunk: T[]) => Compilable<R>,
    ): Promise<R[]> {
      if (dialect === 'postgres' && rows.length > 0) {
        const done = await asJson(trx, name, rows, build);
        if (done !== undefined) return done;
      }
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
