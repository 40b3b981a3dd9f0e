import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { selectRows } from '../db/rows.js';
import { isEmptyFilter, type ArticleFilterSpec } from './article-filter.js';
import { actorCounts, conflictCounts, monthCounts } from './counts.js';
import { actorColumns, conflictColumns, groupedInKeyOrder, statusIn, type ActorRow, type ConflictRow, type ListedStatus } from './rows.js';
import { scopedArticles, type ScopeKind } from './scoped-articles.js';

/** Which articles a facet counts over, and how many values it keeps per key. */
export interface FacetQuery {
  kind: ScopeKind;
  filter: ArticleFilterSpec | null;
  limit: number;
}

export interface ActorFacetRow {
  actor: ActorRow;
  articleCount: number;
}

export interface ConflictFacetRow {
  conflict: ConflictRow;
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

/** Counts over the scoped articles `s`, which `joins` turn into rows carrying `value`. */
function liveCounts(query: FacetQuery, ids: readonly number[], joins: SQL, value: SQL): SQL {
  return sql`select s.scope_id, ${value} as value, count(*)::int as article_count
             from (${scopedArticles(query.kind, ids, query.filter)}) s ${joins}
             group by s.scope_id, ${value}`;
}

/** An actor facet lists actors of some statuses only. */
export interface ActorFacetQuery extends FacetQuery {
  statuses: ListedStatus[];
}

export async function actorFacetsOf(db: Db, ids: readonly number[], query: ActorFacetQuery): Promise<ActorFacetRow[][]> {
  const counts = isEmptyFilter(query.filter)
    ? actorCounts(query.kind, ids)
    : liveCounts(query, ids, sql`join article_actors x on x.article_id = s.article_id`, sql`x.actor_id`);
  const ranked = rankedValues(query, counts, sql`join actors n on n.id = c.value and ${statusIn('n', query.statuses)}`, sql`n.name`);
  const rows = await selectRows<ActorRow & { scopeId: number; articleCount: number }>(
    db,
    sql`select r.scope_id as "scopeId", r.article_count as "articleCount", ${actorColumns('ac')}
        from (${ranked}) r join actors ac on ac.id = r.value
        order by r.scope_id, r.rank`,
  );
  const facets = rows.map(({ scopeId, articleCount, ...actor }) => ({ scopeId, articleCount, actor }));
  return groupedInKeyOrder(ids, facets, (row) => row.scopeId);
}

export async function conflictFacetsOf(db: Db, ids: readonly number[], query: FacetQuery): Promise<ConflictFacetRow[][]> {
  const counts =
    (isEmptyFilter(query.filter) ? conflictCounts(query.kind, ids) : null) ??
    liveCounts(query, ids, sql`join article_conflicts x on x.article_id = s.article_id`, sql`x.conflict_id`);
  const ranked = rankedValues(query, counts, sql`join conflicts n on n.id = c.value`, sql`n.name`);
  const rows = await selectRows<ConflictRow & { scopeId: number; articleCount: number }>(
    db,
    sql`select r.scope_id as "scopeId", r.article_count as "articleCount", ${conflictColumns('c')}
        from (${ranked}) r join conflicts c on c.id = r.value
        order by r.scope_id, r.rank`,
  );
  const facets = rows.map(({ scopeId, articleCount, ...conflict }) => ({ scopeId, articleCount, conflict }));
  return groupedInKeyOrder(ids, facets, (row) => row.scopeId);
}

async function valueFacets(db: Db, ranked: SQL, ids: readonly number[]): Promise<ValueFacetRow[][]> {
  const rows = await selectRows<ValueFacetRow & { scopeId: number }>(
    db,
    sql`select r.scope_id as "scopeId", r.value::text as value, r.article_count as "articleCount"
        from (${ranked}) r order by r.scope_id, r.rank`,
  );
  return groupedInKeyOrder(ids, rows, (row) => row.scopeId).map((list) =>
    list.map(({ value, articleCount }) => ({ value, articleCount })),
  );
}

/** Sources as credited; an article crediting a source twice counts once. */
export function sourceFacetsOf(db: Db, ids: readonly number[], query: FacetQuery): Promise<ValueFacetRow[][]> {
  const joins = sql`join articles a on a.id = s.article_id cross join lateral (select distinct unnest(a.sources) as source) src`;
  return valueFacets(db, rankedValues(query, liveCounts(query, ids, joins, sql`src.source`), sql``, sql`c.value`), ids);
}

/** Months as their first day. */
export function monthFacetsOf(db: Db, ids: readonly number[], query: FacetQuery): Promise<ValueFacetRow[][]> {
  const counts = isEmptyFilter(query.filter)
    ? sql`select m.scope_id, m.month as value, m.article_count from (${monthCounts(query.kind, ids)}) m`
    : liveCounts(query, ids, sql``, sql`date_trunc('month', s.published_on::timestamp)::date`);
  return valueFacets(db, rankedValues(query, counts, sql``, sql`c.value`), ids);
}
