import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { col, selectRows } from '../db/rows.js';
import { column, table } from '../db/raw-sql.js';
import { articles } from '../db/schema.js';
import { LINKED_KINDS, type EntityRow, type Kind } from '../kinds.js';
import { isEmptyFilter, type ArticleFilterSpec } from './article-filter.js';
import { entityCounts, monthCounts } from './counts.js';
import { entityColumns, groupedInKeyOrder, selectEntityRows, statusIn, type ListedStatus } from './rows.js';
import { scopedArticles, type ScopeKind } from './scoped-articles.js';
import { unitCount, unitJoin, type CountUnit } from './units.js';

/** Which articles a facet counts over, in which unit, and how many values it keeps per key. */
export interface FacetQuery {
  kind: ScopeKind;
  filter: ArticleFilterSpec | null;
  limit: number;
  unit: CountUnit;
}

/** Whether the precomputed counts (of articles, of all the scope's articles) answer the query. */
function precomputed(query: FacetQuery): boolean {
  return query.unit === 'ARTICLE' && isEmptyFilter(query.filter);
}

/** An entity linked to a set of articles, with how many of them link to it. */
export interface EntityFacetRow<K extends Kind> {
  entity: EntityRow<K>;
  articleCount: number;
}

export interface ValueFacetRow {
  /** The source name, or the first day of the month. */
  value: string;
  articleCount: number;
}

/**
 * The values of one facet for every key, most articles first, then by name, at most `limit` per
 * key (a window function, so one statement serves all keys). `counts` gives rows (`scope_id`,
 * `value`, `article_count`); `names` joins `n` to order ties by `name`.
 */
function rankedValues(query: FacetQuery, counts: SQL, names: SQL, name: SQL): SQL {
  return sql`select r.* from (
      select c.scope_id, c.value, c.article_count,
             row_number() over (partition by c.scope_id order by c.article_count desc, ${name}, c.value) as rank
      from (${counts}) c ${names}
    ) r where r.rank <= ${query.limit}`;
}

/**
 * Counts in the query's unit over the scoped articles `s`, which `joins` turn into rows carrying
 * `value` (at most one row an article and value: a story counts once however many of its articles do).
 */
function liveCounts(query: FacetQuery, ids: readonly number[], joins: SQL, value: SQL): SQL {
  return sql`select s.scope_id, ${value} as value, ${unitCount(query.unit, sql`s.article_id`)}::int as article_count
             from (${scopedArticles(query.kind, ids, query.filter)}) s ${unitJoin(query.unit, sql`s.article_id`)} ${joins}
             group by s.scope_id, ${value}`;
}

/** An actor facet lists actors of some statuses only. */
export interface ActorFacetQuery extends FacetQuery {
  statuses: ListedStatus[];
}

/**
 * The entities of a kind the articles of each key link to most. `listed` narrows the entities
 * (under the alias it is given) that a facet may show.
 */
async function entityFacetsOf<K extends Kind>(
  db: Db,
  kind: K,
  ids: readonly number[],
  query: FacetQuery,
  listed: (alias: string) => SQL = () => sql`true`,
): Promise<EntityFacetRow<K>[][]> {
  const { table: entities, links, linkKey } = LINKED_KINDS[kind];
  const counts =
    (precomputed(query) ? entityCounts(kind, query.kind, ids) : null) ??
    liveCounts(query, ids, sql`join ${table(links)} x on x.${column(links.articleId)} = s.article_id`, sql`x.${column(linkKey)}`);
  const ranked = rankedValues(query, counts, sql`join ${table(entities)} n on n.${column(entities.id)} = c.value and ${listed('n')}`, sql`n.${column(entities.name)}`);
  const rows = await selectEntityRows(
    db,
    kind,
    sql`select r.scope_id as "scopeId", r.article_count as "articleCount", ${entityColumns(kind, 'e')}
        from (${ranked}) r join ${table(entities)} e on e.${column(entities.id)} = r.value
        order by r.scope_id, r.rank`,
    { scopeId: col.int, articleCount: col.int },
  );
  const facets = rows.map((row) => ({ scopeId: row.scopeId, articleCount: row.articleCount, entity: row }));
  return groupedInKeyOrder(ids, facets, (row) => row.scopeId);
}

export function actorFacetsOf(db: Db, ids: readonly number[], query: ActorFacetQuery): Promise<EntityFacetRow<'actor'>[][]> {
  return entityFacetsOf(db, 'actor', ids, query, (alias) => statusIn(alias, query.statuses));
}

export function conflictFacetsOf(db: Db, ids: readonly number[], query: FacetQuery): Promise<EntityFacetRow<'conflict'>[][]> {
  return entityFacetsOf(db, 'conflict', ids, query);
}

async function valueFacets(db: Db, ranked: SQL, ids: readonly number[]): Promise<ValueFacetRow[][]> {
  const rows = await selectRows(
    db,
    sql`select r.scope_id as "scopeId", r.value::text as value, r.article_count as "articleCount"
        from (${ranked}) r order by r.scope_id, r.rank`,
    { scopeId: col.int, value: col.text, articleCount: col.int },
  );
  return groupedInKeyOrder(ids, rows, (row) => row.scopeId).map((list) =>
    list.map(({ value, articleCount }) => ({ value, articleCount })),
  );
}

/** Sources as credited; an article crediting a source twice counts once. */
export function sourceFacetsOf(db: Db, ids: readonly number[], query: FacetQuery): Promise<ValueFacetRow[][]> {
  const joins = sql`join ${table(articles)} a on a.${column(articles.id)} = s.article_id
    cross join lateral (select distinct unnest(a.${column(articles.sources)}) as source) src`;
  return valueFacets(db, rankedValues(query, liveCounts(query, ids, joins, sql`src.source`), sql``, sql`c.value`), ids);
}

/** Months as their first day. */
export function monthFacetsOf(db: Db, ids: readonly number[], query: FacetQuery): Promise<ValueFacetRow[][]> {
  const counts = precomputed(query)
    ? sql`select m.scope_id, m.month as value, m.article_count from (${monthCounts(query.kind, ids)}) m`
    : liveCounts(query, ids, sql``, sql`date_trunc('month', s.published_on::timestamp)::date`);
  return valueFacets(db, rankedValues(query, counts, sql``, sql`c.value`), ids);
}
