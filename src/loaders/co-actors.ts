import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { selectRows } from '../db/rows.js';
import { articlesIn, articlesNaming, associationColumns, inPeriod, isWholeTime, type Association, type AssociationScope, type Period } from './association.js';
import { actorColumns, groupedInKeyOrder, intArray, statusIn, type ActorRow, type ListedStatus } from './rows.js';

export type CoActorOrder = 'ARTICLE_COUNT' | 'JACCARD' | 'PMI';

/** Which co-actors: over which articles (a conflict's, a period's, or all), in which order, how many. */
export interface CoActorQuery extends Period {
  conflictId: number | null;
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
  return { from: query.from, to: query.to, conflict: query.conflictId == null ? null : sql`${query.conflictId}::int` };
}

/**
 * Rows (`other_id`, `shared`): the actors named in the scope's articles together with `actor`,
 * and in how many. Over all time the pair counts are precomputed, each pair stored once, lower
 * id first; in a period they are counted from the links.
 */
function pairsWith(actor: SQL, query: CoActorQuery): SQL {
  if (!isWholeTime(query)) {
    const inConflict =
      query.conflictId == null
        ? sql`true`
        : sql`exists (select 1 from article_conflicts ac where ac.article_id = mine.article_id and ac.conflict_id = ${query.conflictId})`;
    return sql`select other.actor_id as other_id, count(*)::int as shared
      from article_actors mine
      join article_actors other on other.article_id = mine.article_id and other.actor_id <> mine.actor_id
      where mine.actor_id = ${actor} and ${inPeriod(sql`mine.published_on`, query)} and ${inConflict}
      group by other.actor_id`;
  }
  if (query.conflictId == null) {
    return sql`select p.other_id, p.article_count as shared from actor_pair_counts p where p.actor_id = ${actor}
      union all
      select p.actor_id, p.article_count from actor_pair_counts p where p.other_id = ${actor}`;
  }
  return sql`select p.other_id, p.article_count as shared from conflict_actor_pair_counts p
      where p.conflict_id = ${query.conflictId} and p.actor_id = ${actor}
      union all
      select p.actor_id, p.article_count from conflict_actor_pair_counts p
      where p.conflict_id = ${query.conflictId} and p.other_id = ${actor}`;
}

/**
 * Rows (`other_id`, `shared`, `name`) from which the first `limit` co-actors by shared articles
 * are taken. Over all articles, each side of the stored pairs is read by its count index, highest
 * first, up to the limit and the rows tied with the last: the page holds no other pair, as none
 * of them has more shared articles than `limit` pairs of its side.
 */
function candidatesByCount(actor: SQL, query: CoActorQuery): SQL {
  if (!isWholeTime(query) || query.conflictId != null) {
    return sql`select p.other_id, p.shared, co.name
      from (${pairsWith(actor, query)}) p join actors co on co.id = p.other_id and ${statusIn('co', query.statuses)}`;
  }
  const side = (mine: string, theirs: string) => sql`(
      select p.${sql.raw(theirs)} as other_id, p.article_count as shared, co.name
      from actor_pair_counts p join actors co on co.id = p.${sql.raw(theirs)} and ${statusIn('co', query.statuses)}
      where p.${sql.raw(mine)} = ${actor}
      order by p.article_count desc fetch first ${query.limit} rows with ties)`;
  return sql`${side('actor_id', 'other_id')} union all ${side('other_id', 'actor_id')}`;
}

/**
 * The statement of a co-actor list: for each actor `k.id`, its first `limit` co-actors `x`
 * (`other_id`, `shared`, `name`, and `jaccard`, `pmi` when measured), one lateral subquery per
 * actor so that the limit is a bounded sort of its pairs. The association of a pair needs the
 * articles naming each actor and N: by shared articles they are read for the page only, by
 * Jaccard or PMI for every pair; an actor without articles in the scope has no co-actors.
 */
function coActorStatement(actorIds: readonly number[], query: CoActorQuery): SQL {
  const scope = scopeOf(query);
  const ranked = query.order !== 'ARTICLE_COUNT';
  const measured = ranked || query.measures;
  const mine = sql`lateral (select ${articlesNaming(sql`k.id`, scope)} as n) fa`;
  const total = sql`(select ${articlesIn(scope)} as n) t`;
  const theirs = (alias: string) => sql`lateral (select ${articlesNaming(sql.raw(`${alias}.other_id`), scope)} as n) fb`;
  const measures = sql`${associationColumns(sql`p.shared`, sql`fa.n`, sql`fb.n`, sql`t.n`)}`;
  const pairs = ranked
    ? sql`select m.*, co.name from (
          select p.other_id, p.shared, ${measures}
          from (${pairsWith(sql`k.id`, query)}) p cross join ${theirs('p')}
          where fb.n is not null
        ) m join actors co on co.id = m.other_id and ${statusIn('co', query.statuses)}`
    : candidatesByCount(sql`k.id`, query);
  const page = sql`lateral (select x.* from (${pairs}) x order by ${ORDERS[query.order]} limit ${query.limit}) x`;
  if (!measured) {
    return sql`select k.id as "actorId", x.shared as "articleCount", null as jaccard, null as pmi, ${actorColumns('a')}
      from unnest(${intArray(actorIds)}) as k(id) cross join ${page}
      join actors a on a.id = x.other_id
      order by k.id, ${ORDERS[query.order]}`;
  }
  // By shared articles the page is known before the measures, so only its pairs are measured;
  // a pair whose co-actor has no articles in the scope is left out after paging, as before.
  const pageMeasures = ranked
    ? sql`x.jaccard, x.pmi`
    : sql`${associationColumns(sql`x.shared`, sql`fa.n`, sql`fb.n`, sql`t.n`)}`;
  return sql`select k.id as "actorId", x.shared as "articleCount", ${pageMeasures}, ${actorColumns('a')}
    from unnest(${intArray(actorIds)}) as k(id)
    cross join ${mine} cross join ${total}
    cross join ${page}
    ${ranked ? sql`` : sql`cross join ${theirs('x')}`}
    join actors a on a.id = x.other_id
    where fa.n is not null ${ranked ? sql`` : sql`and fb.n is not null`}
    order by k.id, ${ORDERS[query.order]}`;
}

/**
 * For each actor, the actors mentioned in the same articles with their association, in the
 * query's order; one statement serves all actors. Every count (both, each actor's, N) is over the
 * same restricted articles.
 */
export async function coActorsOf(db: Db, actorIds: readonly number[], query: CoActorQuery): Promise<CoActorRow[][]> {
  const rows = await selectRows<ActorRow & { actorId: number; articleCount: number; jaccard: number | null; pmi: number | null }>(
    db,
    coActorStatement(actorIds, query),
  );
  const links = rows.map(({ actorId, articleCount, jaccard, pmi, ...actor }) => ({
    actorId,
    articleCount,
    association: jaccard == null || pmi == null ? null : { jaccard, pmi },
    actor,
  }));
  return groupedInKeyOrder(actorIds, links, (link) => link.actorId);
}
