import { sql, type SQL } from 'drizzle-orm';
import type { actors, actorStatus, conflicts, datePrecision, conflictRole } from '../db/schema.js';

/** An article as the API reads it (the raw text stays in the database until asked for). */
export interface ArticleRow {
  id: number;
  externalId: string;
  title: string;
  /**
   * The clean text, when the statement read it: lookups by id do, lists do not (a page of 20
   * articles under each of 10 conflicts would carry half a megabyte of text nobody asked for).
   * See `bodyOf` in the Article type.
   */
  body?: string;
  sources: string[];
  publishedOn: string;
  datePrecision: (typeof datePrecision.enumValues)[number];
  language: string;
  /** Set when the article was found by a search: the body with the matched words marked. */
  headline?: string | null;
}

export type ActorRow = typeof actors.$inferSelect;
export type ConflictRow = typeof conflicts.$inferSelect;
/** The statuses a list of actors may show: rejected actors are never listed. */
export type ListedStatus = Exclude<(typeof actorStatus.enumValues)[number], 'REJECTED'>;
export type ConflictRole = (typeof conflictRole.enumValues)[number];

/** The columns of ArticleRow but the text, read from the `articles` table under the given alias. */
export function articleColumns(alias: string): SQL {
  const a = sql.raw(alias);
  return sql`${a}.id, ${a}.external_id as "externalId", ${a}.title, ${a}.sources,
    ${a}.published_on::text as "publishedOn", ${a}.date_precision as "datePrecision", ${a}.language`;
}

// Arrays of names (aliases, places) are sent as JSON: postgres.js parses a quoted array element
// one character at a time, a string per character. Not for articles: a search computes the
// columns of every match before it ranks them, and to_json costs a few µs a row (on 0.7 sources
// an article, the array parser costs less).

/** The columns of ActorRow, read from the `actors` table under the given alias. */
export function actorColumns(alias: string): SQL {
  const a = sql.raw(alias);
  return sql`${a}.id, ${a}.slug, ${a}.name, ${a}.name_nl as "nameNl", ${a}.kind, to_json(${a}.aliases) as aliases,
    ${a}.wikidata_id as "wikidataId", ${a}.status, ${a}.description`;
}

/** The columns of ConflictRow, read from the `conflicts` table under the given alias. */
export function conflictColumns(alias: string): SQL {
  const c = sql.raw(alias);
  return sql`${c}.id, ${c}.slug, ${c}.name, ${c}.name_nl as "nameNl", ${c}.kind,
    ${c}.started_on::text as "startedOn", ${c}.ended_on::text as "endedOn", to_json(${c}.places) as places`;
}

/** The condition that the actor under the alias has one of the statuses. */
export function statusIn(alias: string, statuses: readonly ListedStatus[]): SQL {
  if (statuses.length === 0) return sql`false`;
  return sql`${sql.raw(alias)}.status in (${sql.join(
    statuses.map((status) => sql`${status}::actor_status`),
    sql`, `,
  )})`;
}

// Drizzle spreads a JS array into one parameter per item; a single array literal keeps the
// statement text (and its plan) the same whatever the number of keys.
export function intArray(ids: readonly number[]): SQL {
  return sql`${`{${ids.map((id) => Math.trunc(id)).join(',')}}`}::int[]`;
}

/** Results in key order: one value (or null) per key. */
export function inKeyOrder<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): (R | null)[] {
  const map = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => map.get(key) ?? null);
}

/** Results in key order: the list of rows (possibly empty) per key, in the order the rows came. */
export function groupedInKeyOrder<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): R[][] {
  const map = new Map<K, R[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  }
  return keys.map((key) => map.get(key) ?? []);
}
