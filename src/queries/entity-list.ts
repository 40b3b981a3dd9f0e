import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { column, enumType, table } from '../db/raw-sql.js';
import { col, selectBatched, selectBatchedCount, type Shape } from '../db/rows.js';
import { actorKind, actors, conflicts } from '../db/schema.js';
import { LINKED_KINDS, type Kind } from '../kinds.js';
import { keyset, type KeyPart, type Page } from './keyset.js';
import { actorColumns, actorShape, conflictColumns, conflictShape, statusIn, type ActorRow, type ConflictRow, type ListedStatus } from './rows.js';

/** The orders of the lists of conflicts; actors have all but START_DATE. */
export type ConflictOrder = 'ARTICLE_COUNT' | 'RECENT_COVERAGE' | 'NAME' | 'START_DATE';
export type ActorOrder = Exclude<ConflictOrder, 'START_DATE'>;

/** A listed actor or conflict with the number its order ranks it by first (null for NAME). */
export type Ranked<Row> = Row & { rank: number | null };

/**
 * Every order sorts ascending on a key that ends in name and id, so ties read alphabetically and
 * the id keeps the order total. The orders other than NAME put an integer first: the article
 * count negated, or the days from a date to 1970 (so later dates come first).
 */
export function entityKeyShape(order: ConflictOrder): KeyPart[] {
  return order === 'NAME' ? ['text', 'int'] : ['int', 'text', 'int'];
}

export function entityKeyOf(order: ConflictOrder, row: Ranked<{ name: string; id: number }>): unknown[] {
  return order === 'NAME' ? [row.name, row.id] : [row.rank, row.name, row.id];
}

const RANK = col.nullable(col.int);

/** The kind of the entities a list holds, and the alias its statement gives their table. */
interface Listed {
  kind: Kind;
  alias: 'a' | 'c';
}
const ACTOR: Listed = { kind: 'actor', alias: 'a' };
const CONFLICT: Listed = { kind: 'conflict', alias: 'c' };

// The counts come from the totals the recount keeps (one row an entity, migration 0019); the
// latest date is the top of the link table's (entity, published_on) index, one probe an entity.
function rankOf(order: ConflictOrder, listed: Listed): { join: SQL; rank: SQL } {
  const { totalCounts, totalKey, links, linkKey } = LINKED_KINDS[listed.kind];
  const self = sql.raw(`${listed.alias}.id`);
  const none = sql``;
  switch (order) {
    case 'NAME':
      return { join: none, rank: sql`null::int` };
    case 'ARTICLE_COUNT':
      return {
        join: sql`left join ${table(totalCounts)} n on n.${column(totalKey)} = ${self}`,
        rank: sql`(-coalesce(n.article_count, 0))::int`,
      };
    case 'RECENT_COVERAGE':
      return {
        join: none,
        rank: sql`(date '1970-01-01' - coalesce((select max(x.${column(links.publishedOn)}) from ${table(links)} x where x.${column(linkKey)} = ${self}), date '0001-01-01'))`,
      };
    case 'START_DATE':
      return { join: none, rank: sql`(date '1970-01-01' - c.${column(conflicts.startedOn)})` };
  }
}

/** With articles (true), without (false), or either (null). */
function coverageCondition(hasArticles: boolean | null, listed: Listed): SQL {
  if (hasArticles == null) return sql`true`;
  const { links, linkKey } = LINKED_KINDS[listed.kind];
  const exists = sql`exists (select 1 from ${table(links)} x where x.${column(linkKey)} = ${sql.raw(listed.alias)}.id)`;
  return hasArticles ? exists : sql`not ${exists}`;
}

/** One keyset page of `inner` (a select with name, id and rank), sorted as the order says. */
async function page<S extends Shape>(db: Db, inner: SQL, order: ConflictOrder, page: Page, shape: S) {
  const columns = order === 'NAME' ? [sql`s.name`, sql`s.id`] : [sql`s.rank`, sql`s.name`, sql`s.id`];
  const { where, orderBy } = keyset(page, columns, 'asc');
  return selectBatched(db, sql`select * from (${inner}) s where ${where} order by ${orderBy} limit ${page.limit + 1}`, { ...shape, rank: RANK });
}

export interface ActorQuery {
  kinds: ActorRow['kind'][] | null;
  statuses: ListedStatus[];
  hasArticles?: boolean | null;
}

function actorCondition(query: ActorQuery) {
  return sql`${statusIn('a', query.statuses)} and ${kindCondition(query)} and ${coverageCondition(query.hasArticles ?? null, ACTOR)}`;
}

function kindCondition(query: ActorQuery) {
  return query.kinds?.length
    ? sql`a.${column(actors.kind)} in (${sql.join(
        query.kinds.map((kind) => sql`${kind}::${enumType(actorKind)}`),
        sql`, `,
      )})`
    : sql`true`;
}

export function listActors(db: Db, query: ActorQuery, order: ActorOrder, keys: Page): Promise<Ranked<ActorRow>[]> {
  const { join, rank } = rankOf(order, ACTOR);
  const inner = sql`select ${actorColumns('a')}, ${rank} as rank from ${table(actors)} a ${join} where ${actorCondition(query)}`;
  return page(db, inner, order, keys, actorShape);
}

export async function countActors(db: Db, query: ActorQuery): Promise<number> {
  return selectBatchedCount(db, sql`select count(*)::int as count from ${table(actors)} a where ${actorCondition(query)}`);
}

export interface ConflictQuery {
  hasArticles: boolean | null;
}

export function listConflicts(db: Db, query: ConflictQuery, order: ConflictOrder, keys: Page): Promise<Ranked<ConflictRow>[]> {
  const { join, rank } = rankOf(order, CONFLICT);
  const inner = sql`select ${conflictColumns('c')}, ${rank} as rank from ${table(conflicts)} c ${join}
                    where ${coverageCondition(query.hasArticles, CONFLICT)}`;
  return page(db, inner, order, keys, conflictShape);
}

export async function countConflicts(db: Db, query: ConflictQuery): Promise<number> {
  return selectBatchedCount(db, sql`select count(*)::int as count from ${table(conflicts)} c where ${coverageCondition(query.hasArticles, CONFLICT)}`);
}
