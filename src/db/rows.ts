import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import { PgDialect, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { currentRequestScope } from '../request-scope.js';
import type { Db } from './client.js';

/*
 * Rows read with raw SQL are typed here, once: each statement comes with a shape naming its
 * columns (as aliased in the SQL, camelCase) and how each is read, and every value of every row is
 * checked against it. What the drivers give (postgres.js and PGlite, through Drizzle, which leaves
 * dates and timestamps as Postgres's text on both):
 * - int4/int2: numbers on both. int8 (count(*), sum of ints): a string on postgres.js but a number
 *   on PGlite, so `int` takes numbers only and the SQL casts counts `::int`; an uncast count fails
 *   on Postgres with this module's message.
 * - numeric: a string on both. `float` takes numbers (real, float8) and numeric's text, which it
 *   turns into a number; a numeric too large for a double is not wanted anywhere here.
 * - date: 'YYYY-MM-DD' text on both, cast or not; `date` checks the form. Timestamps come as text
 *   too ('2026-12-07 02:33:33.93+00') and are read with `text`.
 * - arrays (int[], text[]) and json/jsonb: parsed by both drivers.
 * Rows are the driver's own objects, checked and, where a value is converted, changed in place: no
 * row is copied.
 */

/** Reads one column's value: returns it typed (or converted), or throws a Mismatch. */
export type Decoder<T> = (value: unknown) => T;

/** A statement's columns, each with its decoder. */
export type Shape = Readonly<Record<string, Decoder<unknown>>>;

/** The row a shape reads. */
export type RowOf<S extends Shape> = { -readonly [K in keyof S]: S[K] extends Decoder<infer T> ? T : never };

/** What a decoder throws; selectRows turns it into an Error naming the column and the statement. */
class Mismatch {
  constructor(
    readonly wanted: string,
    /** What came instead, when more than the value itself tells (an array's element). */
    readonly got?: string,
  ) {}
}

function describe(value: unknown): string {
  if (value === undefined) return 'no such column';
  if (value === null) return 'null';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'no prototype'})`;
  return `the ${typeof value} ${String(value)}`;
}

const int: Decoder<number> = (value) => {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw new Mismatch(typeof value === 'string' && /^-?\d+$/.test(value) ? 'an integer (is it a bigint? cast it ::int)' : 'an integer');
};

const float: Decoder<number> = (value) => {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value !== '') {
    const number = Number(value);
    if (Number.isFinite(number)) return number;
  }
  throw new Mismatch('a number');
};

const text: Decoder<string> = (value) => {
  if (typeof value === 'string') return value;
  throw new Mismatch('text');
};

const bool: Decoder<boolean> = (value) => {
  if (typeof value === 'boolean') return value;
  throw new Mismatch('a boolean');
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const date: Decoder<string> = (value) => {
  if (typeof value === 'string' && DATE.test(value)) return value;
  throw new Mismatch("a date as text 'YYYY-MM-DD'");
};

/** Parsed json or jsonb, typed as the caller says (`col.jsonOf<T>()`); SQL null is not json (use `nullable(…)`). */
function json<T = unknown>(): Decoder<T> {
  return jsonValue as Decoder<T>;
}
const jsonValue: Decoder<unknown> = (value) => {
  if (value === undefined || value === null) throw new Mismatch('json');
  return value;
};

function nullable<T>(decoder: Decoder<T>): Decoder<T | null> {
  return (value) => (value === null ? null : decoder(value));
}

/** A Postgres array (or a json array) whose every element the decoder reads; converted elements are replaced in place. */
function arrayOf<T>(decoder: Decoder<T>): Decoder<T[]> {
  return (value) => {
    if (!Array.isArray(value)) throw new Mismatch('an array');
    for (let i = 0; i < value.length; i += 1) {
      const element: unknown = value[i];
      let read: T;
      try {
        read = decoder(element);
      } catch (error) {
        if (!(error instanceof Mismatch)) throw error;
        throw new Mismatch(error.wanted, `an array of ${value.length} whose element ${i + 1} is ${error.got ?? describe(element)}`);
      }
      if (read !== element) value[i] = read;
    }
    return value as T[];
  };
}

/** One of an enum's values, e.g. `oneOf(actorKind.enumValues)` for a Drizzle pgEnum. */
function oneOf<const V extends string>(values: readonly V[]): Decoder<V> {
  const known = new Set<string>(values);
  const wanted = `one of ${values.join(', ')}`;
  return (value) => {
    if (typeof value === 'string' && known.has(value)) return value as V;
    throw new Mismatch(wanted);
  };
}

/** The decoders a shape is made of. */
export const col = {
  int,
  float,
  text,
  bool,
  date,
  /** Any JSON value (a json or jsonb column), untyped; `jsonOf<T>()` for a typed one. */
  json: jsonValue,
  jsonOf: json,
  nullable,
  arrayOf,
  oneOf,
  ints: arrayOf(int),
  texts: arrayOf(text),
};

/** How a column of each Drizzle type comes back when read as queries/rows.ts reads it. */
function columnDecoder(column: PgColumn): Decoder<unknown> {
  const read = ((): Decoder<unknown> | undefined => {
    switch (column.columnType) {
      case 'PgInteger':
        return int;
      case 'PgReal':
      case 'PgDoublePrecision':
        return float;
      case 'PgText':
        return column.enumValues ? oneOf(column.enumValues) : text;
      case 'PgEnumColumn':
        return oneOf(column.enumValues!);
      case 'PgDateString':
        return date;
      case 'PgArray': {
        const base = (column as PgColumn & { baseColumn: PgColumn }).baseColumn;
        return arrayOf(columnDecoder(base));
      }
      default:
        return undefined;
    }
  })();
  if (!read) throw new Error(`tableShape: no decoder for ${column.columnType} column ${column.name}`);
  return column.notNull ? read : nullable(read);
}

/** The shape of some fields of a table's row (all when not given), typed as Drizzle infers the row. */
export function tableShape<T extends PgTable, F extends keyof T['$inferSelect'] & string = keyof T['$inferSelect'] & string>(
  table: T,
  fields?: readonly F[],
): { [K in F]: Decoder<T['$inferSelect'][K]> } {
  const all = getTableColumns(table) as Record<string, PgColumn>;
  const names = fields ?? (Object.keys(all) as F[]);
  return Object.fromEntries(names.map((field) => [field, columnDecoder(all[field]!)])) as { [K in F]: Decoder<T['$inferSelect'][K]> };
}

/** The driver's rows: postgres.js answers with an array and PGlite with `{ rows }`. */
async function driverRows(db: Db, query: SQL): Promise<Record<string, unknown>[]> {
  const result: unknown = await db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows) as Record<string, unknown>[];
}

function firstLine(query: SQL): string {
  const { sql } = new PgDialect().sqlToQuery(query);
  return sql.trimStart().split('\n', 1)[0]!.slice(0, 160);
}

/**
 * Runs a raw statement and reads its rows by the shape: every column of the shape must be there and
 * fit its decoder, and the statement may give no column the shape does not name. A value that does
 * not fit throws an Error naming the column, the value and the statement's first line.
 */
export async function selectRows<const S extends Shape>(db: Db, query: SQL, shape: S): Promise<RowOf<S>[]> {
  return readRows(await driverRows(db, query), query, shape);
}

/**
 * selectRows for the reads of a request's GraphQL fields: the statements one request sends to one
 * database in the same turn of the event loop (the DataLoader batches of one level of a query, a
 * list and its total) go as one statement, each one's rows as a JSON array in a column of its own.
 * A statement costs a socket write and read on both sides and a trip through the driver whatever
 * it returns, which was most of the CPU of a small operation (ActorProfile: 13 % of the server's
 * samples in socket writes for 4 statements). The rows come back as the driver gives them, except
 * that, passed through JSON, timestamps would read as ISO text: only statements whose columns hold
 * no timestamp are sent this way. An error fails every statement it was sent with.
 */
export async function selectBatched<const S extends Shape>(db: Db, query: SQL, shape: S): Promise<RowOf<S>[]> {
  return readRows(await sendInWave(db, query), query, shape);
}

interface Waiting {
  query: SQL;
  resolve: (rows: Record<string, unknown>[]) => void;
  reject: (error: unknown) => void;
}

/** The statements waiting to be sent, by request (or none) and database handle. */
const waves = new WeakMap<object, Map<Db, Waiting[]>>();
const NO_REQUEST = {};

function sendInWave(db: Db, query: SQL): Promise<Record<string, unknown>[]> {
  const scope = currentRequestScope() ?? NO_REQUEST;
  let byDb = waves.get(scope);
  if (!byDb) waves.set(scope, (byDb = new Map()));
  let wave = byDb.get(db);
  if (!wave) {
    const sending: Waiting[] = (wave = []);
    byDb.set(db, sending);
    // After the promise jobs and DataLoader dispatches (process.nextTick) of this turn.
    setImmediate(() => {
      byDb.delete(db);
      void sendWave(db, sending);
    });
  }
  const waiting = wave;
  return new Promise((resolve, reject) => waiting.push({ query, resolve, reject }));
}

async function sendWave(db: Db, wave: Waiting[]): Promise<void> {
  try {
    if (wave.length === 1) {
      wave[0]!.resolve(await driverRows(db, wave[0]!.query));
      return;
    }
    // json_agg keeps the order of its sorted subquery's rows.
    const parts = wave.map(({ query }, i) => sql`(select coalesce(json_agg(t), '[]'::json) from (${query}) t) as ${sql.identifier(`r${i}`)}`);
    const [row] = await driverRows(db, sql`select ${sql.join(parts, sql`, `)}`);
    wave.forEach(({ resolve }, i) => resolve(row![`r${i}`] as Record<string, unknown>[]));
  } catch (error) {
    for (const { reject } of wave) reject(error);
  }
}

function readRows<const S extends Shape>(rows: Record<string, unknown>[], query: SQL, shape: S): RowOf<S>[] {
  if (rows.length === 0) return rows as RowOf<S>[];
  const names = Object.keys(shape);
  const decoders = names.map((name) => shape[name]!);
  const extra = Object.keys(rows[0]!).filter((name) => !Object.hasOwn(shape, name));
  if (extra.length > 0) {
    throw new Error(`selectRows: column ${extra.map((name) => `"${name}"`).join(', ')} is not in the shape, in: ${firstLine(query)}`);
  }
  let n = 0;
  let i = 0;
  try {
    for (; n < rows.length; n += 1) {
      const row = rows[n]!;
      for (i = 0; i < names.length; i += 1) {
        const value = row[names[i]!];
        const read = decoders[i]!(value);
        if (read !== value) row[names[i]!] = read;
      }
    }
  } catch (error) {
    if (!(error instanceof Mismatch)) throw error;
    const name = names[i]!;
    throw new Error(`selectRows: column "${name}" of row ${n + 1} is ${error.got ?? describe(rows[n]![name])}, not ${error.wanted}, in: ${firstLine(query)}`);
  }
  // Every column of the shape was read by its decoder above: the one place rows become typed.
  return rows as RowOf<S>[];
}

/** The one value of a statement that reads a single int column `count` (0 when it gives no row). */
export async function selectCount(db: Db, query: SQL): Promise<number> {
  const [row] = await selectRows(db, query, { count: int });
  return row?.count ?? 0;
}

/** selectCount through selectBatched. */
export async function selectBatchedCount(db: Db, query: SQL): Promise<number> {
  const [row] = await selectBatched(db, query, { count: int });
  return row?.count ?? 0;
}
