import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { selectRows } from '../db/rows.js';
import { articleCondition, isEmptyFilter, type ArticleFilterSpec } from './article-filter.js';
import { articlePageParts, withHeadlines, type ArticleListRow, type ArticleQuery } from './article-list.js';
import { totalCounts } from './counts.js';
import type { Page } from './keyset.js';
import { groupedInKeyOrder, intArray } from './rows.js';

/** Through which link table the articles of a parent are found. */
export type ArticleParent = 'conflict' | 'actor';

const LINKS: Record<ArticleParent, { table: string; parent: string }> = {
  conflict: { table: 'article_conflicts', parent: 'conflict_id' },
  actor: { table: 'article_actors', parent: 'actor_id' },
};

/**
 * One page of articles for each parent, in one statement: a lateral join runs the keyset query
 * of each parent on the (parent, published_on, article_id) index of the link table (backward
 * for newest first), stopping after the page.
 */
export async function articlesOfParents(
  db: Db,
  parent: ArticleParent,
  parentIds: readonly number[],
  query: ArticleQuery,
  page: Page,
): Promise<ArticleListRow[][]> {
  const { table, parent: column } = LINKS[parent];
  const parts = articlePageParts(query, page, [sql`l.published_on`, sql`l.article_id`]);
  const pages = sql`select p.parent_id as "parentId", x.*
        from unnest(${intArray(parentIds)}) as p(parent_id)
        cross join lateral (
          select ${parts.select}
          from ${sql.raw(table)} l join articles a on a.id = l.article_id
          where l.${sql.raw(column)} = p.parent_id and ${parts.where}
          order by ${parts.orderBy}
          limit ${parts.limit}
        ) x`;
  const rows = await selectRows<ArticleListRow & { parentId: number }>(db, withHeadlines(query, page, pages, [sql`p."parentId"`]));
  return groupedInKeyOrder(parentIds, rows, (row) => row.parentId);
}

export async function countArticlesOfParents(
  db: Db,
  parent: ArticleParent,
  parentIds: readonly number[],
  filter: ArticleFilterSpec | null,
): Promise<number[]> {
  const { table, parent: column } = LINKS[parent];
  // Without a filter the precomputed monthly counts answer: a few hundred rows per parent
  // instead of an index entry per article.
  const query = isEmptyFilter(filter)
    ? sql`select t.scope_id as "parentId", t.article_count as count from (${totalCounts(parent, parentIds)}) t`
    : sql`select l.${sql.raw(column)} as "parentId", count(*)::int as count
          from ${sql.raw(table)} l join articles a on a.id = l.article_id
          where l.${sql.raw(column)} = any(${intArray(parentIds)}) and ${articleCondition(filter)}
          group by l.${sql.raw(column)}`;
  const rows = await selectRows<{ parentId: number; count: number }>(db, query);
  const counts = new Map(rows.map((row) => [row.parentId, row.count]));
  return parentIds.map((id) => counts.get(id) ?? 0);
}
