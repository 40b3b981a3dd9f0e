import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { selectRows } from '../db/rows.js';
import { conflictColumns, groupedInKeyOrder, intArray, type ConflictRow } from './rows.js';

export interface RelatedConflictRow {
  conflictId: number;
  sharedActorIds: number[];
  conflict: ConflictRow;
}

/**
 * For each conflict, the other conflicts that share parties with it (Russia in Syria, Libya and
 * Ukraine), most shared parties first; one statement with a per-conflict limit.
 */
export async function relatedConflictsOf(db: Db, conflictIds: readonly number[], limit: number): Promise<RelatedConflictRow[][]> {
  const rows = await selectRows<ConflictRow & { conflictId: number; sharedActorIds: number[] }>(
    db,
    sql`select ranked."conflictId", ranked."sharedActorIds", ${conflictColumns('c')}
        from (
          select mine.conflict_id as "conflictId", other.conflict_id as other_id,
                 array_agg(distinct other.actor_id) as "sharedActorIds",
                 row_number() over (
                   partition by mine.conflict_id
                   order by count(distinct other.actor_id) desc, min(oc.name), other.conflict_id
                 ) as rank
          from conflict_actors mine
          join conflict_actors other on other.actor_id = mine.actor_id and other.conflict_id <> mine.conflict_id
          join conflicts oc on oc.id = other.conflict_id
          where mine.conflict_id = any(${intArray(conflictIds)})
          group by mine.conflict_id, other.conflict_id
        ) ranked
        join conflicts c on c.id = ranked.other_id
        where ranked.rank <= ${limit}
        order by ranked."conflictId", ranked.rank`,
  );
  const links = rows.map(({ conflictId, sharedActorIds, ...conflict }) => ({ conflictId, sharedActorIds, conflict }));
  return groupedInKeyOrder(conflictIds, links, (link) => link.conflictId);
}
