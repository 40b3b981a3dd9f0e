import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { selectRows } from '../db/rows.js';
import { actorRoles, actors, conflictActors, conflicts } from '../db/schema.js';
import type { KnowledgeBase } from '../linking/types.js';
import { chunks, replaceNameKeys } from './name-index.js';

/** The knowledge base as the loader gives it: the linker's lexicon beside it holds conflict places and aliases. */
export type SyncableKnowledgeBase = KnowledgeBase & {
  lexicon?: { conflicts: { slug: string; aliases: string[]; places: string[] }[] };
};

/**
 * Names merged into an actor by curators (see curation.ts) stay among its aliases, though the
 * knowledge base has just set them anew. Returns them by actor id.
 */
async function keepMergedNames(tx: Db): Promise<Map<number, string[]>> {
  const rows = await selectRows<{ id: number; names: string[] }>(
    tx,
    sql`with m as (
          select n.actor_id as id, array_agg(distinct n.name) as names from actor_names n join actors a on a.id = n.actor_id
          where a.status = 'CURATED' and n.name <> a.name group by n.actor_id
        )
        update actors a set aliases = a.aliases || array(select x from unnest(m.names) x where x <> all(a.aliases) order by x)
        from m where a.id = m.id
        returning a.id, to_json(m.names) as names`,
  );
  return new Map(rows.map((row) => [row.id, row.names]));
}

/**
 * Makes the actors and conflicts tables match the knowledge base, in one transaction.
 * Entries are upserted by slug, so ids (and with them global ids and stored links) stay stable;
 * entries dropped from the knowledge base are kept, since articles may link to them. Provisional,
 * promoted and rejected actors are left as they are, but for an entry whose slug one of them holds:
 * the entry takes that row over (and it is curated from then on).
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
            // A provisional actor whose slug the knowledge base now holds becomes that entry.
            status: 'CURATED',
          },
        });
    }
    const merged = await keepMergedNames(tx);
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
      kb.actors.map((a) => {
        const id = actorIds.get(a.slug)!;
        return { id, names: [a.name, a.nameNl, ...a.aliases, ...(merged.get(id) ?? [])] };
      }),
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
