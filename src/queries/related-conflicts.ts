import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { alias } from 'drizzle-orm/pg-core';
import { table } from '../db/raw-sql.js';
import { col, selectRows } from '../db/rows.js';
import { conflictActors, conflicts } from '../db/schema.js';
import { conflictColumns, conflictShape, groupedInKeyOrder, intArray, type ConflictRow } from './rows.js';

export interface RelatedConflictRow {
  conflictId: number;
  sharedActorIds: number[];
  conflict: ConflictRow;
}

const mine = alias(conflictActors, 'mine');
const other = alias(conflictActors, 'other');
const oc = alias(conflicts, 'oc');
const c = alias(conflicts, 'c');

/**
 * For each conflict, the other conflicts that share parties with it (Russia in Syria, Libya and
 * Ukraine), most shared parties first; one statement with a per-conflict limit.
 */
export async function relatedConflictsOf(db: Db, conflictIds: readonly number[], limit: number): Promise<RelatedConflictRow[][]> {
  const rows = await selectRows(
    db,
    sql`select ranked."conflictId", ranked."sharedActorIds", ${conflictColumns('c')}
        from (
          select ${mine.conflictId} as "conflictId", ${other.conflictId} as other_id,
                 array_agg(distinct ${other.actorId}) as "sharedActorIds",
                 row_number() over (
                   partition by ${mine.conflictId}
                   order by count(distinct ${other.actorId}) desc, min(${oc.name}), ${other.conflictId}
                 ) as rank
          from ${table(conflictActors)} mine
          join ${table(conflictActors)} other on ${other.actorId} = ${mine.actorId} and ${other.conflictId} <> ${mine.conflictId}
          join ${table(conflicts)} oc on ${oc.id} = ${other.conflictId}
          where ${mine.conflictId} = any(${intArray(conflictIds)})
          group by ${mine.conflictId}, ${other.conflictId}
        ) ranked
        join ${table(conflicts)} c on ${c.id} = ranked.other_id
        where ranked.rank <= ${limit}
        order by ranked."conflictId", ranked.rank`,
    { ...conflictShape, conflictId: col.int, sharedActorIds: col.ints },
  );
  const links = rows.map(({ conflictId, sharedActorIds, ...conflict }) => ({ conflictId, sharedActorIds, conflict }));
  return groupedInKeyOrder(conflictIds, links, (link) => link.conflictId);
}
