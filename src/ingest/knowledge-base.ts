import { getTableColumns, sql } from 'drizzle-orm';
import { alias, type PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import { column, columnList, enumValue, insertRecords, recordset, table } from '../db/raw-sql.js';
import { col, selectRows } from '../db/rows.js';
import { actorNames, actorRoles, actors, actorStatus, conflictActors } from '../db/schema.js';
import { LINKED_KINDS, type KindInfo, type Kind } from '../kinds.js';
import type { KnowledgeBase } from '../linking/types.js';
import { intArray } from '../queries/rows.js';
import { replaceNameKeys } from './name-index.js';

/** The knowledge base as the loader gives it: the linker's lexicon beside it holds conflict places and aliases. */
export type SyncableKnowledgeBase = KnowledgeBase & {
  lexicon?: { conflicts: { slug: string; aliases: string[]; places: string[] }[] };
};

const a = alias(actors, 'a');
const n = alias(actorNames, 'n');

const PARTY_FIELDS = { c: conflictActors.conflictId, a: conflictActors.actorId, r: conflictActors.role, s: conflictActors.side };
const ROLE_FIELDS = {
  a: actorRoles.actorId,
  t: actorRoles.title,
  f: actorRoles.forActorId,
  c: actorRoles.code,
  s: actorRoles.validFrom,
  e: actorRoles.validTo,
};

/**
 * Names merged into an actor by curators (see curation.ts) stay among its aliases, though the
 * knowledge base has just set them anew. Returns them by actor id.
 */
async function keepMergedNames(tx: Db): Promise<Map<number, string[]>> {
  const rows = await selectRows(
    tx,
    sql`with m as (
          select ${n.actorId} as id, array_agg(distinct ${n.name}) as names from ${table(actorNames)} n join ${table(actors)} a on ${a.id} = ${n.actorId}
          where ${a.status} = ${enumValue(actorStatus, 'CURATED')} and ${n.name} <> ${a.name} group by ${n.actorId}
        )
        update ${table(actors)} a set ${column(actors.aliases)} = ${a.aliases} || array(select x from unnest(m.names) x where x <> all(${a.aliases}) order by x)
        from m where ${a.id} = m.id
        returning ${a.id} as id, to_json(m.names) as names`,
    { id: col.int, names: col.texts },
  );
  return new Map(rows.map((row) => [row.id, row.names]));
}

/**
 * Makes the actors and conflicts tables match the knowledge base, in one transaction.
 * Entries are upserted by slug, so ids (and with them global ids and stored links) stay stable;
 * entries dropped from the knowledge base are kept, since articles may link to them. Provisional,
 * promoted and rejected actors are left as they are, but for an entry whose slug one of them holds:
 * the entry takes that row over (and it is curated from then on).
 * Every test database syncs thousands of actors on open, so each table is written by one statement whatever
 * the size of the knowledge base, and a row that did not change is not written again.
 */
export async function syncKnowledgeBase(db: Db, kb: SyncableKnowledgeBase): Promise<void> {
  const conflictWords = new Map((kb.lexicon?.conflicts ?? []).map((c) => [c.slug, c]));
  await db.transaction(async (tx) => {
    // Every entry is curated, whatever the row it takes over was.
    const actors = kb.actors.map(({ slug, name, nameNl, kind, aliases, wikidataId }) => ({ slug, name, nameNl, kind, aliases, wikidataId, status: 'CURATED' as const }));
    await upsertBySlug(tx, 'actor', actors);
    const merged = await keepMergedNames(tx);
    const places = (slug: string) => conflictWords.get(slug)?.places ?? [];
    const conflicts = kb.conflicts.map(({ slug, name, nameNl, kind, startedOn, endedOn }) => ({ slug, name, nameNl, kind, startedOn, endedOn, places: places(slug) }));
    await upsertBySlug(tx, 'conflict', conflicts);

    const actorIds = await idsBySlug(tx, 'actor', kb.actors.map((a) => a.slug));
    await replaceRoles(tx, kb, actorIds);
    await replaceNameKeys(
      tx,
      'actor',
      kb.actors.map((a) => {
        const id = actorIds.get(a.slug)!;
        return { id, names: [a.name, a.nameNl, ...a.aliases, ...(merged.get(id) ?? [])] };
      }),
    );
    if (kb.conflicts.length === 0) return;
    const conflictIds = await idsBySlug(tx, 'conflict', kb.conflicts.map((c) => c.slug));
    // Parties are knowledge-base data only, so they are replaced wholesale.
    await tx.execute(sql`delete from ${table(conflictActors)} where ${column(conflictActors.conflictId)} = any(${intArray([...conflictIds.values()])})`);
    const parties = kb.conflicts.flatMap((c) =>
      c.parties.map((p) => ({ c: conflictIds.get(c.slug)!, a: actorIds.get(p.actor)!, r: p.role, s: p.side })),
    );
    if (parties.length > 0) {
      await tx.execute(sql`${insertRecords(conflictActors, PARTY_FIELDS, parties)} on conflict do nothing`);
    }
    await replaceNameKeys(
      tx,
      'conflict',
      kb.conflicts.map((c) => ({
        id: conflictIds.get(c.slug)!,
        names: [c.name, c.nameNl, ...(conflictWords.get(c.slug)?.aliases ?? [])],
      })),
    );
  });
}

/**
 * Writes entries of a kind by slug, in one statement whatever their number: new slugs are
 * inserted, known ones updated where a value differs (a row that did not change is not written
 * again). Every row gives the same fields.
 */
async function upsertBySlug<K extends Kind>(tx: Db, kind: K, rows: KindInfo<K>['table']['$inferInsert'][]): Promise<void> {
  if (rows.length === 0) return;
  const entities = LINKED_KINDS[kind].table;
  const columns: Record<string, PgColumn> = getTableColumns(entities);
  const fields = Object.fromEntries(Object.keys(rows[0]!).map((field) => [field, columns[field]!]));
  const updated = Object.values(fields).filter((c) => c !== entities.slug);
  const current = sql.join(updated.map((c) => sql`${table(entities)}.${column(c)}`), sql`, `);
  const excluded = sql.join(updated.map((c) => sql`excluded.${column(c)}`), sql`, `);
  await tx.execute(sql`
    ${insertRecords(entities, fields, rows)}
    on conflict (${column(entities.slug)}) do update set ${sql.join(updated.map((c) => sql`${column(c)} = excluded.${column(c)}`), sql`, `)}
    where (${current}) is distinct from (${excluded})`);
}

async function idsBySlug(tx: Db, kind: Kind, slugs: string[]): Promise<Map<string, number>> {
  const entities = LINKED_KINDS[kind].table;
  const rows = await selectRows(
    tx,
    sql`select ${column(entities.id)} as id, ${column(entities.slug)} as slug from ${table(entities)}
        where ${column(entities.slug)} = any(${textArray(slugs)})`,
    { id: col.int, slug: col.text },
  );
  return new Map(rows.map((row) => [row.slug, row.id]));
}

async function replaceRoles(tx: Db, kb: KnowledgeBase, actorIds: Map<string, number>): Promise<void> {
  if (actorIds.size === 0) return;
  const ids = intArray([...actorIds.values()]);
  const roles = kb.actors.flatMap((a) =>
    a.roles.map((role) => ({
      i: 0,
      a: actorIds.get(a.slug)!,
      t: role.title,
      f: role.for ? (actorIds.get(role.for) ?? null) : null,
      c: role.code,
      s: role.from,
      e: role.to,
    })),
  );
  roles.forEach((role, i) => (role.i = i));
  const wanted = recordset({ i: actorRoles.id, ...ROLE_FIELDS }, roles);
  // Most starts find the roles as the knowledge base has them, in its order: nothing is rewritten then.
  const [same] = await selectRows(
    tx,
    sql`with wanted as (${wanted}),
        stored as (
          select (row_number() over (order by ${column(actorRoles.id)}) - 1)::int as i, ${column(actorRoles.actorId)} as a,
            ${column(actorRoles.title)} as t, ${column(actorRoles.forActorId)} as f, ${column(actorRoles.code)} as c,
            ${column(actorRoles.validFrom)} as s, ${column(actorRoles.validTo)} as e
          from ${table(actorRoles)} where ${column(actorRoles.actorId)} = any(${ids})
        )
        select not exists (select from wanted w full join stored x on x.i = w.i where (w.a, w.t, w.f, w.c, w.s, w.e) is distinct from (x.a, x.t, x.f, x.c, x.s, x.e)) as same`,
    { same: col.bool },
  );
  if (same!.same) return;
  await tx.execute(sql`delete from ${table(actorRoles)} where ${column(actorRoles.actorId)} = any(${ids})`);
  if (roles.length === 0) return;
  // In the knowledge base's order, which the role ids keep (roles of one start date are read by id):
  // the position `i` is typed as the id it decides.
  await tx.execute(sql`
    insert into ${table(actorRoles)} (${columnList(Object.values(ROLE_FIELDS))})
    select a, t, f, c, s, e from (${wanted}) r
    order by i`);
}

function textArray(values: string[]) {
  return sql`array(select json_array_elements_text(${JSON.stringify(values)}::json))`;
}
