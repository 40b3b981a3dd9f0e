import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import { column, columnList, enumValue, recordset, table } from '../db/raw-sql.js';
import { col, selectRows } from '../db/rows.js';
import { actorNames, actors, actorStatus } from '../db/schema.js';
import type { ProvisionalActor } from '../linking/types.js';
import { writeNameKeys } from './name-index.js';

export type ActorStatus = (typeof actorStatus.enumValues)[number];

/** The actor a provisional name links to, and whether it may be linked (a rejected one may not). */
export interface NamedActor {
  id: number;
  status: ActorStatus;
}

/** Concurrent writers each lose a round at most once per name; more rounds mean something else is wrong. */
const MAX_ROUNDS = 5;

const a = alias(actors, 'a');
const n = alias(actorNames, 'n');

/** A new provisional actor: its slug, its name (also its Dutch name), its kind and description. */
const NEW_ACTOR_FIELDS = { s: actors.slug, n: actors.name, i: actors.kind, d: actors.description };
const NAME_FIELDS = { k: actorNames.key, e: actorNames.actorId, n: actorNames.name };
const DESCRIPTION_FIELDS = { e: actors.id, d: actors.description };

/** The values of a list sent as one JSON parameter, as a set of text: `in (select ${elements(keys)})`. */
function elements(values: unknown[]) {
  return sql`jsonb_array_elements_text(${JSON.stringify(values)}::jsonb)`;
}

/**
 * The actor of each provisional name, by its key: the one the key already names (provisional,
 * promoted, rejected, or the actor it was merged into), else a new provisional actor. Creation
 * is an insert on the unique slug and the unique key, so two writers that meet on a new name end
 * with one actor: the later one waits for the first to commit, finds its row and uses it.
 */
export async function provisionalActors(tx: Db, list: ProvisionalActor[]): Promise<Map<string, NamedActor>> {
  const firstByKey = new Map<string, ProvisionalActor>();
  for (const actor of list) if (!firstByKey.has(actor.key)) firstByKey.set(actor.key, actor);
  if (firstByKey.size === 0) return new Map();

  const found = await lookup(tx, [...firstByKey.keys()]);
  await fillDescriptions(tx, found, firstByKey);
  for (let round = 0; ; round++) {
    const missing = [...firstByKey.values()].filter((actor) => !found.has(actor.key));
    if (missing.length === 0) return found;
    if (round === MAX_ROUNDS) throw new Error(`could not create provisional actors for ${missing.map((a) => a.key).join(', ')}`);
    await create(tx, missing);
    for (const [key, actor] of await lookup(tx, missing.map((a) => a.key))) found.set(key, actor);
  }
}

/**
 * Creates the actors of the provisional names not stored yet (and fills missing descriptions) in a
 * short transaction of its own, just before the articles' (as `storePlaces` stores places). Made in
 * a batch's long transaction, a new actor's row held every other writer naming it at its insert
 * until that batch committed: in a bulk load the second writer waited there for the first (22 s of
 * 95 s for 5,000 synthetic articles). The articles' transaction then finds the names with
 * `provisionalActors`, as a curation since may have left them. Should it fail, an actor is left
 * that no article links, which the curation queue skips and the next article naming it links.
 */
export async function storeProvisionalActors(db: Db, list: ProvisionalActor[]): Promise<void> {
  if (list.length === 0) return;
  await db.transaction(async (tx) => {
    await provisionalActors(tx, list);
  });
}

// FOR KEY SHARE: a curation of the actor (which locks it FOR UPDATE) waits for this ingest, and an
// ingest that comes after one reads the actor as the curation left it: rejected, or merged away
// (the row is gone, the name is found anew under the actor it was merged into).
async function lookup(tx: Db, keys: string[]): Promise<Map<string, NamedActor>> {
  const rows = await selectRows(
    tx,
    sql`select ${n.key}, ${a.id}, ${a.status} from ${table(actorNames)} n join ${table(actors)} a on ${a.id} = ${n.actorId}
        where ${n.key} in (select ${elements(keys)})
        for key share of a`,
    { key: col.text, id: col.int, status: col.oneOf(actorStatus.enumValues) },
  );
  return new Map(rows.map((row) => [row.key, { id: row.id, status: row.status }]));
}

async function create(tx: Db, missing: ProvisionalActor[]): Promise<void> {
  const slugs = await freeSlugs(tx, missing.map((a) => a.key));
  // Sorted by slug, so concurrent writers take the unique-index locks in one order.
  const rows = missing
    .map((a) => ({ s: slugs.get(a.key)!, k: a.key, n: a.name, i: a.kind, d: a.description }))
    .sort((x, y) => (x.s < y.s ? -1 : x.s > y.s ? 1 : 0));
  const created = await selectRows(
    tx,
    sql`insert into ${table(actors)} (${columnList([actors.slug, actors.name, actors.nameNl, actors.kind, actors.status, actors.description])})
        select s, n, n, i, ${enumValue(actorStatus, 'PROVISIONAL')}, d from (${recordset(NEW_ACTOR_FIELDS, rows)}) r
        order by s
        on conflict (${column(actors.slug)}) do nothing
        returning ${column(actors.id)} as id, ${column(actors.slug)} as slug`,
    { id: col.int, slug: col.text },
  );
  if (created.length === 0) return;
  const bySlug = new Map(rows.map((row) => [row.s, row]));
  const names = created.map((c) => ({ k: bySlug.get(c.slug)!.k, e: c.id, n: bySlug.get(c.slug)!.n })).sort((x, y) => (x.k < y.k ? -1 : 1));
  const claimed = await selectRows(
    tx,
    sql`insert into ${table(actorNames)} (${columnList(Object.values(NAME_FIELDS))})
        ${recordset(NAME_FIELDS, names)} order by k
        on conflict (${column(actorNames.key)}) do nothing
        returning ${column(actorNames.actorId)} as "actorId"`,
    { actorId: col.int },
  );
  const won = new Set(claimed.map((c) => c.actorId));
  const lost = created.filter((c) => !won.has(c.id)).map((c) => c.id);
  // Another writer named the key first (under another slug): the row made here is never linked.
  if (lost.length > 0) await tx.execute(sql`delete from ${table(actors)} where ${column(actors.id)} in (select ${elements(lost)}::int)`);
  await writeNameKeys(
    tx,
    names.filter((n) => won.has(n.e)).map((n) => ({ id: n.e, names: [n.n] })),
  );
}

/**
 * A slug for each key: the key itself when no actor holds it, else the key with the first free
 * number (`-2`, `-3` …). The same database state gives the same slug.
 */
async function freeSlugs(tx: Db, keys: string[]): Promise<Map<string, string>> {
  const taken = new Set(
    (
      await selectRows(
        tx,
        sql`select ${column(actors.slug)} as slug from ${table(actors)} where ${column(actors.slug)} in (select ${elements(keys)})
              or substring(${column(actors.slug)} from '^(.*)-[0-9]+$') in (select ${elements(keys)})`,
        { slug: col.text },
      )
    ).map((row) => row.slug),
  );
  return new Map(
    keys.map((key) => {
      let slug = key;
      for (let n = 2; taken.has(slug); n++) slug = `${key}-${n}`;
      taken.add(slug);
      return [key, slug];
    }),
  );
}

/** A provisional actor first seen without a description takes the first one an article gives. */
async function fillDescriptions(tx: Db, found: Map<string, NamedActor>, byKey: Map<string, ProvisionalActor>): Promise<void> {
  const rows = [...found].flatMap(([key, actor]) => {
    const description = byKey.get(key)?.description;
    return actor.status === 'PROVISIONAL' && description ? [{ e: actor.id, d: description }] : [];
  });
  if (rows.length === 0) return;
  // Rows are locked in id order, so concurrent writers cannot deadlock here.
  await tx.execute(sql`with r as (${recordset(DESCRIPTION_FIELDS, rows)}),
      target as (select ${a.id} from ${table(actors)} a where ${a.id} in (select e from r) and ${a.description} is null order by ${a.id} for no key update)
      update ${table(actors)} a set ${column(actors.description)} = r.d from r where ${a.id} = r.e and ${a.id} in (select ${column(actors.id)} from target)`);
}
