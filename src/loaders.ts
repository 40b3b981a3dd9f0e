import DataLoader from 'dataloader';
import type { Db } from './db/client.js';
import { actorsOfArticles, conflictsOfArticles, mentionsOfArticles } from './queries/article-links.js';
import type { ActorFields } from './queries/rows.js';
import { coActorsOf, type CoActorQuery } from './queries/co-actors.js';
import { copiesOfArticles } from './queries/copies.js';
import { exampleMentionsOf } from './queries/curation.js';
import { actorFacetsOf, conflictFacetsOf, monthFacetsOf, sourceFacetsOf, type ActorFacetQuery, type FacetQuery } from './queries/facets.js';
import { networkEdgesOf, networkNodesOf, type NetworkQuery } from './queries/network.js';
import { linkNames } from './queries/scoped-articles.js';
import { timelinesOf, type TimelineInterval, type TimelineScope } from './queries/timeline.js';
import { pageKey, type Page } from './queries/keyset.js';
import type { ArticleFilterSpec } from './queries/article-filter.js';
import type { ArticleQuery } from './queries/article-list.js';
import {
  articlesOfParents,
  articlesThroughLinks,
  articlesWithTotalsOfParents,
  countArticlesOfParents,
  countStoriesThroughLinks,
  type ArticleParent,
} from './queries/linked-articles.js';
import { countArticlesOfPlaces, placeEntityCounts, placeLinks, placesByKey, placesById, placesOfArticles } from './queries/places.js';
import {
  actorsById,
  actorsBySlug,
  articlesByExternalId,
  articlesById,
  conflictsById,
  conflictsBySlug,
  rawTextsById,
} from './queries/nodes.js';
import { actorsOfConflicts, conflictsOfActors, countPartiesOf, type PartyFilter } from './queries/conflict-actors.js';
import { relatedConflictsOf } from './queries/related-conflicts.js';
import { rolesOfActors } from './queries/roles.js';
import { unlinkedOfArticles } from './queries/unlinked-names.js';
import { termInfos } from './queries/search.js';
import { articlesOfStories, countStoriesOfParents, entitiesOfStories, storiesById, storiesOfParents, storyIdsOfArticles } from './queries/stories.js';
import type { CountUnit } from './queries/units.js';
import type { Kind } from './kinds.js';

const NO_PAGE: Page = { limit: 0, backward: false, after: null, before: null, shape: [] };

/**
 * Every loader of one request. Each batch function is one SQL statement, so a nested query costs
 * a constant number of statements per level, whatever the number of rows.
 */
export function createLoaders(db: Db) {
  // Paged lists get one loader per distinct page request (first/after/…), created on demand.
  const paged = new Map<string, DataLoader<number, unknown>>();
  // The loader each name gave last, with the page and variant it was asked with: the items of a
  // list (200 articles each asking for its actors) ask with the very same objects, and making the
  // key (JSON of the page and the variant) for each of them was 1.5 % of a ConflictTraversal.
  const lastOf = new Map<string, { page: Page; variant: unknown; loader: DataLoader<number, unknown> }>();
  function perPage<V>(
    name: string,
    page: Page,
    batch: (ids: readonly number[]) => Promise<V[]>,
    variant: unknown = null,
  ): DataLoader<number, V> {
    const last = lastOf.get(name);
    if (last && last.page === page && last.variant === variant) return last.loader as DataLoader<number, V>;
    const key = `${name}:${pageKey(page)}:${JSON.stringify(variant)}`;
    let loader = paged.get(key);
    if (!loader) {
      loader = new DataLoader<number, V>(batch) as DataLoader<number, unknown>;
      paged.set(key, loader);
    }
    lastOf.set(name, { page, variant, loader });
    return loader as DataLoader<number, V>;
  }

  return {
    // The words and names of every search in the request, looked up in one statement.
    searchTerm: new DataLoader((texts: readonly string[]) => termInfos(db, texts)),
    articleById: new DataLoader((ids: readonly number[]) => articlesById(db, ids)),
    articleByExternalId: new DataLoader((ids: readonly string[]) => articlesByExternalId(db, ids)),
    rawTextById: new DataLoader((ids: readonly number[]) => rawTextsById(db, ids)),
    actorById: new DataLoader((ids: readonly number[]) => actorsById(db, ids)),
    actorBySlug: new DataLoader((slugs: readonly string[]) => actorsBySlug(db, slugs)),
    conflictById: new DataLoader((ids: readonly number[]) => conflictsById(db, ids)),
    conflictBySlug: new DataLoader((slugs: readonly string[]) => conflictsBySlug(db, slugs)),

    // The actors' columns their selection reads (null: all): a list of another selection is another statement.
    actorsOfArticle: (fields: ActorFields) => perPage('actorsOfArticle', NO_PAGE, (ids) => actorsOfArticles(db, ids, fields), fields),
    conflictsOfArticle: new DataLoader((ids: readonly number[]) => conflictsOfArticles(db, ids)),
    mentionsOfArticle: new DataLoader((ids: readonly number[]) => mentionsOfArticles(db, ids)),
    unlinkedOfArticle: new DataLoader((ids: readonly number[]) => unlinkedOfArticles(db, ids)),
    copiesOfArticle: new DataLoader((ids: readonly number[]) => copiesOfArticles(db, ids)),
    placesOfArticle: new DataLoader((ids: readonly number[]) => placesOfArticles(db, ids)),
    placeById: new DataLoader((ids: readonly number[]) => placesById(db, ids)),
    placeByKey: new DataLoader((keys: readonly string[]) => placesByKey(db, keys)),
    articlesOfPlace: (query: ArticleQuery, page: Page) =>
      perPage('articlesOfPlace', page, (ids) => articlesThroughLinks(db, placeLinks, ids, query, page), query),
    // Pairs of place and entity: the entities of each place (`by` place) or the places of each entity.
    placeEntitiesOf: (kind: Kind, by: 'place' | 'entity', limit: number) =>
      perPage(`placeEntitiesOf:${kind}:${by}`, NO_PAGE, (ids) => placeEntityCounts(db, kind, by, ids, limit), limit),
    articleCountOfPlace: (filter: ArticleFilterSpec | null) =>
      perPage('articleCountOfPlace', NO_PAGE, (ids) => countArticlesOfPlaces(db, ids, filter), filter),

    articlesOf: (parent: ArticleParent, query: ArticleQuery, page: Page) =>
      perPage(`articlesOf:${parent}`, page, (ids) => articlesOfParents(db, parent, ids, query, page), query),
    articlesWithTotalOf: (parent: ArticleParent, query: ArticleQuery, page: Page) =>
      perPage(`articlesWithTotalOf:${parent}`, page, (ids) => articlesWithTotalsOfParents(db, parent, ids, query, page), query),
    articleCountOf: (parent: ArticleParent, filter: ArticleFilterSpec | null) =>
      perPage(`articleCountOf:${parent}`, NO_PAGE, (ids) => countArticlesOfParents(db, parent, ids, filter), filter),
    // The totals of lists of distinct stories, of a conflict's, an actor's or a place's articles.
    storyCountOfList: (parent: ArticleParent | 'place', filter: ArticleFilterSpec | null) =>
      perPage(`storyCountOfList:${parent}`, NO_PAGE, (ids) => countStoriesThroughLinks(db, parent === 'place' ? placeLinks : linkNames(parent), ids, filter), filter),

    actorsOfConflict: (page: Page, filter: PartyFilter, fields: ActorFields = null) =>
      perPage('actorsOfConflict', page, (ids) => actorsOfConflicts(db, ids, page, filter, fields), { filter, fields }),
    actorCountOfConflict: (filter: PartyFilter) =>
      perPage('actorCountOfConflict', NO_PAGE, (ids) => countPartiesOf(db, 'conflict', ids, filter), filter),
    relatedConflictsOf: (limit: number) => perPage('relatedConflictsOf', NO_PAGE, (ids) => relatedConflictsOf(db, ids, limit), limit),
    exampleMentionsOf: (limit: number) => perPage('exampleMentionsOf', NO_PAGE, (ids) => exampleMentionsOf(db, ids, limit), limit),
    rolesOfActor: new DataLoader((ids: readonly number[]) => rolesOfActors(db, ids)),
    conflictsOfActor: (page: Page) => perPage('conflictsOfActor', page, (ids) => conflictsOfActors(db, ids, page)),
    conflictCountOfActor: new DataLoader((ids: readonly number[]) => countPartiesOf(db, 'actor', ids)),

    storyById: new DataLoader((ids: readonly number[]) => storiesById(db, ids)),
    storyIdOfArticle: new DataLoader((ids: readonly number[]) => storyIdsOfArticles(db, ids)),
    articlesOfStory: (page: Page) => perPage('articlesOfStory', page, (ids) => articlesOfStories(db, ids, page)),
    entitiesOfStory: (kind: Kind, limit: number) =>
      perPage(`entitiesOfStory:${kind}`, NO_PAGE, (ids) => entitiesOfStories(db, kind, ids, limit), limit),
    storiesOf: (kind: Kind, page: Page) => perPage(`storiesOf:${kind}`, page, (ids) => storiesOfParents(db, kind, ids, page)),
    storyCountOf: (kind: Kind) => perPage(`storyCountOf:${kind}`, NO_PAGE, (ids) => countStoriesOfParents(db, kind, ids)),

    coActorsOf: (query: CoActorQuery) => perPage('coActorsOf', NO_PAGE, (ids) => coActorsOf(db, ids, query), query),

    // Aggregates over a set of articles: keys are conflict or actor ids, or 0 for the corpus.
    timelineOf: (kind: TimelineScope, filter: ArticleFilterSpec | null, interval: TimelineInterval, unit: CountUnit) =>
      perPage(`timelineOf:${kind}`, NO_PAGE, (ids) => timelinesOf(db, kind, ids, filter, interval, unit), { filter, interval, unit }),
    actorFacetOf: (query: ActorFacetQuery) => perPage('actorFacetOf', NO_PAGE, (ids) => actorFacetsOf(db, ids, query), query),
    conflictFacetOf: (query: FacetQuery) => perPage('conflictFacetOf', NO_PAGE, (ids) => conflictFacetsOf(db, ids, query), query),
    sourceFacetOf: (query: FacetQuery) => perPage('sourceFacetOf', NO_PAGE, (ids) => sourceFacetsOf(db, ids, query), query),
    monthFacetOf: (query: FacetQuery) => perPage('monthFacetOf', NO_PAGE, (ids) => monthFacetsOf(db, ids, query), query),
    networkNodesOf: (query: NetworkQuery) => perPage('networkNodesOf', NO_PAGE, (ids) => networkNodesOf(db, ids, query), query),
    networkEdgesOf: (query: NetworkQuery) => perPage('networkEdgesOf', NO_PAGE, (ids) => networkEdgesOf(db, ids, query), query),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
