import { sql, type SQL } from 'drizzle-orm';

/** The SQL type of each part of a sort key, used to check cursors and to cast their values. */
export type KeyPart = 'int' | 'date' | 'text' | 'real' | 'conflict_role';

/** A validated page request over a list sorted by a key of the given shape. */
export interface Page {
  limit: number;
  /** Paging with `last`: the rows are fetched in reverse order and turned around afterwards. */
  backward: boolean;
  after: unknown[] | null;
  before: unknown[] | null;
  shape: KeyPart[];
}

/** A string that identifies a page request, so equal requests share one loader. */
export function pageKey(page: Page): string {
  return JSON.stringify([page.limit, page.backward, page.after, page.before]);
}

function keyTuple(key: unknown[], shape: KeyPart[]): SQL {
  const parts = key.map((value, i) => sql`${value}::${sql.raw(shape[i]!)}`);
  return sql`(${sql.join(parts, sql`, `)})`;
}

/**
 * The WHERE condition and ORDER BY of a keyset page over `columns`, which are sorted in one
 * direction (`asc` or `desc`) with the primary key last as the tie-breaker.
 */
export function keyset(page: Page, columns: SQL[], direction: 'asc' | 'desc'): { where: SQL; orderBy: SQL } {
  const tuple = sql`(${sql.join(columns, sql`, `)})`;
  const conditions: SQL[] = [];
  if (page.after) conditions.push(sql`${tuple} ${sql.raw(direction === 'desc' ? '<' : '>')} ${keyTuple(page.after, page.shape)}`);
  if (page.before) conditions.push(sql`${tuple} ${sql.raw(direction === 'desc' ? '>' : '<')} ${keyTuple(page.before, page.shape)}`);
  const effective = page.backward ? (direction === 'desc' ? 'asc' : 'desc') : direction;
  return {
    where: conditions.length ? sql.join(conditions, sql` and `) : sql`true`,
    orderBy: sql.join(
      columns.map((column) => sql`${column} ${sql.raw(effective)}`),
      sql`, `,
    ),
  };
}

