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

/** Replaces the autocomplete keys of the given entities with those of their names. */
export async function replaceNameKeys(tx: Db, kind: Kind, entities: NamedEntity[]): Promise<void> {
  if (entities.length === 0) return;
  const entityKindValue = LINKED_KINDS[kind].nameKind;
  // The ids as one array parameter: the knowledge base syncs thousands of actors.
  await tx.execute(sql`delete from ${table(nameKeyRows)} where ${column(nameKeyRows.entityKind)} = ${entityKindValue}::${enumType(entityKind)}
      and ${column(nameKeyRows.entityId)} = any(${`{${entities.map((e) => e.id).join(',')}}`}::int[])`);
  await writeNameKeys(tx, entities, kind);
}

/** Adds autocomplete keys for more names of actors (or conflicts); keys already there stay. */
export async function writeNameKeys(tx: Db, entities: NamedEntity[], kind: Kind = 'actor'): Promise<void> {
  const entityKindValue = LINKED_KINDS[kind].nameKind;
  const rows = new Map<string, { e: number; n: string; k: string; p: number }>();
  for (const entity of entities) {
    for (const name of entity.names) {
      for (const { key, position } of nameKeys(name)) rows.set(`${entity.id}\u0000${name}\u0000${key}`, { e: entity.id, n: name, k: key, p: position });
    }
  }
  if (rows.size === 0) return;
  // One statement whatever the number of names (an ingest batch may bring thousands of new ones).
  await tx.execute(sql`insert into ${table(nameKeyRows)} (${column(nameKeyRows.entityKind)}, ${columnList(Object.values(KEY_FIELDS))})
      select ${entityKindValue}::${enumType(entityKind)}, e, n, k, p from (${recordset(KEY_FIELDS, [...rows.values()])}) r
      on conflict do nothing`);
}
