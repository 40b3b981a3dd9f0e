import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { column, insertRecords, table } from '../db/raw-sql.js';
import { col, selectRows } from '../db/rows.js';
import { articlePlaces, placeMentions, places } from '../db/schema.js';
import type { LinkedPlace } from '../linking/types.js';

/*
 * The places of articles: a place row the first time any article names it (keyed by the gazetteer's id, so
 * concurrent writers meet on the key), then one article_places row per place an article names and one
 * place_mentions row per mention, in the article's own transaction.
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
  // Sorted by key, so that two writers of the same new places take their index entries in one order.
  rows.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  await tx.execute(sql`${insertRecords(places, PLACE_FIELDS, rows)} on conflict (${column(places.key)}) do nothing`);
  const stored = await selectRows(
    tx,
    sql`select ${column(places.id)} as id, ${column(places.key)} as key from ${table(places)}
        where ${column(places.key)} in (select json_array_elements_text(${JSON.stringify([...byKey.keys()])}::json))`,
    { id: col.int, key: col.text },
  );
  return new Map(stored.map((row) => [row.key, row.id]));
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
