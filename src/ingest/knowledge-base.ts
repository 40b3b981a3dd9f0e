import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { nameKeys } from '../db/name-keys.js';
import { actorRoles, actors, conflictActors, conflicts, nameKeys as nameKeysTable } from '../db/schema.js';
import type { KnowledgeBase } from '../linking/types.js';

/** The knowledge base as the loader gives it: the linker's lexicon beside it holds conflict places and aliases. */
export type SyncableKnowledgeBase = KnowledgeBase & {
  lexicon?: { conflicts: { slug: string; aliases: string[]; places: string[] }[] };
};

/**
 * Makes the actors and conflicts tables match the knowledge base, in one transaction.
 * Entries are upserted by slug, so ids (and with them global ids and stored links) stay stable;
 * entries dropped from the knowledge base are kept, since articles may link to them.
 */
export async function syncKnowledgeBase(db: Db, kb: SyncableKnowledgeBase): Promise<void> {
  const conflictWords = new Map((kb.lexicon?.conflicts ?? []).map((c) => [c.slug, c]));
  await db.transaction(async (tx) => {
    for (const batch of chunks(kb.actors, 500)) {
      await tx
        .insert(actors)
        .values(
          batch.map((a) => ({
            slug: a.slug,
            name: a.name,
            nameNl: a.nameNl,
            kind: a.kind,
            aliases: a.aliases,
            wikidataId: a.wikidataId,
          })),
        )
        .onConflictDoUpdate({
          target: actors.slug,
          set: {
            name: sql`excluded.name`,
            nameNl: sql`excluded.name_nl`,
            kind: sql`excluded.kind`,
            aliases: sql`excluded.aliases`,
            wikidataId: sql`excluded.wikidata_id`,
          },
        });
    }
    for (const batch of chunks(kb.conflicts, 500)) {
      await tx
        .insert(conflicts)
        .values(
          batch.map((c) => ({
            slug: c.slug,
            name: c.name,
            nameNl: c.nameNl,
            kind: c.kind,
            startedOn: c.startedOn,
            endedOn: c.endedOn,
            places: conflictWords.get(c.slug)?.places ?? [],
          })),
        )
        .onConflictDoUpdate({
          target: conflicts.slug,
          set: {
            name: sql`excluded.name`,
            nameNl: sql`excluded.name_nl`,
            kind: sql`excluded.kind`,
            startedOn: sql`excluded.started_on`,
            endedOn: sql`excluded.ended_on`,
            places: sql`excluded.places`,
          },
        });
    }

    const actorIds = new Map(
      (await tx.select({ id: actors.id, slug: actors.slug }).from(actors)).map((row) => [row.slug, row.id]),
    );
    const syncedActorIds = kb.actors.map((a) => actorIds.get(a.slug)!);
    await replaceRoles(tx, kb, actorIds, syncedActorIds);
    await replaceNameKeys(
      tx,
      'ACTOR',
      kb.actors.map((a) => ({ id: actorIds.get(a.slug)!, names: [a.name, a.nameNl, ...a.aliases] })),
    );
    if (kb.conflicts.length === 0) return;
    const conflictRows = await tx
      .select({ id: conflicts.id, slug: conflicts.slug })
      .from(conflicts)
      .where(inArray(conflicts.slug, kb.conflicts.map((c) => c.slug)));
    const conflictIds = new Map(conflictRows.map((row) => [row.slug, row.id]));
    // Parties are knowledge-base data only, so they are replaced wholesale.
    await tx.delete(conflictActors).where(inArray(conflictActors.conflictId, [...conflictIds.values()]));
    const parties = kb.conflicts.flatMap((c) =>
      c.parties.map((p) => ({
        conflictId: conflictIds.get(c.slug)!,
        actorId: actorIds.get(p.actor)!,
        role: p.role,
        side: p.side,
      })),
    );
    for (const batch of chunks(parties, 1000)) {
      await tx.insert(conflictActors).values(batch).onConflictDoNothing();
    }
    await replaceNameKeys(
      tx,
      'CONFLICT',
      kb.conflicts.map((c) => ({
        id: conflictIds.get(c.slug)!,
        names: [c.name, c.nameNl, ...(conflictWords.get(c.slug)?.aliases ?? [])],
      })),
    );
  });
}

async function replaceRoles(tx: Db, kb: KnowledgeBase, actorIds: Map<string, number>, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.delete(actorRoles).where(inArray(actorRoles.actorId, ids));
  const roles = kb.actors.flatMap((a) =>
    a.roles.map((role) => ({
      actorId: actorIds.get(a.slug)!,
      title: role.title,
      forActorId: role.for ? (actorIds.get(role.for) ?? null) : null,
      code: role.code,
      validFrom: role.from,
      validTo: role.to,
    })),
  );
  for (const batch of chunks(roles, 1000)) await tx.insert(actorRoles).values(batch);
}

async function replaceNameKeys(
  tx: Db,
  entityKind: 'ACTOR' | 'CONFLICT',
  entities: { id: number; names: string[] }[],
): Promise<void> {
  if (entities.length === 0) return;
  await tx
    .delete(nameKeysTable)
    .where(and(eq(nameKeysTable.entityKind, entityKind), inArray(nameKeysTable.entityId, entities.map((e) => e.id))));
  const rows = new Map<string, typeof nameKeysTable.$inferInsert>();
  for (const entity of entities) {
    for (const name of entity.names) {
      for (const { key, position } of nameKeys(name)) {
        rows.set(`${entity.id}\u0000${name}\u0000${key}`, { entityKind, entityId: entity.id, name, key, position });
      }
    }
  }
  for (const batch of chunks([...rows.values()], 1000)) await tx.insert(nameKeysTable).values(batch);
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
