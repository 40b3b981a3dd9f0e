import { sql, type SQL } from 'drizzle-orm';
import { articleCondition, type ArticleFilterSpec, type ArticleScope } from './article-filter.js';
import type { ArticleParent } from './linked-articles.js';
import { intArray } from './rows.js';

/**
 * What the keys of an aggregate batch are: ids of conflicts or of actors (their articles), or
 * the single key 0 for the whole corpus.
 */
export type ScopeKind = ArticleParent | 'corpus';

export const CORPUS_KEY = 0;

/** The batch an article connection's aggregates go to: its kind and filter, and its key. */
export function scopeKey(scope: ArticleScope): { kind: ScopeKind; id: number } {
  return scope.parent ? { kind: scope.parent.kind, id: scope.parent.id } : { kind: 'corpus', id: CORPUS_KEY };
}

const LINKS: Record<ArticleParent, { table: string; column: string }> = {
  conflict: { table: 'article_conflicts', column: 'conflict_id' },
  actor: { table: 'article_actors', column: 'actor_id' },
};

/**
 * The articles of every key of a batch, as rows (`scope_id`, `article_id`, `published_on`): one
 * subquery for all keys, so that an aggregate over it groups by `scope_id` in one statement.
 */
export function scopedArticles(kind: ScopeKind, ids: readonly number[], filter: ArticleFilterSpec | null): SQL {
  if (kind === 'corpus') {
    return sql`select ${CORPUS_KEY}::int as scope_id, a.id as article_id, a.published_on
               from articles a where ${articleCondition(filter)}`;
  }
  const { table, column } = LINKS[kind];
  const join = filter ? sql`join articles a on a.id = l.article_id` : sql``;
  return sql`select l.${sql.raw(column)} as scope_id, l.article_id, l.published_on
             from ${sql.raw(table)} l ${join}
             where l.${sql.raw(column)} = any(${intArray(ids)}) and ${filter ? articleCondition(filter) : sql`true`}`;
}
