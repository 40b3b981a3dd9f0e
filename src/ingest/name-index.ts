import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { nameKeys } from '../db/name-keys.js';
import { LINKED_KINDS, type Kind } from '../kinds.js';

export interface NamedEntity {
  id: number;
  names: string[];
}

/** Replaces the autocomplete keys of the given entities with those of their names. */
export async function replaceNameKeys(tx: Db, kind: Kind, entities: NamedEntity[]): Promise<void> {
  if (entities.length === 0) return;
  const entityKind = LINKED_KINDS[kind].nameKind;
  // The ids as one array parameter: the knowledge base syncs thousands of actors.
  await tx.execute(sql`delete from name_keys where entity_kind = ${entityKind}::entity_kind
      and entity_id = any(${`{${entities.map((e) => e.id).join(',')}}`}::int[])`);
  await writeNameKeys(tx, entities, kind);
}

/** Adds autocomplete keys for more names of actors (or conflicts); keys already there stay. */
export async function writeNameKeys(tx: Db, entities: NamedEntity[], kind: Kind = 'actor'): Promise<void> {
  const entityKind = LINKED_KINDS[kind].nameKind;
  const rows = new Map<string, { e: number; n: string; k: string; p: number }>();
  for (const entity of entities) {
    for (const name of entity.names) {
      for (const { key, position } of nameKeys(name)) rows.set(`${entity.id}\u0000${name}\u0000${key}`, { e: entity.id, n: name, k: key, p: position });
    }
  }
  if (rows.size === 0) return;
  // One statement whatever the number of names (an ingest batch may bring thousands of new ones).
  await tx.execute(sql`insert into name_keys (entity_kind, entity_id, name, key, position)
      select ${entityKind}::entity_kind, e, n, k, p from json_to_recordset(${JSON.stringify([...rows.values()])}::json) as r(e int, n text, k text, p int)
      on conflict do nothing`);
}
