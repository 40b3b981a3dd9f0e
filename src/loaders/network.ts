import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { selectRows } from '../db/rows.js';
import { actorColumns, groupedInKeyOrder, intArray, type ActorRow } from './rows.js';

/** A period of publication, both ends inclusive and optional. */
export interface Period {
  from: string | null;
  to: string | null;
}

/** The condition a date column meets when it falls in the period. */
export function inPeriod(column: SQL, period: Period): SQL {
  const parts: SQL[] = [];
  if (period.from) parts.push(sql`${column} >= ${period.from}::date`);
  if (period.to) parts.push(sql`${column} <= ${period.to}::date`);
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

/**
 * Association of two actors over N articles, from the articles naming both and each one:
 * Jaccard (`both / (a + b - both)`) and pointwise mutual information (`log2(both·N / (a·b))`),
 * which both discount actors that are named everywhere.
 */
export function associationColumns(both: SQL, a: SQL, b: SQL, n: SQL): SQL {
  return sql`${both}::float8 / (${a} + ${b} - ${both}) as jaccard,
             ln(${both}::float8 * ${n} / (${a}::float8 * ${b})) / ln(2) as pmi`;
}

export interface NetworkQuery extends Period {
  minArticles: number;
  limit: number;
}

export interface NetworkNodeRow {
  actor: ActorRow;
  articleCount: number;
}

export interface NetworkEdgeRow {
  sourceId: number;
  targetId: number;
  weight: number;
  jaccard: number;
  pmi: number;
}

/**
 * The CTEs of a conflict network: `scoped` (the conflict's articles in the period), `totals`
 * (their number), `nodes` (the most mentioned actors, with at least minArticles articles).
 */
function networkParts(conflictIds: readonly number[], query: NetworkQuery): SQL {
  return sql`scoped as (
      select l.conflict_id as scope_id, l.article_id from article_conflicts l
      where l.conflict_id = any(${intArray(conflictIds)}) and ${inPeriod(sql`l.published_on`, query)}
    ), totals as (
      select scope_id, count(*)::int as n from scoped group by scope_id
    ), nodes as (
      select r.* from (
        select f.scope_id, f.actor_id, f.n, ac.name,
               row_number() over (partition by f.scope_id order by f.n desc, ac.name, f.actor_id) as rank
        from (
          select s.scope_id, x.actor_id, count(*)::int as n
          from scoped s join article_actors x on x.article_id = s.article_id
          group by s.scope_id, x.actor_id
        ) f join actors ac on ac.id = f.actor_id
        where f.n >= ${query.minArticles}
      ) r where r.rank <= ${query.limit}
    )`;
}

/** For each conflict, the actors of its network: most articles first, then by name. */
export async function networkNodesOf(db: Db, conflictIds: readonly number[], query: NetworkQuery): Promise<NetworkNodeRow[][]> {
  const rows = await selectRows<ActorRow & { scopeId: number; articleCount: number }>(
    db,
    sql`with ${networkParts(conflictIds, query)}
        select nodes.scope_id as "scopeId", nodes.n as "articleCount", ${actorColumns('a')}
        from nodes join actors a on a.id = nodes.actor_id
        order by nodes.scope_id, nodes.rank`,
  );
  const nodes = rows.map(({ scopeId, articleCount, ...actor }) => ({ scopeId, articleCount, actor }));
  return groupedInKeyOrder(conflictIds, nodes, (row) => row.scopeId);
}

/**
 * For each conflict, the pairs of its network's actors named together in at least minArticles
 * of its articles, heaviest first; the source is the one whose name sorts first.
 */
export async function networkEdgesOf(db: Db, conflictIds: readonly number[], query: NetworkQuery): Promise<NetworkEdgeRow[][]> {
  const rows = await selectRows<NetworkEdgeRow & { scopeId: number }>(
    db,
    sql`with ${networkParts(conflictIds, query)}, pairs as (
          select s.scope_id, x.actor_id as source_id, y.actor_id as target_id, count(*)::int as weight
          from scoped s
          join article_actors x on x.article_id = s.article_id
          join nodes nx on nx.scope_id = s.scope_id and nx.actor_id = x.actor_id
          join article_actors y on y.article_id = s.article_id
          join nodes ny on ny.scope_id = s.scope_id and ny.actor_id = y.actor_id and (ny.name, ny.actor_id) > (nx.name, nx.actor_id)
          group by s.scope_id, x.actor_id, y.actor_id
          having count(*) >= ${query.minArticles}
        )
        select p.scope_id as "scopeId", p.source_id as "sourceId", p.target_id as "targetId", p.weight,
               ${associationColumns(sql`p.weight`, sql`nx.n`, sql`ny.n`, sql`t.n`)}
        from pairs p
        join nodes nx on nx.scope_id = p.scope_id and nx.actor_id = p.source_id
        join nodes ny on ny.scope_id = p.scope_id and ny.actor_id = p.target_id
        join totals t on t.scope_id = p.scope_id
        order by p.scope_id, p.weight desc, nx.name, nx.actor_id, ny.name, ny.actor_id`,
  );
  const edges = rows.map(({ scopeId, ...edge }) => ({ scopeId, edge }));
  return groupedInKeyOrder(conflictIds, edges, (row) => row.scopeId).map((list) => list.map((row) => row.edge));
}
