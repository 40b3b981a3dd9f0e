import { getTableName, sql, type Column, type SQL, type Table } from 'drizzle-orm';

// Table and column names for raw SQL, taken from the Drizzle schema so that a renamed table or
// column is a compile error (or follows by itself), not a statement that fails at run time. Both
// render unqualified, so that the statement can give the table its own alias (`from ${table(x)} l`).

/** The name of a table of the schema, quoted. */
export function table(table: Table): SQL {
  return sql`${sql.identifier(getTableName(table))}`;
}

/** The name of a column of the schema, quoted and without its table: `l.${column(articleActors.actorId)}`. */
export function column(column: Column): SQL {
  return sql`${sql.identifier(column.name)}`;
}
