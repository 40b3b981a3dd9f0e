import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { selectRows } from '../db/rows.js';
import { wholeMonths } from './counts.js';
import { associationColumns, inPeriod, type Period } from './network.js';
import { actorColumns, groupedInKeyOrder, intArray, statusIn, type ActorRow, type ListedStatus } from './rows.js';

export type CoActorOrder = 'ARTICLE_COUNT' | 'JACCARD' | 'PMI';

/** Which co-actors: over which articles (a conflict's, a period's, or all), in which order, how many. */
export interface CoActorQuery extends Period {
  conflictId: number | null;
  order: CoActorOrder;
  limit: number;
  /** The statuses of the co-actors listed. */
  statuses: ListedStatus[];
}

export interface CoActorRow {
  actorId: number;
  articleCount: number;
  jaccard: number;
  pmi: number;
  actor: ActorRow;
}

const ORDERS: Record<CoActorOrder, SQL> = {
  ARTICLE_COUNT: sql`p.shared desc`,
  JACCARD: sql`m.jaccard desc, p.shared desc`,
  PMI: sql`m.pmi desc, p.shared desc`,
};

// Each co-actor query is the CTEs `pairs` (actor_id, other_id, shared), `candidates` (the pairs
// the ranking may keep), `freq` (actor_id, n) and `total` (n). Over all time they come from the precomputed counts, where pairs are stored
// once, lower id first; in a period the pairs are counted from the links.

function allTime(ids: SQL, candidates: SQL): SQL {
  return sql`pairs as (
      select p.actor_id, p.other_id, p.article_count as shared from actor_pair_totals p where p.actor_id = any(${ids})
      union all
      select p.other_id, p.actor_id, p.article_count from actor_pair_totals p where p.other_id = any(${ids})
    ), candidates as (${candidates}), freq as (${monthlyTotals(othersOf(ids), sql`true`)}), total as (
      select coalesce(sum(m.article_count), 0)::int as n from corpus_month_counts m
    )`;
}

function allTimeInConflict(ids: SQL, conflictId: number, candidates: SQL): SQL {
  return sql`pairs as (
      select p.actor_id, p.other_id, p.article_count as shared from conflict_actor_pair_totals p
      where p.conflict_id = ${conflictId} and p.actor_id = any(${ids})
      union all
      select p.other_id, p.actor_id, p.article_count from conflict_actor_pair_totals p
      where p.conflict_id = ${conflictId} and p.other_id = any(${ids})
    ), candidates as (${candidates}), freq as (
      select m.actor_id, m.article_count as n from conflict_actor_counts m
      where m.conflict_id = ${conflictId} and m.actor_id in ${othersOf(ids)}
    ), total as (
      select coalesce(sum(m.article_count), 0)::int as n from conflict_month_counts m where m.conflict_id = ${conflictId}
    )`;
}

function inPeriodCounts(ids: SQL, query: CoActorQuery, candidates: SQL): SQL {
  const inConflict = (article: SQL) =>
    query.conflictId == null
      ? sql`true`
      : sql`exists (select 1 from article_conflicts c where c.article_id = ${article} and c.conflict_id = ${query.conflictId})`;
  const restricted = (x: string) => sql`${inPeriod(sql.raw(`${x}.published_on`), query)} and ${inConflict(sql.raw(`${x}.article_id`))}`;
  const others = othersOf(ids);
  // A period of whole months over all conflicts reads each actor's and the corpus's monthly counts.
  const months = query.conflictId == null ? wholeMonths(query) : null;
  const freq = months
    ? monthlyTotals(others, inPeriod(sql`m.month`, months))
    : sql`select x.actor_id, count(*)::int as n from article_actors x
          where x.actor_id in ${others} and ${restricted('x')} group by x.actor_id`;
  const total = months
    ? sql`select coalesce(sum(m.article_count), 0)::int as n from corpus_month_counts m where ${inPeriod(sql`m.month`, months)}`
    : query.conflictId == null
      ? sql`select count(*)::int as n from articles a where ${inPeriod(sql`a.published_on`, query)}`
      : sql`select count(*)::int as n from article_conflicts c
            where c.conflict_id = ${query.conflictId} and ${inPeriod(sql`c.published_on`, query)}`;
  return sql`pairs as (
      select mine.actor_id, other.actor_id as other_id, count(*)::int as shared
      from article_actors mine
      join article_actors other on other.article_id = mine.article_id and other.actor_id <> mine.actor_id
      where mine.actor_id = any(${ids}) and ${restricted('mine')}
      group by mine.actor_id, other.actor_id
    ), candidates as (${candidates}), freq as (${freq}), total as (${total})`;
}

/**
 * Each of `actors` with its articles over the months `m` that pass `months`, from its monthly
 * counts: one index range scan per actor. (As `actor_id in (…) group by`, the planner hashes the
 * whole table: 12 ms instead of 2.4 for the 11 actors of a profile on 100,000 articles.) Actors
 * without a month are left out, as a group by leaves them out.
 */
function monthlyTotals(actors: SQL, months: SQL): SQL {
  return sql`select f.actor_id, f.n from (
      select o.id as actor_id, (select sum(m.article_count) from actor_month_counts m where m.actor_id = o.id and ${months})::int as n
      from ${actors} as o(id)
    ) f where f.n is not null`;
}

/** The co-actors whose own counts are needed: each actor's and the actors paired with it. */
function othersOf(ids: SQL): SQL {
  return sql`(select other_id from candidates union select unnest(${ids}))`;
}

/**
 * The pairs the ranking may keep. By shared articles the page is known before any association
 * measure, so only its pairs need their actors' counts (a popular actor has hundreds of
 * co-actors, each with a count per month); Jaccard and PMI rank every pair.
 */
function candidatesOf(query: CoActorQuery): SQL {
  if (query.order !== 'ARTICLE_COUNT') return sql`select p.actor_id, p.other_id from pairs p`;
  return sql`select r.actor_id, r.other_id from (
      select p.actor_id, p.other_id, row_number() over (partition by p.actor_id order by ${ORDERS.ARTICLE_COUNT}, co.name, p.other_id) as rank
      from pairs p join actors co on co.id = p.other_id and ${statusIn('co', query.statuses)}
    ) r where r.rank <= ${query.limit}`;
}

function counts(actorIds: readonly number[], query: CoActorQuery): SQL {
  const ids = intArray(actorIds);
  const candidates = candidatesOf(query);
  if (query.from != null || query.to != null) return inPeriodCounts(ids, query, candidates);
  return query.conflictId == null ? allTime(ids, candidates) : allTimeInConflict(ids, query.conflictId, candidates);
}

/**
 * For each actor, the actors mentioned in the same articles with their association, in the
 * query's order; the per-actor limit is a window function, so all actors are served by one
 * statement. Every count (both, each actor's, N) is over the same restricted articles.
 */
export async function coActorsOf(db: Db, actorIds: readonly number[], query: CoActorQuery): Promise<CoActorRow[][]> {
  const rows = await selectRows<ActorRow & { actorId: number; articleCount: number; jaccard: number; pmi: number }>(
    db,
    sql`with ${counts(actorIds, query)}
        select ranked."actorId", ranked."articleCount", ranked.jaccard, ranked.pmi, ${actorColumns('a')}
        from (
          select p.actor_id as "actorId", p.other_id, p.shared as "articleCount", m.jaccard, m.pmi,
                 row_number() over (partition by p.actor_id order by ${ORDERS[query.order]}, co.name, p.other_id) as rank
          from pairs p
          join candidates k on k.actor_id = p.actor_id and k.other_id = p.other_id
          join freq fa on fa.actor_id = p.actor_id
          join freq fb on fb.actor_id = p.other_id
          join actors co on co.id = p.other_id and ${statusIn('co', query.statuses)}
          cross join total t
          cross join lateral (select ${associationColumns(sql`p.shared`, sql`fa.n`, sql`fb.n`, sql`t.n`)}) m
        ) ranked
        join actors a on a.id = ranked.other_id
        where ranked.rank <= ${query.limit}
        order by ranked."actorId", ranked.rank`,
  );
  const links = rows.map(({ actorId, articleCount, jaccard, pmi, ...actor }) => ({ actorId, articleCount, jaccard, pmi, actor }));
  return groupedInKeyOrder(actorIds, links, (link) => link.actorId);
}
