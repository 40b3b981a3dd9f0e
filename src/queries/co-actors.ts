import { sql, type SQL } from 'drizzle-orm';
import { alias, type PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import { table } from '../db/raw-sql.js';
import { col, selectBatched } from '../db/rows.js';
import { actorPairTotals, actors, articleActors, articleConflicts, conflictActorPairTotals } from '../db/schema.js';
import { articlesIn, articlesNaming, associationColumns, inPeriod, isWholeTime, type Association, type AssociationScope, type Period } from './association.js';
import { actorColumns, actorShape, groupedInKeyOrder, statementPerVariant, statusIn, type ActorRow, type ListedStatus } from './rows.js';
import { unitCount, unitJoin, type CountUnit } from './units.js';

export type CoActorOrder = 'ARTICLE_COUNT' | 'JACCARD' | 'PMI';

/** Which co-actors: over which articles (a conflict's, a period's, or all), counted in which unit, in which order, how many. */
export interface CoActorQuery extends Period {
  conflictId: number | null;
  unit: CountUnit;
  order: CoActorOrder;
  limit: number;
  /** The statuses of the co-actors listed. */
  statuses: ListedStatus[];
  /** Whether the answer needs Jaccard and PMI; ranking by either needs them whatever this says. */
  measures: boolean;
}

export interface CoActorRow {
  actorId: number;
  articleCount: number;
  /** Present when the query asked for the measures or ranked by one. */
  association: Association | null;
  actor: ActorRow;
}

/** The ranking of a co-actor list (the per-actor list `x`), ties by name and id. */
const ORDERS: Record<CoActorOrder, SQL> = {
  ARTICLE_COUNT: sql`x.shared desc, x.name, x.other_id`,
  JACCARD: sql`x.jaccard desc, x.shared desc, x.name, x.other_id`,
  PMI: sql`x.pmi desc, x.shared desc, x.name, x.other_id`,
};

function scopeOf(query: CoActorQuery): AssociationScope {
  return { from: query.from, to: query.to, conflict: query.conflictId == null ? null : sql`${query.conflictId}::int`, unit: query.unit };
}

const pairs = alias(actorPairTotals, 'p');
const conflictPairs = alias(conflictActorPairTotals, 'p');
const mine = alias(articleActors, 'mine');
const other = alias(articleActors, 'other');
const reports = alias(articleConflicts, 'ac');
const co = alias(actors, 'co');
const a = alias(actors, 'a');

/**
 * Rows (`other_id`, `shared`): the actors named in the scope's articles together with `actor`,
 * and in how many articles (or stories: those with an article naming both). Over all time the
 * pair counts of articles are precomputed, each pair stored once, lower id first; in a period, and
 * in stories, they are counted from the links.
 */
function pairsWith(actor: SQL, query: CoActorQuery): SQL {
  if (!isWholeTime(query) || query.unit === 'STORY') {
    const inConflict =
      query.conflictId == null
        ? sql`true`
        : sql`exists (select 1 from ${table(articleConflicts)} ac
                      where ${reports.articleId} = ${mine.articleId} and ${reports.conflictId} = ${query.conflictId})`;
    return sql`select ${other.actorId} as other_id, ${unitCount(query.unit, sql`${mine.articleId}`)}::int as shared
      from ${table(articleActors)} mine
      join ${table(articleActors)} other on ${other.articleId} = ${mine.articleId} and ${other.actorId} <> ${mine.actorId}
      ${unitJoin(query.unit, sql`${mine.articleId}`)}
      where ${mine.actorId} = ${actor} and ${inPeriod(sql`${mine.publishedOn}`, query)} and ${inConflict}
      group by ${other.actorId}`;
  }
  if (query.conflictId == null) {
    return sql`select ${pairs.otherId} as other_id, ${pairs.articleCount} as shared from ${table(actorPairTotals)} p where ${pairs.actorId} = ${actor}
      union all
      select ${pairs.actorId}, ${pairs.articleCount} from ${table(actorPairTotals)} p where ${pairs.otherId} = ${actor}`;
  }
  return sql`select ${conflictPairs.otherId} as other_id, ${conflictPairs.articleCount} as shared from ${table(conflictActorPairTotals)} p
      where ${conflictPairs.conflictId} = ${query.conflictId} and ${conflictPairs.actorId} = ${actor}
      union all
      select ${conflictPairs.actorId}, ${conflictPairs.articleCount} from ${table(conflictActorPairTotals)} p
      where ${conflictPairs.conflictId} = ${query.conflictId} and ${conflictPairs.otherId} = ${actor}`;
}

/**
 * The first `limit` co-actors by shared articles (`other_id`, `shared`, `name`) in the scope. The
 * pairs are sorted by their count alone, and a co-actor's row (name, status) is read in that
 * order only until `limit` are listed together with every pair tied with the last (FETCH … WITH
 * TIES); only those are sorted by name. So the names read are a page's and its ties', not every
 * pair's. The `offset 0` keeps the planner from pulling the name look-up up into a hash join with
 * every listed actor. Without statistics (a bulk load with autovacuum off, never analyzed) it chose
 * that join: all 6,077 actors read for `united-states`'s 1,292 pairs on a 5,000-article database, at
 * half the statement's throughput. With statistics it looks names up per pair by itself. (Over all time a pair's count is the sum of its slots, migration 0013, so no index holds
 * the pairs in the order of their totals: each is still counted.)
 */
function pageByCount(actor: SQL, query: CoActorQuery): SQL {
  return sql`select x.* from (
      select p.other_id, p.shared, ${co.name}
      from (select p.* from (${pairsWith(actor, query)}) p order by p.shared desc) p
      cross join lateral (select ${co.name} from ${table(actors)} co where ${co.id} = p.other_id and ${statusIn('co', query.statuses)} offset 0) co
      order by p.shared desc fetch first ${query.limit} rows with ties) x
    order by ${ORDERS.ARTICLE_COUNT} limit ${query.limit}`;
}

/**
 * The statement of a co-actor list: for each actor `k.id`, its first `limit` co-actors `x`
 * (`other_id`, `shared`, `name`, and `jaccard`, `pmi` when measured), one lateral subquery per
 * actor so that the limit is a bounded sort of its pairs. The association of a pair needs the
 * articles naming each actor and N: by shared articles they are read for the page only, by
 * Jaccard or PMI for every pair; an actor without articles in the scope has no co-actors.
 */
function coActorStatement(actorIds: SQL, query: CoActorQuery): SQL {
  const scope = scopeOf(query);
  const ranked = query.order !== 'ARTICLE_COUNT';
  const measured = ranked || query.measures;
  // A count of stories reads every article of the actor: `offset 0` keeps the planner from
  // copying the subquery into each measure (and filter) that reads its `n`, so it runs once per
  // actor and pair. The counters of articles are cheap enough to be copied.
  const once = query.unit === 'STORY' ? sql` offset 0` : sql``;
  const mine = sql`lateral (select ${articlesNaming(sql`k.id`, scope)} as n${once}) fa`;
  const total = sql`(select ${articlesIn(scope)} as n${once}) t`;
  const theirs = (alias: string) => sql`lateral (select ${articlesNaming(sql.raw(`${alias}.other_id`), scope)} as n${once}) fb`;
  const measures = sql`${associationColumns(sql`p.shared`, sql`fa.n`, sql`fb.n`, sql`t.n`)}`;
  const page = ranked
    ? sql`lateral (select x.* from (select m.*, ${co.name} from (
          select p.other_id, p.shared, ${measures}
          from (${pairsWith(sql`k.id`, query)}) p cross join ${theirs('p')}
          where fb.n is not null
        ) m join ${table(actors)} co on ${co.id} = m.other_id and ${statusIn('co', query.statuses)}) x
        order by ${ORDERS[query.order]} limit ${query.limit}) x`
    : sql`lateral (${pageByCount(sql`k.id`, query)}) x`;
  if (!measured) {
    return sql`select k.id as "actorId", x.shared as "articleCount", null as jaccard, null as pmi, ${actorColumns('a')}
      from unnest(${actorIds}) as k(id) cross join ${page}
      join ${table(actors)} a on ${a.id} = x.other_id
      order by k.id, ${ORDERS[query.order]}`;
  }
  // By shared articles the page is known before the measures, so only its pairs are measured;
  // a pair whose co-actor has no articles in the scope is left out after paging, as before.
  const pageMeasures = ranked
    ? sql`x.jaccard, x.pmi`
    : sql`${associationColumns(sql`x.shared`, sql`fa.n`, sql`fb.n`, sql`t.n`)}`;
  return sql`select k.id as "actorId", x.shared as "articleCount", ${pageMeasures}, ${actorColumns('a')}
    from unnest(${actorIds}) as k(id)
    cross join ${mine} cross join ${total}
    cross join ${page}
    ${ranked ? sql`` : sql`cross join ${theirs('x')}`}
    join ${table(actors)} a on ${a.id} = x.other_id
    where fa.n is not null ${ranked ? sql`` : sql`and fb.n is not null`}
    order by k.id, ${ORDERS[query.order]}`;
}

const coActorStatements = statementPerVariant(coActorStatement);

/**
 * For each actor, the actors mentioned in the same articles with their association, in the
 * query's order; one statement serves all actors. Every count (both, each actor's, N) is over the
 * same restricted articles, in the same unit.
 */
export async function coActorsOf(db: Db, actorIds: readonly number[], query: CoActorQuery): Promise<CoActorRow[][]> {
  const rows = await selectBatched(db, coActorStatements(actorIds, query), {
    ...actorShape,
    actorId: col.int,
    articleCount: col.int,
    jaccard: col.nullable(col.float),
    pmi: col.nullable(col.float),
  });
  const links = rows.map(({ actorId, articleCount, jaccard, pmi, ...actor }) => ({
    actorId,
    articleCount,
    association: jaccard == null || pmi == null ? null : { jaccard, pmi },
    actor,
  }));
  return groupedInKeyOrder(actorIds, links, (link) => link.actorId);
}
