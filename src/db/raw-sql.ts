import { getTableName, getViewName, is, sql, View, type Column, type SQL, type Table } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

// Table and column names for raw SQL, taken from the Drizzle schema so that a renamed table or
// column is a compile error (or follows by itself), not a statement that fails at run time. Both
// render unqualified, so that the statement can give the table its own alias (`from ${table(x)} l`).

/**
 * The name of a table (or view) of the schema. A plain name (plural snake_case, as every table's
 * is) stays bare, so that a statement reads in logs and plans as written (`from articles a`);
 * any other is quoted.
 */
export function table(table: Table | View): SQL {
  const name = is(table, View) ? getViewName(table) : getTableName(table);
  return /^[a-z_][a-z0-9_]*$/.test(name) ? sql.raw(name) : sql`${sql.identifier(name)}`;
}

/** The name of a column of the schema, quoted and without its table: `l.${column(articleActors.actorId)}`. */
export function column(column: Column): SQL {
  return sql`${sql.identifier(column.name)}`;
}

/** The name of an enum type of the schema, quoted, for casts: `${value}::${enumType(actorKind)}`. */
export function enumType(type: { enumName: string }): SQL {
  return sql`${sql.identifier(type.enumName)}`;
}

/**
 * A value of an enum, as a literal in the statement (so plans and logs read as before): a value the
 * Drizzle enum does not hold is a compile error, as a renamed column is.
 */
export function enumValue<const V extends string>(type: { enumValues: readonly V[] }, value: NoInfer<V>): SQL {
  if (!type.enumValues.includes(value)) throw new Error(`enumValue: "${value}" is not a value of this enum`);
  return sql.raw(`'${value}'`);
}

/** Record fields (short keys, which keep the JSON small) and the columns whose types they take. */
export type RecordFields = Record<string, PgColumn>;

/**
 * Rows sent as one JSON parameter and unpacked by json_to_recordset, as a select of the fields in
 * order, each typed as its column: one statement whatever the number of rows, no limit on bind
 * parameters, and the same SQL on postgres.js and PGlite.
 */
export function recordset<F extends RecordFields>(fields: F, rows: readonly Record<keyof F, unknown>[]): SQL {
  const keys = Object.keys(fields);
  const names = sql.join(keys.map((key) => sql.identifier(key)), sql`, `);
  const types = sql.join(
    keys.map((key) => sql`${sql.identifier(key)} ${sql.raw(fields[key]!.getSQLType())}`),
    sql`, `,
  );
  return sql`select ${names} from json_to_recordset(${JSON.stringify(rows)}::json) as r(${types})`;
}

/** The names of columns, comma-separated, as an insert lists them: `insert into ${table(x)} (${columnList(…)})`. */
export function columnList(columns: readonly Column[]): SQL {
  return sql.join(columns.map(column), sql`, `);
}

/** `insert into` the table of the fields' columns, from rows of those fields (see `recordset`). */
export function insertRecords<F extends RecordFields>(into: Table, fields: F, rows: readonly Record<keyof F, unknown>[]): SQL {
  return sql`insert into ${table(into)} (${columnList(Object.values(fields))}) ${recordset(fields, rows)}`;
}
