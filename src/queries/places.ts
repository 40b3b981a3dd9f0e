import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import { column, table } from '../db/raw-sql.js';
import { col, selectRows, tableShape } from '../db/rows.js';
import { articlePlaces, articles, placeMentions, places } from '../db/schema.js';
import type { Kind } from '../kinds.js';
import { articleCondition, type ArticleFilterSpec } from './article-filter.js';
import { groupedInKeyOrder, inKeyOrder, intArray, rowColumns } from './rows.js';
import { linkNames } from './scoped-articles.js';

/** A stored place (see linking/gazetteer.ts). */
export type PlaceRow = typeof places.$inferSelect;
export const placeShape = tableShape(places);

/** The link table of places, as the article lists read link tables. */
export const placeLinks = {
  table: table(articlePlaces),
  parent: column(articlePlaces.placeId),
  article: column(articlePlaces.articleId),
  publishedOn: column(articlePlaces.publishedOn),
};

export async function placesById(db: Db, ids: readonly number[]): Promise<(PlaceRow | null)[]> {
  const rows = await selectRows(db, sql`select ${rowColumns(places, 'p')} from ${table(places)} p where p.${column(places.id)} = any(${intArray(ids)})`, placeShape);
  return inKeyOrder(ids, rows, (row) => row.id);
}

/** Stored places by the gazetteer's key (`geonames:1138958`); null for a place no article names. */
export async function placesByKey(db: Db, keys: readonly string[]): Promise<(PlaceRow | null)[]> {
  const rows = await selectRows(
    db,
    sql`select ${rowColumns(places, 'p')} from ${table(places)} p
        where p.${column(places.key)} in (select json_array_elements_text(${JSON.stringify(keys)}::json))`,
    placeShape,
  );
  return inKeyOrder(keys, rows, (row) => row.key);
}

/** A mention of a place in an article's body. */
export interface PlaceMentionRow {
  start: number;
  end: number;
  text: string;
  method: 'DICTIONARY' | 'RULE' | 'MANUAL';
  confidence: number;
}

/** A place an article names: the place, how often, how surely, and where. */
export interface ArticlePlaceRow {
  articleId: number;
  mentionCount: number;
  confidence: number;
  place: PlaceRow;
  mentions: PlaceMentionRow[];
}

const METHODS = new Set(['DICTIONARY', 'RULE', 'MANUAL']);

function mentionsOf(value: unknown): PlaceMentionRow[] {
  if (!Array.isArray(value)) throw new Error(`place mentions: expected a JSON array, got ${JSON.stringify(value)}`);
  return value.map((m: Record<string, unknown>) => {
    const { start, end, text, method, confidence } = m;
    if (typeof start !== 'number' || typeof end !== 'number' || typeof text !== 'string' || !METHODS.has(String(method)) || typeof confidence !== 'number') {
      throw new Error(`place mentions: a mention does not fit: ${JSON.stringify(m)}`);
    }
    return { start, end, text, method: method as PlaceMentionRow['method'], confidence };
  });
}

/** The places of each article with their mentions (in order), most mentioned first: one statement for all. */
export async function placesOfArticles(db: Db, articleIds: readonly number[]): Promise<ArticlePlaceRow[][]> {
  const m = placeMentions;
  const rows = await selectRows(
    db,
    sql`select l.${column(articlePlaces.articleId)} as "articleId", l.${column(articlePlaces.mentionCount)} as "mentionCount",
          l.${column(articlePlaces.confidence)} as confidence, ${rowColumns(places, 'p')},
          (select json_agg(json_build_object('start', x.${column(m.start)}, 'end', x.${column(m.end)}, 'text', x.${column(m.text)},
                  'method', x.${column(m.method)}, 'confidence', x.${column(m.confidence)}) order by x.${column(m.start)})
             from ${table(m)} x where x.${column(m.articleId)} = l.${column(articlePlaces.articleId)} and x.${column(m.placeId)} = p.${column(places.id)}) as mentions
        from ${table(articlePlaces)} l join ${table(places)} p on p.${column(places.id)} = l.${column(articlePlaces.placeId)}
        where l.${column(articlePlaces.articleId)} = any(${intArray(articleIds)})
        order by l.${column(articlePlaces.articleId)}, l.${column(articlePlaces.mentionCount)} desc, p.${column(places.name)}, p.${column(places.id)}`,
    { articleId: col.int, mentionCount: col.int, confidence: col.float, ...placeShape, mentions: col.json },
  );
  return groupedInKeyOrder(
    articleIds,
    rows.map(({ articleId, mentionCount, confidence, mentions, ...place }) => ({ articleId, mentionCount, confidence, place, mentions: mentionsOf(mentions) })),
    (row) => row.articleId,
  );
}

/** How many articles of each place meet the filter (all of them without one). */
export async function countArticlesOfPlaces(db: Db, placeIds: readonly number[], filter: ArticleFilterSpec | null): Promise<number[]> {
  const a = alias(articles, 'a');
  const join = filter ? sql`join ${table(articles)} a on ${a.id} = l.${column(articlePlaces.articleId)} and ${articleCondition(filter)}` : sql``;
  const rows = await selectRows(
    db,
    sql`select l.${column(articlePlaces.placeId)} as "placeId", count(*)::int as count
        from ${table(articlePlaces)} l ${join}
        where l.${column(articlePlaces.placeId)} = any(${intArray(placeIds)})
        group by l.${column(articlePlaces.placeId)}`,
    { placeId: col.int, count: col.int },
  );
  const counts = new Map(rows.map((row) => [row.placeId, row.count]));
  return placeIds.map((id) => counts.get(id) ?? 0);
}

/** An entity (actor or conflict) the articles of a place link, or a place the articles of an entity name, with how many articles. */
export interface PlaceEntityRow {
  placeId: number;
  entityId: number;
  articleCount: number;
}

/**
 * For each key (a place, or an entity of `kind`, by `by`), the pairs of place and entity that share articles,
 * with the number of articles they share, most first (then by the other side's id): at most `limit` per key, one
 * statement for all keys. The join starts from the keys' link index and reaches the other side by its primary key
 * (article first), so it reads the links of the keys' articles only.
 */
export async function placeEntityCounts(db: Db, kind: Kind, by: 'place' | 'entity', ids: readonly number[], limit: number): Promise<PlaceEntityRow[][]> {
  const e = linkNames(kind);
  const place = sql`l.${column(articlePlaces.placeId)}`;
  const entity = sql`e.${e.parent}`;
  const [key, other] = by === 'place' ? [place, entity] : [entity, place];
  const rows = await selectRows(
    db,
    sql`select "placeId", "entityId", "articleCount" from (
          select ${place} as "placeId", ${entity} as "entityId", count(*)::int as "articleCount",
                 row_number() over (partition by ${key} order by count(*) desc, ${other}) as n
          from ${table(articlePlaces)} l
          join ${e.table} e on e.${e.article} = l.${column(articlePlaces.articleId)}
          where ${key} = any(${intArray(ids)})
          group by ${place}, ${entity}) x
        where n <= ${limit}
        order by "articleCount" desc, ${sql.raw(by === 'place' ? '"entityId"' : '"placeId"')}`,
    { placeId: col.int, entityId: col.int, articleCount: col.int },
  );
  return groupedInKeyOrder(ids, rows, (row) => (by === 'place' ? row.placeId : row.entityId));
}
