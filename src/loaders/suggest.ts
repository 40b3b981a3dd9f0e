import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { foldName } from '../db/name-keys.js';
import { selectRows } from '../db/rows.js';
import { actorColumns, conflictColumns, statusIn, type ActorRow, type ConflictRow, type ListedStatus } from './rows.js';

export interface Suggestion<Row> {
  row: Row;
  /** The name whose start (or a word's start) matched. */
  matchedName: string;
}

/**
 * Entities with a name (canonical, Dutch or alias) that has a word starting with `prefix`,
 * accents and case ignored: matches at the start of a name first, then the most covered in
 * the corpus, then by name.
 */
async function suggest<Row>(
  db: Db,
  kind: 'ACTOR' | 'CONFLICT',
  prefix: string,
  limit: number,
  extra: ReturnType<typeof sql> = sql`true`,
): Promise<Suggestion<Row>[]> {
  const folded = foldName(prefix);
  if (!folded) return [];
  const pattern = `${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const [table, columns, coverage] =
    kind === 'ACTOR'
      ? ['actors', actorColumns('e'), sql`(select count(*) from article_actors l where l.actor_id = e.id)`]
      : ['conflicts', conflictColumns('e'), sql`(select count(*) from article_conflicts l where l.conflict_id = e.id)`];
  const rows = await selectRows<Row & { matchedName: string }>(
    db,
    sql`select ${columns}, best.name as "matchedName"
        from (
          select distinct on (k.entity_id) k.entity_id, k.name, k.position
          from name_keys k
          where k.entity_kind = ${kind}::entity_kind and k.key like ${pattern}
          order by k.entity_id, k.position, length(k.name)
        ) best
        join ${sql.raw(table)} e on e.id = best.entity_id
        where ${extra}
        order by (best.position = 0) desc, ${coverage} desc, e.name, e.id
        limit ${limit}`,
  );
  return rows.map(({ matchedName, ...row }) => ({ row: row as unknown as Row, matchedName }));
}

export function suggestActors(db: Db, prefix: string, limit: number, kinds: ActorRow['kind'][] | null, statuses: ListedStatus[]) {
  const kind = kinds?.length
    ? sql`e.kind in (${sql.join(
        kinds.map((kind) => sql`${kind}::actor_kind`),
        sql`, `,
      )})`
    : sql`true`;
  const extra = sql`${kind} and ${statusIn('e', statuses)}`;
  return suggest<ActorRow>(db, 'ACTOR', prefix, limit, extra);
}

export function suggestConflicts(db: Db, prefix: string, limit: number) {
  return suggest<ConflictRow>(db, 'CONFLICT', prefix, limit);
}
