import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { column, insertRecords, recordset, table } from '../db/raw-sql.js';
import { col, selectRows } from '../db/rows.js';
import { articlePlaces, placeMentions, places } from '../db/schema.js';
import type { LinkedPlace } from '../linking/types.js';

/*
 * The places of articles: a place row the first time any article names it (keyed by the gazetteer's id, so
 * concurrent writers meet on the key), then one article_places row per place an article names and one
 * place_mentions row per mention, in the article's own transaction. A stored place that the gazetteer
 * now describes otherwise (a new point, name or population) is brought up to date by the next article
 * that names it, as the relink after a new gazetteer does for all.
 *
 * The place rows themselves are written just before the articles' transaction, in a short one of their
 * own (`storePlaces`): a place is the gazetteer's, not the article's, and a row inserted in a long
 * batch transaction made every other writer that named the same new place wait for that batch's
 * commit. Should the articles' transaction then fail, a place row is left that no article names:
 * lists of places skip it, and the next article naming it uses it.
 */

const PLACE_FIELDS = {
  k: places.key,
  i: places.kind,
  n: places.name,
  l: places.nameNl,
  c: places.country,
  r: places.admin1,
  y: places.latitude,
  x: places.longitude,
  p: places.population,
  g: places.geonameId,
};
const ARTICLE_PLACE_FIELDS = {
  a: articlePlaces.articleId,
  e: articlePlaces.placeId,
  n: articlePlaces.mentionCount,
  c: articlePlaces.confidence,
  d: articlePlaces.publishedOn,
};
const PLACE_MENTION_FIELDS = {
  a: placeMentions.articleId,
  e: placeMentions.placeId,
  s: placeMentions.start,
  t: placeMentions.end,
  x: placeMentions.text,
  m: placeMentions.method,
  c: placeMentions.confidence,
};

/** The ids of the places by gazetteer key, storing those not stored yet. */
async function placeIds(tx: Db, found: LinkedPlace[]): Promise<Map<string, number>> {
  const byKey = new Map(found.map((p) => [p.place.id, p.place]));
  if (byKey.size === 0) return new Map();
  const rows = [...byKey.values()].map((p) => ({
    k: p.id,
    i: p.kind,
    n: p.name,
    l: p.nameNl,
    c: p.country,
    r: p.admin1,
    y: p.lat,
    x: p.lon,
    p: p.population,
    g: p.geonameId,
  }));
  // Every field of the stored rows, as the record the gazetteer gives: a row that differs is stale.
  const fields = sql.join(Object.values(PLACE_FIELDS).map(column), sql`, `);
  const storedOf = (keys: string[]) =>
    selectRows(
      tx,
      sql`select ${column(places.id)} as id, ${column(places.key)} as key, json_build_array(${fields}) as record from ${table(places)}
          where ${column(places.key)} in (select json_array_elements_text(${JSON.stringify(keys)}::json))`,
      { id: col.int, key: col.text, record: col.json },
    );
  // Read first, and insert only the places not stored yet: an insert of a key that another writer
  // has inserted and not yet committed waits for that writer's commit, and most places of a batch
  // (Kyiv, Gaza) were stored long before, or by `storePlaces` just now.
  const stored = await storedOf([...byKey.keys()]);
  const known = new Set(stored.map((row) => row.key));
  // Sorted by key, so that two writers of the same new places take their index entries in one order.
  const missing = rows.filter((row) => !known.has(row.k)).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  if (missing.length > 0) {
    await tx.execute(sql`${insertRecords(places, PLACE_FIELDS, missing)} on conflict (${column(places.key)}) do nothing`);
  }
  const added = missing.length > 0 ? await storedOf(missing.map((row) => row.k)) : [];
  const current = new Map(rows.map((row) => [row.k, row]));
  const stale = stored
    .map((row) => current.get(row.key)!)
    .filter((row, i) => JSON.stringify(stored[i]!.record) !== JSON.stringify(Object.values(row)));
  // Only a stale row is locked: writers naming the same up-to-date place do not wait for each other.
  if (stale.length > 0) {
    const assignments = sql.join(
      Object.entries(PLACE_FIELDS)
        .filter(([key]) => key !== 'k')
        .map(([key, field]) => sql`${column(field)} = r.${sql.identifier(key)}`),
      sql`, `,
    );
    await tx.execute(
      sql`update ${table(places)} p set ${assignments} from (${recordset(PLACE_FIELDS, stale)}) r where p.${column(places.key)} = r.k`,
    );
  }
  return new Map([...stored, ...added].map((row) => [row.key, row.id]));
}

/** Stores the places not stored yet (and brings stale ones up to date) in a transaction of its own; see above. */
export async function storePlaces(db: Db, found: LinkedPlace[]): Promise<void> {
  if (found.length === 0) return;
  await db.transaction(async (tx) => {
    await placeIds(tx, found);
  });
}

/** Writes the places of the given articles (whose earlier places are gone: see `deletePlaces`). */
export async function insertPlaces(tx: Db, targets: { articleId: number; publishedOn: string; places: LinkedPlace[] }[]): Promise<void> {
  const ids = await placeIds(tx, targets.flatMap((t) => t.places));
  const links: Record<keyof typeof ARTICLE_PLACE_FIELDS, unknown>[] = [];
  const mentions: Record<keyof typeof PLACE_MENTION_FIELDS, unknown>[] = [];
  for (const { articleId, publishedOn, places: found } of targets) {
    for (const { place, mentions: spans } of found) {
      const placeId = ids.get(place.id)!;
      links.push({ a: articleId, e: placeId, n: spans.length, c: Math.max(...spans.map((m) => m.confidence)), d: publishedOn });
      for (const m of spans) mentions.push({ a: articleId, e: placeId, s: m.start, t: m.end, x: m.text, m: m.method, c: m.confidence });
    }
  }
  if (links.length > 0) await tx.execute(insertRecords(articlePlaces, ARTICLE_PLACE_FIELDS, links));
  if (mentions.length > 0) await tx.execute(insertRecords(placeMentions, PLACE_MENTION_FIELDS, mentions));
}

/** Removes the places of articles about to be linked again (their mentions go with them). */
export async function deletePlaces(tx: Db, articleIds: number[]): Promise<void> {
  await tx.delete(articlePlaces).where(inArray(articlePlaces.articleId, articleIds));
}
