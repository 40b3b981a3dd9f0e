import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { actors, conflictActors, conflicts } from '../db/schema.js';
import type { KnowledgeBase } from '../linking/types.js';

/**
 * Makes the actors and conflicts tables match the knowledge base, in one transaction.
 * Entries are upserted by slug, so ids (and with them global ids and stored links) stay stable;
 * entries dropped from the knowledge base are kept, since articles may link to them.
 */
export async function syncKnowledgeBase(db: Db, kb: KnowledgeBase): Promise<void> {
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
          },
        });
    }

    if (kb.conflicts.length === 0) return;
    const actorIds = new Map(
      (await tx.select({ id: actors.id, slug: actors.slug }).from(actors)).map((row) => [row.slug, row.id]),
    );
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
  });
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
