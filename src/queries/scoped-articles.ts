import { sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { column, table } from '../db/raw-sql.js';
import { articles } from '../db/schema.js';
import { LINKED_KINDS, type Kind } from '../kinds.js';
import { articleCondition, type ArticleFilterSpec, type ArticleScope } from './article-filter.js';
import { intArray } from './rows.js';

const a = alias(articles, 'a');

/**
 * What the keys of an aggregate batch are: ids of conflicts or of actors (their articles), or
 * the single key 0 for the whole corpus.
 */
export type ScopeKind = Kind | 'corpus';

export const CORPUS_KEY = 0;

/** The link table of a kind and its columns, named for raw SQL. */
export function linkNames(kind: Kind) {
  const { links, linkKey } = LINKED_KINDS[kind];
  return { table: table(links), parent: column(linkKey), article: column(links.articleId), publishedOn: column(links.publishedOn) };
}

/** The names of a link table from articles to a parent, with the article's date copied beside them. */
export type LinkTableNames = ReturnType<typeof linkNames>;

/** The batch an article connection's aggregates go to: its kind and filter, and its key. */
export function scopeKey(scope: ArticleScope): { kind: ScopeKind; id: number } {
  return scope.parent ? { kind: scope.parent.kind, id: scope.parent.id } : { kind: 'corpus', id: CORPUS_KEY };
}

/**
 * The articles of every key of a batch, as rows (`scope_id`, `article_id`, `published_on`): one
 * subquery for all keys, so that an aggregate over it groups by `scope_id` in one statement.
 */
export function scopedArticles(kind: ScopeKind, ids: readonly number[], filter: ArticleFilterSpec | null): SQL {
  if (kind === 'corpus') {
    return sql`select ${CORPUS_KEY}::int as scope_id, ${a.id} as article_id, ${a.publishedOn}
               from ${table(articles)} a where ${articleCondition(filter)}`;
  }
  return scopedThroughLinks(linkNames(kind), ids, filter);
}

/** `scopedArticles` through any link table with the article's date (the places of articles too): the keys are its parents. */
export function scopedThroughLinks(l: LinkTableNames, ids: readonly number[], filter: ArticleFilterSpec | null): SQL {
  const join = filter ? sql`join ${table(articles)} a on ${a.id} = l.${l.article}` : sql``;
  return sql`select l.${l.parent} as scope_id, l.${l.article} as article_id, l.${l.publishedOn} as published_on
             from ${l.table} l ${join}
             where l.${l.parent} = any(${intArray(ids)}) and ${filter ? articleCondition(filter) : sql`true`}`;
}
