import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { selectRows } from '../db/rows.js';
import type { actorStatus } from '../db/schema.js';
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

function json(rows: unknown[]) {
  return sql`${JSON.stringify(rows)}::json`;
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

// FOR KEY SHARE: a curation of the actor (which locks it FOR UPDATE) waits for this ingest, and an
// ingest that comes after one reads the actor as the curation left it: rejected, or merged away
// (the row is gone, the name is found anew under the actor it was merged into).
async function lookup(tx: Db, keys: string[]): Promise<Map<string, NamedActor>> {
  const rows = await selectRows<{ key: string; id: number; status: ActorStatus }>(
    tx,
    sql`select n.key, a.id, a.status from actor_names n join actors a on a.id = n.actor_id
        where n.key in (select jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))
        for key share of a`,
  );
  return new Map(rows.map((row) => [row.key, { id: row.id, status: row.status }]));
}

async function create(tx: Db, missing: ProvisionalActor[]): Promise<void> {
  const slugs = await freeSlugs(tx, missing.map((a) => a.key));
  // Sorted by slug, so concurrent writers take the unique-index locks in one order.
  const rows = missing
    .map((a) => ({ s: slugs.get(a.key)!, k: a.key, n: a.name, i: a.kind, d: a.description }))
    .sort((x, y) => (x.s < y.s ? -1 : x.s > y.s ? 1 : 0));
  const created = await selectRows<{ id: number; slug: string }>(
    tx,
    sql`insert into actors (slug, name, name_nl, kind, status, description)
        select s, n, n, i, 'PROVISIONAL', d from json_to_recordset(${json(rows)}) as r(s text, n text, i actor_kind, d text)
        order by s
        on conflict (slug) do nothing
        returning id, slug`,
  );
  if (created.length === 0) return;
  const bySlug = new Map(rows.map((row) => [row.s, row]));
  const names = created.map((c) => ({ k: bySlug.get(c.slug)!.k, e: c.id, n: bySlug.get(c.slug)!.n })).sort((x, y) => (x.k < y.k ? -1 : 1));
  const claimed = await selectRows<{ actorId: number }>(
    tx,
    sql`insert into actor_names (key, actor_id, name)
        select k, e, n from json_to_recordset(${json(names)}) as r(k text, e int, n text) order by k
        on conflict (key) do nothing
        returning actor_id as "actorId"`,
  );
  const won = new Set(claimed.map((c) => c.actorId));
  const lost = created.filter((c) => !won.has(c.id)).map((c) => c.id);
  // Another writer named the key first (under another slug): the row made here is never linked.
  if (lost.length > 0) await tx.execute(sql`delete from actors where id in (select jsonb_array_elements_text(${JSON.stringify(lost)}::jsonb)::int)`);
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
      await selectRows<{ slug: string }>(
        tx,
        sql`select slug from actors where slug in (select jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))
              or substring(slug from '^(.*)-[0-9]+$') in (select jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))`,
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
  await tx.execute(sql`with r as (select e, d from json_to_recordset(${json(rows)}) as r(e int, d text)),
      target as (select a.id from actors a where a.id in (select e from r) and a.description is null order by a.id for no key update)
      update actors a set description = r.d from r where a.id = r.e and a.id in (select id from target)`);
}
