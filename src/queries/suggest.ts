import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import { foldName } from '../db/name-keys.js';
import { column, enumType, table } from '../db/raw-sql.js';
import { col } from '../db/rows.js';
import { actorKind, actors, entityKind, nameKeys } from '../db/schema.js';
import { LINKED_KINDS, type EntityRow, type Kind } from '../kinds.js';
import { entityColumns, selectEntityRows, statusIn, type ActorRow, type ListedStatus } from './rows.js';

export interface Suggestion<Row> {
  row: Row;
  /** The name whose start (or a word's start) matched. */
  matchedName: string;
}

const k = alias(nameKeys, 'k');

/**
 * Entities with a name (canonical, Dutch or alias) that has a word starting with `prefix`,
 * accents and case ignored: matches at the start of a name first, then the most covered in
 * the corpus, then by name.
 */
async function suggest<K extends Kind>(
  db: Db,
  kind: K,
  prefix: string,
  limit: number,
  extra: ReturnType<typeof sql> = sql`true`,
): Promise<Suggestion<EntityRow<K>>[]> {
  const folded = foldName(prefix);
  if (!folded) return [];
  const pattern = `${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const { table: entities, links, linkKey, nameKind } = LINKED_KINDS[kind];
  const coverage = sql`(select count(*) from ${table(links)} l where l.${column(linkKey)} = e.${column(entities.id)})`;
  const rows = await selectEntityRows(
    db,
    kind,
    sql`select ${entityColumns(kind, 'e')}, best.name as "matchedName"
        from (
          select distinct on (${k.entityId}) ${k.entityId}, ${k.name}, ${k.position}
          from ${table(nameKeys)} k
          where ${k.entityKind} = ${nameKind}::${enumType(entityKind)} and ${k.key} like ${pattern}
          order by ${k.entityId}, ${k.position}, length(${k.name})
        ) best
        join ${table(entities)} e on e.${column(entities.id)} = best.entity_id
        where ${extra}
        order by (best.position = 0) desc, ${coverage} desc, e.${column(entities.name)}, e.${column(entities.id)}
        limit ${limit}`,
    { matchedName: col.text },
  );
  return rows.map((row) => ({ row, matchedName: row.matchedName }));
}

export function suggestActors(db: Db, prefix: string, limit: number, kinds: ActorRow['kind'][] | null, statuses: ListedStatus[]) {
  const kind = kinds?.length
    ? sql`e.${column(actors.kind)} in (${sql.join(
        kinds.map((kind) => sql`${kind}::${enumType(actorKind)}`),
        sql`, `,
      )})`
    : sql`true`;
  const extra = sql`${kind} and ${statusIn('e', statuses)}`;
  return suggest(db, 'actor', prefix, limit, extra);
}

export function suggestConflicts(db: Db, prefix: string, limit: number) {
  return suggest(db, 'conflict', prefix, limit);
}
