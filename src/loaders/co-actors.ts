import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { selectRows } from '../db/rows.js';
import { associationColumns, inPeriod, type Period } from './network.js';
import { actorColumns, groupedInKeyOrder, intArray, type ActorRow } from './rows.js';

export type CoActorOrder = 'ARTICLE_COUNT' | 'JACCARD' | 'PMI';

/** Which co-actors: over which articles (a conflict's, a period's, or all), in which order, how many. */
export interface CoActorQuery extends Period {
  conflictId: number | null;
  order: CoActorOrder;
  limit: number;
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

/**
 * For each actor, the actors mentioned in the same articles with their association, in the
 * query's order; the per-actor limit is a window function, so all actors are served by one
 * statement. Every count (both, each actor's, N) is over the same restricted articles.
 */
export async function coActorsOf(db: Db, actorIds: readonly number[], query: CoActorQuery): Promise<CoActorRow[][]> {
  const inConflict = (article: SQL) =>
    query.conflictId == null
      ? sql`true`
      : sql`exists (select 1 from article_conflicts c where c.article_id = ${article} and c.conflict_id = ${query.conflictId})`;
  const restricted = (x: string) => sql`${inPeriod(sql.raw(`${x}.published_on`), query)} and ${inConflict(sql.raw(`${x}.article_id`))}`;
  const total =
    query.conflictId == null
      ? sql`select count(*)::int as n from articles a where ${inPeriod(sql`a.published_on`, query)}`
      : sql`select count(*)::int as n from article_conflicts c
            where c.conflict_id = ${query.conflictId} and ${inPeriod(sql`c.published_on`, query)}`;
  const rows = await selectRows<ActorRow & { actorId: number; articleCount: number; jaccard: number; pmi: number }>(
    db,
    sql`with pairs as (
          select mine.actor_id, other.actor_id as other_id, count(*)::int as shared
          from article_actors mine
          join article_actors other on other.article_id = mine.article_id and other.actor_id <> mine.actor_id
          where mine.actor_id = any(${intArray(actorIds)}) and ${restricted('mine')}
          group by mine.actor_id, other.actor_id
        ), freq as (
          select x.actor_id, count(*)::int as n
          from article_actors x
          where x.actor_id in (select other_id from pairs union select unnest(${intArray(actorIds)})) and ${restricted('x')}
          group by x.actor_id
        )
        select ranked."actorId", ranked."articleCount", ranked.jaccard, ranked.pmi, ${actorColumns('a')}
        from (
          select p.actor_id as "actorId", p.other_id, p.shared as "articleCount", m.jaccard, m.pmi,
                 row_number() over (partition by p.actor_id order by ${ORDERS[query.order]}, co.name, p.other_id) as rank
          from pairs p
          join freq fa on fa.actor_id = p.actor_id
          join freq fb on fb.actor_id = p.other_id
          join actors co on co.id = p.other_id
          cross join (${total}) t
          cross join lateral (select ${associationColumns(sql`p.shared`, sql`fa.n`, sql`fb.n`, sql`t.n`)}) m
        ) ranked
        join actors a on a.id = ranked.other_id
        where ranked.rank <= ${query.limit}
        order by ranked."actorId", ranked.rank`,
  );
  const links = rows.map(({ actorId, articleCount, jaccard, pmi, ...actor }) => ({ actorId, articleCount, jaccard, pmi, actor }));
  return groupedInKeyOrder(actorIds, links, (link) => link.actorId);
}
