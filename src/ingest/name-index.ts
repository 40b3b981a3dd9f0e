import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { nameKeys } from '../db/name-keys.js';
import { column, columnList, enumType, recordset, table } from '../db/raw-sql.js';
import { entityKind, nameKeys as nameKeyRows } from '../db/schema.js';
import { LINKED_KINDS, type Kind } from '../kinds.js';

export interface NamedEntity {
  id: number;
  names: string[];
}

const KEY_FIELDS = { e: nameKeyRows.entityId, n: nameKeyRows.name, k: nameKeyRows.key, p: nameKeyRows.position };

/**
 * Replaces the autocomplete keys of the given entities with those of their names. Only the
 * difference is written: every start syncs the knowledge base's thousands of actors, whose keys
 * have mostly not changed, and deleting and inserting them all again cost seconds on PGlite.
 */
export async function replaceNameKeys(tx: Db, kind: Kind, entities: NamedEntity[]): Promise<void> {
  if (entities.length === 0) return;
  const entityKindValue = LINKED_KINDS[kind].nameKind;
  const rows = keyRows(entities);
  const target = table(nameKeyRows);
  const [entityKindColumn, entityId, name, key, position] = [nameKeyRows.entityKind, nameKeyRows.entityId, nameKeyRows.name, nameKeyRows.key, nameKeyRows.position].map(column);
  // The ids as one array parameter; the keys wanted as one recordset, read by both halves of one statement.
  await tx.execute(sql`with wanted as (${recordset(KEY_FIELDS, rows)}),
      gone as (
        delete from ${target} where ${entityKindColumn} = ${entityKindValue}::${enumType(entityKind)}
          and ${entityId} = any(${`{${entities.map((e) => e.id).join(',')}}`}::int[])
          and not exists (select from wanted w where w.e = ${target}.${entityId} and w.n = ${target}.${name} and w.k = ${target}.${key})
      )
      insert into ${target} (${entityKindColumn}, ${columnList(Object.values(KEY_FIELDS))})
      select ${entityKindValue}::${enumType(entityKind)}, e, n, k, p from wanted
      on conflict (${entityKindColumn}, ${entityId}, ${name}, ${key}) do update set ${position} = excluded.${position}
        where ${target}.${position} is distinct from excluded.${position}`);
}

/** Adds autocomplete keys for more names of actors (or conflicts); keys already there stay. */
export async function writeNameKeys(tx: Db, entities: NamedEntity[], kind: Kind = 'actor'): Promise<void> {
  const entityKindValue = LINKED_KINDS[kind].nameKind;
  const rows = keyRows(entities);
  if (rows.length === 0) return;
  // One statement whatever the number of names (an ingest batch may bring thousands of new ones).
  await tx.execute(sql`insert into ${table(nameKeyRows)} (${column(nameKeyRows.entityKind)}, ${columnList(Object.values(KEY_FIELDS))})
      select ${entityKindValue}::${enumType(entityKind)}, e, n, k, p from (${recordset(KEY_FIELDS, rows)}) r
      on conflict do nothing`);
}

/** The key rows of the entities' names, each once. */
function keyRows(entities: NamedEntity[]): { e: number; n: string; k: string; p: number }[] {
  const rows = new Map<string, { e: number; n: string; k: string; p: number }>();
  for (const entity of entities) {
    for (const name of entity.names) {
      for (const { key, position } of nameKeys(name)) rows.set(`${entity.id}\u0000${name}\u0000${key}`, { e: entity.id, n: name, k: key, p: position });
    }
  }
  return [...rows.values()];
}
