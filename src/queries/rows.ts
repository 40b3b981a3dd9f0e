import { getTableColumns, is, Placeholder, sql, type SQL } from 'drizzle-orm';
import { PgDialect, type PgTable } from 'drizzle-orm/pg-core';
import { column, enumType } from '../db/raw-sql.js';
import type { Db } from '../db/client.js';
import { selectRows, tableShape, type RowOf, type Shape } from '../db/rows.js';
import { actors, actorStatus, articles, conflictRole, conflicts, type actorKind, type conflictKind } from '../db/schema.js';
import { LINKED_KINDS, type EntityRow, type Kind } from '../kinds.js';

/** The fields of an article every read of one selects (the raw text stays in the database until asked for). */
export const ARTICLE_FIELDS = ['id', 'externalId', 'title', 'sources', 'publishedOn', 'datePrecision', 'language'] as const;
/** A field of ArticleRow read from a column of `articles`. */
export type ArticleField = (typeof ARTICLE_FIELDS)[number];

/** An article as the API reads it: the fields of ARTICLE_FIELDS, typed as Drizzle infers them. */
export type ArticleRow = Pick<typeof articles.$inferSelect, (typeof ARTICLE_FIELDS)[number]> & {
  /**
   * The clean text, when the statement read it: lookups by id do, lists do not (a page of 20
   * articles under each of 10 conflicts would carry half a megabyte of text nobody asked for).
   * See `bodyOf` in the Article type.
   */
  body?: string;
  /** Set when the article was found by a search: the body with the matched words marked. */
  headline?: string | null;
};

export type ActorRow = EntityRow<'actor'>;
export type ConflictRow = EntityRow<'conflict'>;
/** The statuses a list of actors may show: rejected actors are never listed. */
export type ListedStatus = Exclude<ActorStatus, 'REJECTED'>;
export type ConflictRole = (typeof conflictRole.enumValues)[number];
export type ActorKind = (typeof actorKind.enumValues)[number];
export type ActorStatus = (typeof actorStatus.enumValues)[number];
export type ConflictKind = (typeof conflictKind.enumValues)[number];
/** The roles in a conflict, as the database enum has them. */
export const CONFLICT_ROLES: readonly ConflictRole[] = conflictRole.enumValues;

/** The columns of ArticleRow but the text, read from the `articles` table under the given alias. */
export function articleColumns(alias: string): SQL {
  return fieldColumns(articles, ARTICLE_FIELDS, alias, 'native');
}

/** Some columns of ArticleRow (all of them when null), read as articleColumns reads them. */
export function articleFieldColumns(alias: string, fields: readonly ArticleField[] | null): SQL {
  return fieldColumns(articles, fields ?? ARTICLE_FIELDS, alias, 'native');
}

// Arrays of names (aliases, places) are sent as JSON: postgres.js parses a quoted array element
// one character at a time, a string per character. Not for articles: a search computes the
// columns of every match before it ranks them, and to_json costs a few µs a row (on 0.7 sources
// an article, the array parser costs less).

/** How a column of each type is read into the row Drizzle infers for its table. */
const READ_AS: Record<string, (column: SQL) => SQL> = {
  PgInteger: (column) => column,
  PgReal: (column) => column,
  PgDoublePrecision: (column) => column,
  PgText: (column) => column,
  PgEnumColumn: (column) => column,
  PgDateString: (column) => sql`${column}::text`,
  PgArray: (column) => sql`to_json(${column})`,
};

/**
 * Every column of a table, read under the given alias as the fields of the row Drizzle infers for
 * it (`$inferSelect`): the one place that makes raw reads of a whole row match its type.
 */
export function rowColumns(table: PgTable, alias: string): SQL {
  return fieldColumns(table, Object.keys(getTableColumns(table)), alias, 'json');
}

/** The column lists made so far, by table and then by alias, fields and way of reading arrays. */
const built = new WeakMap<PgTable, Map<string, SQL>>();

/**
 * Some fields of a table's row, read under the alias as `rowColumns` reads them; arrays as JSON or as Postgres arrays.
 * Made once for each table, alias, fields and way, and kept.
 */
function fieldColumns(table: PgTable, fields: readonly string[], alias: string, arrays: 'json' | 'native'): SQL {
  const known = built.get(table) ?? new Map<string, SQL>();
  built.set(table, known);
  const key = `${alias}\0${arrays}\0${fields.join(',')}`;
  let columns = known.get(key);
  if (!columns) known.set(key, (columns = renderColumns(table, fields, alias, arrays)));
  return columns;
}

function renderColumns(table: PgTable, fields: readonly string[], alias: string, arrays: 'json' | 'native'): SQL {
  const a = sql.raw(alias);
  const all = getTableColumns(table);
  const columns = fields.map((field) => {
    const column = all[field]!;
    const read = column.columnType === 'PgArray' && arrays === 'native' ? (value: SQL) => value : READ_AS[column.columnType];
    if (!read) throw new Error(`rowColumns: no way to read ${column.columnType} column ${column.name}`);
    return sql`${read(sql`${a}.${sql.identifier(column.name)}`)} as ${sql.identifier(field)}`;
  });
  // Rendered once into one chunk of text: Drizzle would otherwise walk every column's pieces in every statement.
  const rendered = dialect.sqlToQuery(sql.join(columns, sql`, `));
  if (rendered.params.length > 0) throw new Error(`fieldColumns: alias ${alias} made a parameter`);
  return sql.raw(rendered.sql);
}

const dialect = new PgDialect();

/** The columns of a kind's row (EntityRow), read from its table under the given alias. */
export function entityColumns(kind: Kind, alias: string): SQL {
  return rowColumns(LINKED_KINDS[kind].table, alias);
}

/** How selectRows reads the columns of articleColumns. */
export const articleShape = tableShape(articles, ARTICLE_FIELDS);
/** How selectRows reads the columns of actorColumns, conflictColumns and entityColumns. */
export const actorShape = tableShape(actors);
export const conflictShape = tableShape(conflicts);
const ENTITY_SHAPES = { actor: actorShape, conflict: conflictShape } satisfies { [K in Kind]: Shape };

/**
 * Rows of a kind's entity (read with entityColumns) and the columns of `extra`. The shape is the
 * kind's table's, so the rows are its EntityRow; TypeScript cannot follow that for a kind still
 * generic, hence the one assertion here.
 */
export function selectEntityRows<K extends Kind, S extends Shape>(db: Db, kind: K, query: SQL, extra: S): Promise<(EntityRow<K> & RowOf<S>)[]> {
  return selectRows(db, query, { ...ENTITY_SHAPES[kind], ...extra }) as Promise<(EntityRow<K> & RowOf<S>)[]>;
}

/**
 * The columns of a kind's row a read takes: some (those a selection shows; the rest of the row is
 * then absent, so the caller names every column its selection reads), or all of them (null).
 */
export type EntityFields<K extends Kind> = readonly (keyof EntityRow<K> & string)[] | null;
export type ActorFields = EntityFields<'actor'>;

/** The fields, with those the read itself needs, in one order (a statement per set, not per order); null stays all. */
export function withFields<F extends string>(fields: readonly F[] | null, needed: readonly NoInfer<F>[]): F[] | null {
  return fields && [...new Set([...needed, ...fields])].sort();
}

/** Some columns of a kind's row (EntityRow), read under the given alias as entityColumns reads them. */
export function entityFieldColumns<K extends Kind>(kind: K, fields: readonly (keyof EntityRow<K> & string)[], alias: string): SQL {
  return fieldColumns(LINKED_KINDS[kind].table, fields, alias, 'json');
}

/** The columns of ActorRow, read from the `actors` table under the given alias. */
export function actorColumns(alias: string): SQL {
  return rowColumns(actors, alias);
}

/** The columns of ConflictRow, read from the `conflicts` table under the given alias. */
export function conflictColumns(alias: string): SQL {
  return rowColumns(conflicts, alias);
}

/** The condition that the actor under the alias has one of the statuses. */
export function statusIn(alias: string, statuses: readonly ListedStatus[]): SQL {
  if (statuses.length === 0) return sql`false`;
  return sql`${sql.raw(alias)}.${column(actors.status)} in (${sql.join(
    statuses.map((status) => sql`${status}::${enumType(actorStatus)}`),
    sql`, `,
  )})`;
}

// Drizzle spreads a JS array into one parameter per item; a single array literal keeps the
// statement text (and its plan) the same whatever the number of keys.
export function intArray(ids: readonly number[]): SQL {
  return numberArray(ids, 'int');
}

/** Like intArray, for 64-bit keys (safe integers). */
export function bigintArray(keys: readonly number[]): SQL {
  return numberArray(keys, 'bigint');
}

function numberArray(values: readonly number[], type: 'int' | 'bigint'): SQL {
  return sql`${arrayLiteral(values)}::${sql.raw(type)}[]`;
}

/** The text of an array of integers as Postgres reads it (`{1,2,3}`), for a value cast `::int[]`. */
export function arrayLiteral(values: readonly number[]): string {
  return `{${values.map((value) => Math.trunc(value)).join(',')}}`;
}

/**
 * A statement whose text is always the same, only its values change: built once with a named
 * placeholder for each value, rendered once, and then made from that text and each call's values.
 * Drizzle renders a statement by walking every one of its pieces each time it is sent.
 */
export function fixedStatement<const N extends string>(names: readonly N[], build: (values: Record<N, SQL>) => SQL): (values: Record<N, unknown>) => SQL {
  let rendered: { texts: string[]; params: unknown[] } | null = null;
  const render = () => {
    const { sql: text, params } = dialect.sqlToQuery(build(Object.fromEntries(names.map((name) => [name, sql`${sql.placeholder(name)}`])) as Record<N, SQL>));
    const parts = text.split(/\$(\d+)/);
    const texts = parts.filter((_, i) => i % 2 === 0);
    if (parts.some((part, i) => i % 2 === 1 && Number(part) !== (i + 1) / 2)) throw new Error('fixedStatement: parameters out of order');
    return { texts, params };
  };
  return (values) => {
    rendered ??= render();
    const { texts, params } = rendered;
    const chunks: SQL[] = [sql.raw(texts[0]!)];
    params.forEach((param, i) => {
      chunks.push(sql`${is(param, Placeholder) ? values[param.name as N] : param}`, sql.raw(texts[i + 1]!));
    });
    return sql.join(chunks);
  };
}

/** Variants of a statement kept by statementPerVariant; past this many they start over (a bound on memory). */
const MAX_VARIANTS = 256;
/** A variant longer than this (as JSON: a filter may carry a client's long text) is built each time, not kept. */
const MAX_KEPT_VARIANT = 4096;

/**
 * fixedStatement for a statement of a batch of keys (one int array) whose text also depends on some
 * choices: `variant` is everything `build` reads besides the keys (a page, a filter, a query's
 * options) as a JSON value. Each variant's statement is built and rendered once; a call then only
 * puts its keys in. Drizzle walked every piece of such a statement for each batch.
 */
export function statementPerVariant<V>(build: (keys: SQL, variant: V) => SQL): (keys: readonly number[], variant: V) => SQL {
  const made = new Map<string, (values: Record<'keys', unknown>) => SQL>();
  return (keys, variant) => {
    const name = JSON.stringify(variant);
    let statement = made.get(name);
    if (!statement) {
      statement = fixedStatement(['keys'], (values) => build(sql`${values.keys}::int[]`, variant));
      if (name.length <= MAX_KEPT_VARIANT) {
        if (made.size >= MAX_VARIANTS) made.clear();
        made.set(name, statement);
      }
    }
    return statement({ keys: arrayLiteral(keys) });
  };
}

/** Results in key order: one value (or null) per key. */
export function inKeyOrder<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): (R | null)[] {
  const map = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => map.get(key) ?? null);
}

/** Results in key order: the list of rows (possibly empty) per key, in the order the rows came. */
export function groupedInKeyOrder<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): R[][] {
  const map = new Map<K, R[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  }
  return keys.map((key) => map.get(key) ?? []);
}
