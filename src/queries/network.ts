import { sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import { column, table } from '../db/raw-sql.js';
import { col, selectRows } from '../db/rows.js';
import { actors, articleActors, articleConflicts, conflictActorCounts, conflictActorPairTotals } from '../db/schema.js';
import { articlesIn, associationColumns, inPeriod, isWholeTime, type Period } from './association.js';
import { actorColumns, actorShape, groupedInKeyOrder, intArray, statusIn, type ActorRow, type ListedStatus } from './rows.js';
import { storyKey, unitJoin, type CountUnit } from './units.js';

export interface NetworkQuery extends Period {
  /** What nodes, edges and totals count: articles, or stories (one with an article naming the actor, or both). */
  unit: CountUnit;
  minArticles: number;
  limit: number;
  /** The statuses of the actors that may be nodes. */
  statuses: ListedStatus[];
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

const reports = alias(articleConflicts, 'l');
const parties = alias(conflictActorCounts, 'm');
const mentions = alias(articleActors, 'x');
const ac = alias(actors, 'ac');
const a = alias(actors, 'a');
const c = alias(conflictActorPairTotals, 'c');
/** The columns of the pair the lateral subquery `p` finds. */
const pair = {
  conflictId: column(conflictActorPairTotals.conflictId),
  actorId: column(conflictActorPairTotals.actorId),
  otherId: column(conflictActorPairTotals.otherId),
  articleCount: column(conflictActorPairTotals.articleCount),
};

/** Whether the precomputed counts of articles over all time answer for the network. */
function precomputed(query: NetworkQuery): boolean {
  return query.unit === 'ARTICLE' && isWholeTime(query);
}

/** The count of a group of rows of `scoped` (under `alias`) in the query's unit. */
function counted(query: NetworkQuery, alias: string): SQL {
  return query.unit === 'ARTICLE' ? sql`count(*)` : sql`count(distinct ${sql.raw(alias)}.story)`;
}

/**
 * The CTEs of a conflict network: `scoped` (the conflict's articles in the period, with their
 * story when counting stories), `totals` (their number in the unit), `nodes` (the most mentioned
 * actors, with at least minArticles articles or stories). Over all time in articles, totals and
 * nodes come from the precomputed counts.
 */
function networkParts(conflictIds: readonly number[], query: NetworkQuery): SQL {
  const ids = intArray(conflictIds);
  const whole = precomputed(query);
  // Stories are counted from `scoped`, once for each conflict: a count per conflict inside the
  // statement would be run again for every edge it is joined to.
  const totals =
    query.unit === 'STORY'
      ? sql`select s.scope_id, count(distinct s.story)::int as n from scoped s group by s.scope_id`
      : sql`select s.id as scope_id, ${articlesIn({ ...query, conflict: sql`s.id` })} as n from unnest(${ids}) as s(id)`;
  const story = query.unit === 'STORY' ? sql`, ${storyKey(sql`${reports.articleId}`)} as story` : sql``;
  const frequencies = whole
    ? sql`select ${parties.conflictId} as scope_id, ${parties.actorId} as actor_id, ${parties.articleCount} as n
          from ${table(conflictActorCounts)} m where ${parties.conflictId} = any(${ids})`
    : sql`select s.scope_id, ${mentions.actorId} as actor_id, ${counted(query, 's')}::int as n
          from scoped s join ${table(articleActors)} x on ${mentions.articleId} = s.article_id group by s.scope_id, ${mentions.actorId}`;
  return sql`scoped as (
      select ${reports.conflictId} as scope_id, ${reports.articleId} as article_id${story} from ${table(articleConflicts)} l
      ${unitJoin(query.unit, sql`${reports.articleId}`)}
      where ${reports.conflictId} = any(${ids}) and ${inPeriod(sql`${reports.publishedOn}`, query)}
    ), totals as (${totals}), nodes as (
      select r.* from (
        select f.scope_id, f.actor_id, f.n, ${ac.name},
               row_number() over (partition by f.scope_id order by f.n desc, ${ac.name}, f.actor_id) as rank
        from (${frequencies}) f join ${table(actors)} ac on ${ac.id} = f.actor_id
        where f.n >= ${query.minArticles} and ${statusIn('ac', query.statuses)}
      ) r where r.rank <= ${query.limit}
    )`;
}

/** For each conflict, the actors of its network: most articles first, then by name. */
export async function networkNodesOf(db: Db, conflictIds: readonly number[], query: NetworkQuery): Promise<NetworkNodeRow[][]> {
  const rows = await selectRows(
    db,
    sql`with ${networkParts(conflictIds, query)}
        select nodes.scope_id as "scopeId", nodes.n as "articleCount", ${actorColumns('a')}
        from nodes join ${table(actors)} a on ${a.id} = nodes.actor_id
        order by nodes.scope_id, nodes.rank`,
    { ...actorShape, scopeId: col.int, articleCount: col.int },
  );
  const nodes = rows.map(({ scopeId, articleCount, ...actor }) => ({ scopeId, articleCount, actor }));
  return groupedInKeyOrder(conflictIds, nodes, (row) => row.scopeId);
}

/**
 * For each conflict, the pairs of its network's actors named together in at least minArticles
 * of its articles (or stories), heaviest first; the source is the one whose name sorts first.
 */
export async function networkEdgesOf(db: Db, conflictIds: readonly number[], query: NetworkQuery): Promise<NetworkEdgeRow[][]> {
  const whole = precomputed(query);
  // Over all time the pair counts are precomputed: one primary-key probe per pair of nodes (the
  // `limit 1` keeps the planner from turning the probes into range scans of all pairs of each
  // node); pairs are stored once, lower id first, and turned to put the name that sorts first
  // as the source.
  // In a period, and in stories, the pairs are formed among the node actors of each article (`named`).
  const pairs = whole
    ? sql`pairs as (
          select p.${pair.conflictId} as scope_id, p.${pair.articleCount} as weight,
                 case when (na.name, na.actor_id) < (nb.name, nb.actor_id) then p.${pair.actorId} else p.${pair.otherId} end as source_id,
                 case when (na.name, na.actor_id) < (nb.name, nb.actor_id) then p.${pair.otherId} else p.${pair.actorId} end as target_id
          from nodes na
          join nodes nb on nb.scope_id = na.scope_id and nb.actor_id > na.actor_id
          cross join lateral (
            select c.* from ${table(conflictActorPairTotals)} c
            where ${c.conflictId} = na.scope_id and ${c.actorId} = na.actor_id and ${c.otherId} = nb.actor_id
            limit 1
          ) p
          where p.${pair.articleCount} >= ${query.minArticles}
        )`
    : sql`named as (
          select s.scope_id, s.article_id${query.unit === 'STORY' ? sql`, s.story` : sql``}, ${mentions.actorId} as actor_id, nd.name
          from scoped s
          join ${table(articleActors)} x on ${mentions.articleId} = s.article_id
          join nodes nd on nd.scope_id = s.scope_id and nd.actor_id = ${mentions.actorId}
        ), pairs as (
          select a.scope_id, a.actor_id as source_id, b.actor_id as target_id, ${counted(query, 'a')}::int as weight
          from named a
          join named b on b.scope_id = a.scope_id and b.article_id = a.article_id and (b.name, b.actor_id) > (a.name, a.actor_id)
          group by a.scope_id, a.actor_id, b.actor_id
          having ${counted(query, 'a')} >= ${query.minArticles}
        )`;
  const rows = await selectRows(
    db,
    sql`with ${networkParts(conflictIds, query)}, ${pairs}
        select p.scope_id as "scopeId", p.source_id as "sourceId", p.target_id as "targetId", p.weight,
               ${associationColumns(sql`p.weight`, sql`nx.n`, sql`ny.n`, sql`t.n`)}
        from pairs p
        join nodes nx on nx.scope_id = p.scope_id and nx.actor_id = p.source_id
        join nodes ny on ny.scope_id = p.scope_id and ny.actor_id = p.target_id
        join totals t on t.scope_id = p.scope_id
        order by p.scope_id, p.weight desc, nx.name, nx.actor_id, ny.name, ny.actor_id`,
    { scopeId: col.int, sourceId: col.int, targetId: col.int, weight: col.int, jaccard: col.float, pmi: col.float },
  );
  const edges = rows.map(({ scopeId, ...edge }) => ({ scopeId, edge }));
  return groupedInKeyOrder(conflictIds, edges, (row) => row.scopeId).map((list) => list.map((row) => row.edge));
}
