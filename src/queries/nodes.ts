import { and, inArray, ne } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { actors, articles, conflicts } from '../db/schema.js';
import { inKeyOrder, type ActorRow, type ArticleRow, type ConflictRow } from './rows.js';

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

// Rejected actors are no actors: lookups do not find them.
export async function actorsById(db: Db, ids: readonly number[]): Promise<(ActorRow | null)[]> {
  const rows = await db.select().from(actors).where(and(inArray(actors.id, [...ids]), ne(actors.status, 'REJECTED')));
  return inKeyOrder(ids, rows, (row) => row.id);
}

export async function actorsBySlug(db: Db, slugs: readonly string[]): Promise<(ActorRow | null)[]> {
  const rows = await db.select().from(actors).where(and(inArray(actors.slug, [...slugs]), ne(actors.status, 'REJECTED')));
  return inKeyOrder(slugs, rows, (row) => row.slug);
}

export async function conflictsById(db: Db, ids: readonly number[]): Promise<(ConflictRow | null)[]> {
  const rows = await db.select().from(conflicts).where(inArray(conflicts.id, [...ids]));
  return inKeyOrder(ids, rows, (row) => row.id);
}

export async function conflictsBySlug(db: Db, slugs: readonly string[]): Promise<(ConflictRow | null)[]> {
  const rows = await db.select().from(conflicts).where(inArray(conflicts.slug, [...slugs]));
  return inKeyOrder(slugs, rows, (row) => row.slug);
}

/** The unchanged text of each article, as it was ingested. */
export async function rawTextsById(db: Db, ids: readonly number[]): Promise<(string | null)[]> {
  const rows = await db.select({ id: articles.id, raw: articles.raw }).from(articles).where(inArray(articles.id, [...ids]));
  return inKeyOrder(ids, rows, (row) => row.id).map((row) => row?.raw ?? null);
}
