import DataLoader from 'dataloader';
import type { Db } from '../db/client.js';
import { actorsOfArticles, conflictsOfArticles, mentionsOfArticles } from './article-links.js';
import { coActorsOf } from './co-actors.js';
import { pageKey, type Page } from './keyset.js';
import type { ArticleFilterSpec } from './article-filter.js';
import type { ArticleQuery } from './article-list.js';
import { articlesOfParents, countArticlesOfParents, type ArticleParent } from './linked-articles.js';
import {
  actorsById,
  actorsBySlug,
  articlesByExternalId,
  articlesById,
  conflictsById,
  conflictsBySlug,
  rawTextsById,
} from './nodes.js';
import { actorsOfConflicts, conflictsOfActors, countPartiesOf } from './parties.js';
import { unlinkedOfArticles } from './unlinked.js';

const NO_PAGE: Page = { limit: 0, backward: false, after: null, before: null, shape: [] };

/**
 * Every loader of one request. Each batch function is one SQL statement, so a nested query costs
 * a constant number of statements per level, whatever the number of rows.
 */
export function createLoaders(db: Db) {
  // Paged lists get one loader per distinct page request (first/after/…), created on demand.
  const paged = new Map<string, DataLoader<number, unknown>>();
  function perPage<V>(
    name: string,
    page: Page,
    batch: (ids: readonly number[]) => Promise<V[]>,
    variant: unknown = null,
  ): DataLoader<number, V> {
    const key = `${name}:${pageKey(page)}:${JSON.stringify(variant)}`;
    let loader = paged.get(key);
    if (!loader) {
      loader = new DataLoader<number, V>(batch) as DataLoader<number, unknown>;
      paged.set(key, loader);
    }
    return loader as DataLoader<number, V>;
  }

  return {
    articleById: new DataLoader((ids: readonly number[]) => articlesById(db, ids)),
    articleByExternalId: new DataLoader((ids: readonly string[]) => articlesByExternalId(db, ids)),
    rawTextById: new DataLoader((ids: readonly number[]) => rawTextsById(db, ids)),
    actorById: new DataLoader((ids: readonly number[]) => actorsById(db, ids)),
    actorBySlug: new DataLoader((slugs: readonly string[]) => actorsBySlug(db, slugs)),
    conflictById: new DataLoader((ids: readonly number[]) => conflictsById(db, ids)),
    conflictBySlug: new DataLoader((slugs: readonly string[]) => conflictsBySlug(db, slugs)),

    actorsOfArticle: new DataLoader((ids: readonly number[]) => actorsOfArticles(db, ids)),
    conflictsOfArticle: new DataLoader((ids: readonly number[]) => conflictsOfArticles(db, ids)),
    mentionsOfArticle: new DataLoader((ids: readonly number[]) => mentionsOfArticles(db, ids)),
    unlinkedOfArticle: new DataLoader((ids: readonly number[]) => unlinkedOfArticles(db, ids)),

    articlesOf: (parent: ArticleParent, query: ArticleQuery, page: Page) =>
      perPage(`articlesOf:${parent}`, page, (ids) => articlesOfParents(db, parent, ids, query, page), query),
    articleCountOf: (parent: ArticleParent, filter: ArticleFilterSpec | null) =>
      perPage(`articleCountOf:${parent}`, NO_PAGE, (ids) => countArticlesOfParents(db, parent, ids, filter), filter),

    actorsOfConflict: (page: Page) => perPage('actorsOfConflict', page, (ids) => actorsOfConflicts(db, ids, page)),
    actorCountOfConflict: new DataLoader((ids: readonly number[]) => countPartiesOf(db, 'conflict', ids)),
    conflictsOfActor: (page: Page) => perPage('conflictsOfActor', page, (ids) => conflictsOfActors(db, ids, page)),
    conflictCountOfActor: new DataLoader((ids: readonly number[]) => countPartiesOf(db, 'actor', ids)),

    coActorsOf: (limit: number) => perPage('coActorsOf', NO_PAGE, (ids) => coActorsOf(db, ids, limit), limit),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
