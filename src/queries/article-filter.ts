import { sql, type SQL } from 'drizzle-orm';
import { column, enumType, table } from '../db/raw-sql.js';
import { actorKind, actors, articleActors, articlePlaces, articles, places } from '../db/schema.js';
import { LINKED_KINDS, type Kind } from '../kinds.js';
import type { ActorRow } from './rows.js';
import { intArray } from './rows.js';
import { searchCondition, type SearchSpec } from './search.js';

/** A validated article filter with row ids (the API layer decodes global ids into these). */
export interface ArticleFilterSpec {
  search?: SearchSpec | null;
  actors?: { all?: number[] | null; any?: number[] | null; none?: number[] | null } | null;
  conflicts?: { any?: number[] | null; none?: number[] | null } | null;
  /** Row ids of places (see linking/places.ts). */
  places?: { any?: number[] | null; none?: number[] | null } | null;
  /** Articles that name a place within `km` of a point. */
  near?: { latitude: number; longitude: number; km: number } | null;
  actorKinds?: ActorRow['kind'][] | null;
  sources?: string[] | null;
  publishedFrom?: string | null;
  publishedTo?: string | null;
  language?: string | null;
  and?: ArticleFilterSpec[] | null;
  or?: ArticleFilterSpec[] | null;
  not?: ArticleFilterSpec | null;
}

function textArray(values: string[]): SQL {
  return sql`array[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::text[]`;
}

/** The article under `a` links to one of the entities of a kind. */
function linked(kind: Kind, a: SQL, ids: number[]): SQL {
  const { links, linkKey } = LINKED_KINDS[kind];
  return sql`exists (select 1 from ${table(links)} x where x.${column(links.articleId)} = ${a}.${column(articles.id)} and x.${column(linkKey)} = any(${intArray(ids)}))`;
}

/**
 * The article under `a` names one of the places. The places' ids are written into the statement rather than bound:
 * each set of places is then a statement of its own, planned for those places, so that the planner starts from the
 * place index of article_places for a place few articles name and walks the articles newest first for one that
 * many name. Reads are prepared, and after five runs Postgres may keep a generic plan, made for any place: it walks
 * the articles newest first, which for a rarely named place reads deep into the corpus (test/plans.test.ts).
 */
function namesPlace(a: SQL, ids: number[]): SQL {
  const l = articlePlaces;
  return sql`exists (select 1 from ${table(l)} x where x.${column(l.articleId)} = ${a}.${column(articles.id)} and x.${column(l.placeId)} = any(${literalIds(ids)}))`;
}

/** Row ids as an array literal in the statement's text. */
function literalIds(ids: readonly number[]): SQL {
  for (const id of ids) if (!Number.isSafeInteger(id)) throw new TypeError(`not a row id: ${id}`);
  return sql.raw(`'{${ids.join(',')}}'::int[]`);
}

/** Kilometres per degree of latitude (and of longitude at the equator), on a sphere of the Earth's mean radius. */
const KM_PER_DEGREE = 111.195;

/**
 * The article under `a` names a place within `km` of a point: places inside the box around the circle are found
 * on the (latitude, longitude) index, then measured by the haversine formula; their articles come from the
 * place index of article_places, not from a scan of articles.
 */
function namesPlaceNear(a: SQL, near: NonNullable<ArticleFilterSpec['near']>): SQL {
  const { latitude, longitude, km } = near;
  const dLat = km / KM_PER_DEGREE;
  const cos = Math.cos((latitude * Math.PI) / 180);
  const dLon = cos < 1e-6 ? 180 : Math.min(180, km / (KM_PER_DEGREE * cos));
  const p = places;
  const lat = sql`p.${column(p.latitude)}`;
  const lon = sql`p.${column(p.longitude)}`;
  const inBox =
    longitude - dLon < -180 || longitude + dLon > 180
      ? sql`${lat} between ${latitude - dLat} and ${latitude + dLat}`
      : sql`${lat} between ${latitude - dLat} and ${latitude + dLat} and ${lon} between ${longitude - dLon} and ${longitude + dLon}`;
  const distance = sql`2 * 6371.0088 * asin(sqrt(power(sin(radians(${lat} - ${latitude}::float8) / 2), 2)
    + cos(radians(${latitude}::float8)) * cos(radians(${lat})) * power(sin(radians(${lon} - ${longitude}::float8) / 2), 2)))`;
  const l = articlePlaces;
  return sql`${a}.${column(articles.id)} in (select x.${column(l.articleId)} from ${table(p)} p join ${table(l)} x on x.${column(l.placeId)} = p.${column(p.id)}
    where ${inBox} and ${distance} <= ${km}::float8)`;
}

/**
 * The SQL condition an article row (under `alias`) must meet. Link conditions are EXISTS
 * subqueries on the link tables' primary keys, so they combine freely under and/or/not.
 */
export function articleCondition(filter: ArticleFilterSpec | null | undefined, alias = 'a'): SQL {
  if (!filter) return sql`true`;
  const a = sql.raw(alias);
  const parts: SQL[] = [];
  if (filter.search) parts.push(searchCondition(filter.search, a));
  for (const id of filter.actors?.all ?? []) parts.push(linked('actor', a, [id]));
  if (filter.actors?.any) parts.push(linked('actor', a, filter.actors.any));
  if (filter.actors?.none?.length) parts.push(sql`not ${linked('actor', a, filter.actors.none)}`);
  if (filter.conflicts?.any) parts.push(linked('conflict', a, filter.conflicts.any));
  if (filter.conflicts?.none?.length) parts.push(sql`not ${linked('conflict', a, filter.conflicts.none)}`);
  if (filter.places?.any) parts.push(namesPlace(a, filter.places.any));
  if (filter.places?.none?.length) parts.push(sql`not ${namesPlace(a, filter.places.none)}`);
  if (filter.near) parts.push(namesPlaceNear(a, filter.near));
  if (filter.actorKinds) {
    const kinds = sql.join(
      filter.actorKinds.map((kind) => sql`${kind}::${enumType(actorKind)}`),
      sql`, `,
    );
    parts.push(
      filter.actorKinds.length
        ? sql`exists (select 1 from ${table(articleActors)} x join ${table(actors)} k on k.${column(actors.id)} = x.${column(articleActors.actorId)}
                where x.${column(articleActors.articleId)} = ${a}.${column(articles.id)} and k.${column(actors.kind)} in (${kinds}))`
        : sql`false`,
    );
  }
  if (filter.sources) {
    const wanted = filter.sources.map((source) => source.trim().toLowerCase());
    parts.push(
      wanted.length ? sql`exists (select 1 from unnest(${a}.${column(articles.sources)}) s where lower(s) = any(${textArray(wanted)}))` : sql`false`,
    );
  }
  if (filter.publishedFrom) parts.push(sql`${a}.${column(articles.publishedOn)} >= ${filter.publishedFrom}::date`);
  if (filter.publishedTo) parts.push(sql`${a}.${column(articles.publishedOn)} <= ${filter.publishedTo}::date`);
  if (filter.language) parts.push(sql`${a}.${column(articles.language)} = ${filter.language}`);
  if (filter.and) parts.push(...filter.and.map((f) => sql`(${articleCondition(f, alias)})`));
  if (filter.or) {
    parts.push(
      filter.or.length ? sql`(${sql.join(filter.or.map((f) => sql`(${articleCondition(f, alias)})`), sql` or `)})` : sql`false`,
    );
  }
  if (filter.not) parts.push(sql`not (${articleCondition(filter.not, alias)})`);
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

/**
 * Whether the filter lets every article through, so that precomputed counts can stand for it.
 * Conservative: a filter that only might be empty (`or: [{}]`) counts as a real one.
 */
export function isEmptyFilter(filter: ArticleFilterSpec | null | undefined): boolean {
  if (!filter) return true;
  const { actors, conflicts } = filter;
  return (
    !filter.search &&
    !actors?.all?.length &&
    actors?.any == null &&
    !actors?.none?.length &&
    conflicts?.any == null &&
    !conflicts?.none?.length &&
    filter.places?.any == null &&
    !filter.places?.none?.length &&
    filter.near == null &&
    filter.actorKinds == null &&
    filter.sources == null &&
    !filter.publishedFrom &&
    !filter.publishedTo &&
    !filter.language &&
    (filter.and ?? []).every(isEmptyFilter) &&
    filter.or == null &&
    filter.not == null
  );
}

/** A set of articles: those of one conflict or actor (or all), narrowed by a filter. */
export interface ArticleScope {
  parent: { kind: Kind; id: number } | null;
  filter: ArticleFilterSpec | null;
}

/** The condition an article row (under `alias`) meets when it belongs to the scope. */
export function scopeCondition(scope: ArticleScope, alias = 'a'): SQL {
  const condition = articleCondition(scope.filter, alias);
  if (!scope.parent) return condition;
  return sql`${linked(scope.parent.kind, sql.raw(alias), [scope.parent.id])} and ${condition}`;
}
