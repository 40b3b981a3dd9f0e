import { inArray, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import { column, enumValue, table } from '../db/raw-sql.js';
import { selectRows } from '../db/rows.js';
import { actors, actorStatus, articles, conflicts } from '../db/schema.js';
import { actorColumns, actorShape, arrayLiteral, conflictColumns, conflictShape, fixedStatement, inKeyOrder, type ActorRow, type ArticleRow, type ConflictRow } from './rows.js';

const articleFields = {
  id: articles.id,
  externalId: articles.externalId,
  title: articles.title,
  body: articles.body,
  sources: articles.sources,
  publishedOn: articles.publishedOn,
  datePrecision: articles.datePrecision,
  language: articles.language,
};

export async function articlesById(db: Db, ids: readonly number[]): Promise<(ArticleRow | null)[]> {
  const rows = await db.select(articleFields).from(articles).where(inArray(articles.id, [...ids]));
  return inKeyOrder(ids, rows, (row) => row.id);
}

export async function articlesByExternalId(db: Db, externalIds: readonly string[]): Promise<(ArticleRow | null)[]> {
  const rows = await db.select(articleFields).from(articles).where(inArray(articles.externalId, [...externalIds]));
  return inKeyOrder(externalIds, rows, (row) => row.externalId);
}

/**
 * The statement that reads the rows whose `key` is one of the keys: ids as an int array, texts
 * (slugs, any string a client sends) as a JSON array. Built once; Drizzle's query builder made the
 * statement anew for every lookup. Sent on its own, not with its turn's other reads (selectBatched):
 * whether a lookup met another read in the same turn depended on when earlier statements finished,
 * so one request sent one statement more or less from run to run.
 */
function lookup(columns: SQL, from: SQL, key: PgColumn, keys: 'ids' | 'texts', condition: SQL = sql`true`) {
  const list = keys === 'ids' ? sql`any(${sql.placeholder('keys')}::int[])` : sql`any(array(select json_array_elements_text(${sql.placeholder('keys')}::json)))`;
  return fixedStatement(['keys'], () => sql`select ${columns} from ${from} x where x.${column(key)} = ${list} and ${condition}`);
}

// Rejected actors are no actors: lookups do not find them.
const listed = sql`x.${column(actors.status)} <> ${enumValue(actorStatus, 'REJECTED')}`;
const actorsByIdStatement = lookup(actorColumns('x'), table(actors), actors.id, 'ids', listed);
const actorsBySlugStatement = lookup(actorColumns('x'), table(actors), actors.slug, 'texts', listed);
const conflictsByIdStatement = lookup(conflictColumns('x'), table(conflicts), conflicts.id, 'ids');
const conflictsBySlugStatement = lookup(conflictColumns('x'), table(conflicts), conflicts.slug, 'texts');

export async function actorsById(db: Db, ids: readonly number[]): Promise<(ActorRow | null)[]> {
  const rows = await selectRows(db, actorsByIdStatement({ keys: arrayLiteral(ids) }), actorShape);
  return inKeyOrder(ids, rows, (row) => row.id);
}

export async function actorsBySlug(db: Db, slugs: readonly string[]): Promise<(ActorRow | null)[]> {
  const rows = await selectRows(db, actorsBySlugStatement({ keys: JSON.stringify(slugs) }), actorShape);
  return inKeyOrder(slugs, rows, (row) => row.slug);
}

export async function conflictsById(db: Db, ids: readonly number[]): Promise<(ConflictRow | null)[]> {
  const rows = await selectRows(db, conflictsByIdStatement({ keys: arrayLiteral(ids) }), conflictShape);
  return inKeyOrder(ids, rows, (row) => row.id);
}

export async function conflictsBySlug(db: Db, slugs: readonly string[]): Promise<(ConflictRow | null)[]> {
  const rows = await selectRows(db, conflictsBySlugStatement({ keys: JSON.stringify(slugs) }), conflictShape);
  return inKeyOrder(slugs, rows, (row) => row.slug);
}

/** The unchanged text of each article, as it was ingested. */
export async function rawTextsById(db: Db, ids: readonly number[]): Promise<(string | null)[]> {
  const rows = await db.select({ id: articles.id, raw: articles.raw }).from(articles).where(inArray(articles.id, [...ids]));
  return inKeyOrder(ids, rows, (row) => row.id).map((row) => row?.raw ?? null);
}
