import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { selectRows } from '../db/rows.js';
import { actorColumns, groupedInKeyOrder, intArray, type ActorRow } from './rows.js';

export interface CoActorRow {
  actorId: number;
  articleCount: number;
  actor: ActorRow;
}

/**
 * For each actor, the actors mentioned in the same articles, most shared articles first; the
 * per-actor limit is a window function, so all actors are served by one statement.
 */
export async function coActorsOf(db: Db, actorIds: readonly number[], limit: number): Promise<CoActorRow[][]> {
  const rows = await selectRows<ActorRow & { actorId: number; articleCount: number }>(
    db,
    sql`select ranked."actorId", ranked."articleCount", ${actorColumns('a')}
        from (
          select mine.actor_id as "actorId", other.actor_id as other_id, count(*)::int as "articleCount",
                 row_number() over (
                   partition by mine.actor_id
                   order by count(*) desc, min(co.name), other.actor_id
                 ) as rank
          from article_actors mine
          join article_actors other on other.article_id = mine.article_id and other.actor_id <> mine.actor_id
          join actors co on co.id = other.actor_id
          where mine.actor_id = any(${intArray(actorIds)})
          group by mine.actor_id, other.actor_id
        ) ranked
        join actors a on a.id = ranked.other_id
        where ranked.rank <= ${limit}
        order by ranked."actorId", ranked.rank`,
  );
  const links = rows.map(({ actorId, articleCount, ...actor }) => ({ actorId, articleCount, actor }));
  return groupedInKeyOrder(actorIds, links, (link) => link.actorId);
}
