import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { column, table } from '../db/raw-sql.js';
import { col, selectRows } from '../db/rows.js';
import { articleConflicts, articlePlaces, conflicts, placeKind, places } from '../db/schema.js';
import { groupedInKeyOrder, intArray } from '../queries/rows.js';

/** A place named by at least one article, with its article counts, as `npm run export -- --format geojson` writes it. */
export interface ExportedPlace {
  key: string;
  name: string;
  nameNl: string | null;
  kind: (typeof placeKind.enumValues)[number];
  country: string | null;
  geonameId: number | null;
  latitude: number;
  longitude: number;
  /** Articles that name the place. */
  articleCount: number;
  /** Of those, how many report on each conflict, by the conflict's slug, most first. */
  conflicts: Record<string, number>;
}

const p = sql.raw('p');
const l = sql.raw('l');

/**
 * Every place that articles name, lowest id first, a page at a time: two statements per page (the
 * places with their article counts, then their counts per conflict) and one page in memory.
 */
export async function* readPlaces(db: Db, { pageSize = 500 } = {}): AsyncGenerator<ExportedPlace> {
  const id = sql`${p}.${column(places.id)}`;
  const placeOf = sql`${l}.${column(articlePlaces.placeId)}`;
  let after = 0;
  for (;;) {
    // Through the place index of article_places: a place no article names any more is left out.
    const page = await selectRows(
      db,
      sql`select ${id} as id, ${p}.${column(places.key)} as key, ${p}.${column(places.name)} as name, ${p}.${column(places.nameNl)} as "nameNl",
            ${p}.${column(places.kind)} as kind, ${p}.${column(places.country)} as country, ${p}.${column(places.geonameId)} as "geonameId",
            ${p}.${column(places.latitude)} as latitude, ${p}.${column(places.longitude)} as longitude, n.count as "articleCount"
          from ${table(places)} p
          cross join lateral (select count(*)::int as count from ${table(articlePlaces)} l where ${placeOf} = ${id}) n
          where ${id} > ${after} and n.count > 0
          order by ${id} limit ${pageSize}`,
      {
        id: col.int,
        key: col.text,
        name: col.text,
        nameNl: col.nullable(col.text),
        kind: col.oneOf(placeKind.enumValues),
        country: col.nullable(col.text),
        geonameId: col.nullable(col.int),
        latitude: col.float,
        longitude: col.float,
        articleCount: col.int,
      },
    );
    if (page.length === 0) return;
    const ids = page.map((row) => row.id);
    const counts = await selectRows(
      db,
      sql`select ${placeOf} as "placeId", c.${column(conflicts.slug)} as slug, count(*)::int as count
          from ${table(articlePlaces)} l
          join ${table(articleConflicts)} x on x.${column(articleConflicts.articleId)} = ${l}.${column(articlePlaces.articleId)}
          join ${table(conflicts)} c on c.${column(conflicts.id)} = x.${column(articleConflicts.conflictId)}
          where ${placeOf} = any(${intArray(ids)})
          group by ${placeOf}, c.${column(conflicts.slug)}
          order by ${placeOf}, count desc, c.${column(conflicts.slug)}`,
      { placeId: col.int, slug: col.text, count: col.int },
    );
    const countsOf = groupedInKeyOrder(ids, counts, (row) => row.placeId);
    for (const [i, { id: _id, ...place }] of page.entries()) {
      yield { ...place, conflicts: Object.fromEntries(countsOf[i]!.map((row) => [row.slug, row.count])) };
    }
    after = ids.at(-1)!;
  }
}

/** The start of the FeatureCollection; features follow, separated by `,\n`, then `GEOJSON_END`. */
export const GEOJSON_START = '{"type":"FeatureCollection","features":[\n';
export const GEOJSON_END = '\n]}\n';

/** One GeoJSON Feature (RFC 7946): a Point at [longitude, latitude], the place's key as its id. */
export function geojsonFeature(place: ExportedPlace): string {
  const { latitude, longitude, ...properties } = place;
  return JSON.stringify({ type: 'Feature', id: place.key, geometry: { type: 'Point', coordinates: [longitude, latitude] }, properties });
}
