import { sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import { col, selectBatched, type Decoder } from '../db/rows.js';
import { column, table } from '../db/raw-sql.js';
import { articles } from '../db/schema.js';
import type { Kind } from '../kinds.js';
import { articleCondition, isEmptyFilter, type ArticleFilterSpec } from './article-filter.js';
import { articleListShape, articlePageParts, withHeadlines, type ArticleListRow, type ArticleQuery } from './article-list.js';
import { totalCounts } from './counts.js';
import type { Page } from './keyset.js';
import { groupedInKeyOrder, intArray, statementPerVariant } from './rows.js';
import { linkNames, type LinkTableNames } from './scoped-articles.js';
import { storyKey, unitJoin } from './units.js';

const a = alias(articles, 'a');

/** Through which link table the articles of a parent are found. */
export type ArticleParent = Kind;

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
  return articlesThroughLinks(db, linkNames(parent), parentIds, query, page);
}

/** `articlesOfParents` through any link table of that shape (the places of articles too). */
export async function articlesThroughLinks(
  db: Db,
  l: LinkTableNames,
  parentIds: readonly number[],
  query: ArticleQuery,
  page: Page,
): Promise<ArticleListRow[][]> {
  const parts = articlePageParts(query, page, [sql`l.${l.publishedOn}`, sql`l.${l.article}`], linkedToParent(l));
  const pages = sql`select p.parent_id as "parentId", x.*
        from unnest(${intArray(parentIds)}) as p(parent_id)
        cross join lateral (${pageOfParent(l, parts)}) x`;
  const rows = await selectBatched(db, withHeadlines(query, page, pages, [sql`p."parentId"`]), { ...articleListShape(query), parentId: col.int });
  return groupedInKeyOrder(parentIds, rows, (row) => row.parentId);
}

/** The condition that an article is linked to the parent `p.parent_id`: in its list, for a list of distinct stories. */
function linkedToParent(l: LinkTableNames) {
  return (articleId: SQL) => sql`exists (select 1 from ${l.table} lr where lr.${l.article} = ${articleId} and lr.${l.parent} = p.parent_id)`;
}

/** The page of the articles of the parent `p.parent_id`, for a lateral join. */
function pageOfParent(l: LinkTableNames, parts: ReturnType<typeof articlePageParts>) {
  return sql`select ${parts.select}
          from ${l.table} l join ${table(articles)} a on ${a.id} = l.${l.article}
          where l.${l.parent} = p.parent_id and ${parts.where}
          order by ${parts.orderBy}
          limit ${parts.limit}`;
}

/** A page of a parent's articles with the number of all its articles. */
export interface ArticlePageWithTotal {
  rows: ArticleListRow[];
  total: number;
}

const pagesWithTotalsStatements = statementPerVariant(
  (parentIds: SQL, { parent, query, page }: { parent: ArticleParent; query: ArticleQuery; page: Page }) => {
    const l = linkNames(parent);
    const parts = articlePageParts(query, page, [sql`l.${l.publishedOn}`, sql`l.${l.article}`]);
    return sql`select p.parent_id as "parentId", coalesce(t.article_count, 0)::int as total, x.*
        from unnest(${parentIds}) as p(parent_id)
        left join (${totalCounts(parent, parentIds)}) t on t.scope_id = p.parent_id
        left join lateral (${pageOfParent(l, parts)}) x on true`;
  },
);

/**
 * articlesOfParents and countArticlesOfParents in one statement, for a list without a filter
 * (its total read from the monthly counts): one round trip for a connection's edges and its
 * totalCount. Each parent gives its page's rows, or one row of nulls beside its total when its
 * page is empty.
 */
export async function articlesWithTotalsOfParents(
  db: Db,
  parent: ArticleParent,
  parentIds: readonly number[],
  query: ArticleQuery,
  page: Page,
): Promise<ArticlePageWithTotal[]> {
  if (!isEmptyFilter(query.filter) || query.distinctStories) {
    throw new Error('articlesWithTotalsOfParents: a filtered list, or one of distinct stories, is counted on its own');
  }
  const statement = pagesWithTotalsStatements(parentIds, { parent, query, page });
  const listShape = articleListShape(query);
  const pageShape = Object.fromEntries(Object.entries(listShape).map(([name, read]: [string, Decoder<unknown>]) => [name, col.nullable(read)])) as {
    [K in keyof typeof listShape]: Decoder<ReturnType<(typeof listShape)[K]> | null>;
  };
  const rows = await selectBatched(db, statement, { ...pageShape, parentId: col.int, total: col.int });
  const pages = new Map<number, ArticlePageWithTotal>();
  for (const { parentId, total, ...row } of rows) {
    let entry = pages.get(parentId);
    if (!entry) pages.set(parentId, (entry = { rows: [], total }));
    // A row of nulls stands for an empty page; a real row has its non-null columns (checked by the shape of articlesOfParents).
    if (row.id != null) entry.rows.push(row as ArticleListRow);
  }
  return parentIds.map((id) => pages.get(id) ?? { rows: [], total: 0 });
}

export async function countArticlesOfParents(
  db: Db,
  parent: ArticleParent,
  parentIds: readonly number[],
  filter: ArticleFilterSpec | null,
): Promise<number[]> {
  const l = linkNames(parent);
  // Without a filter the precomputed monthly counts answer: a few hundred rows per parent
  // instead of an index entry per article.
  const query = isEmptyFilter(filter)
    ? sql`select t.scope_id as "parentId", t.article_count as count from (${totalCounts(parent, parentIds)}) t`
    : sql`select l.${l.parent} as "parentId", count(*)::int as count
          from ${l.table} l join ${table(articles)} a on ${a.id} = l.${l.article}
          where l.${l.parent} = any(${intArray(parentIds)}) and ${articleCondition(filter)}
          group by l.${l.parent}`;
  const rows = await selectBatched(db, query, { parentId: col.int, count: col.int });
  const counts = new Map(rows.map((row) => [row.parentId, row.count]));
  return parentIds.map((id) => counts.get(id) ?? 0);
}

/**
 * How many stories the articles of each parent (through any link table) that meet `filter`
 * belong to, an article without a story counting as one: the size of a list of distinct stories.
 */
export async function countStoriesThroughLinks(
  db: Db,
  l: LinkTableNames,
  parentIds: readonly number[],
  filter: ArticleFilterSpec | null,
): Promise<number[]> {
  const article = sql`l.${l.article}`;
  const join = isEmptyFilter(filter) ? sql`` : sql`join ${table(articles)} a on ${a.id} = ${article}`;
  const rows = await selectBatched(
    db,
    sql`select l.${l.parent} as "parentId", count(distinct ${storyKey(article)})::int as count
        from ${l.table} l ${join} ${unitJoin('STORY', article)}
        where l.${l.parent} = any(${intArray(parentIds)}) and ${isEmptyFilter(filter) ? sql`true` : articleCondition(filter)}
        group by l.${l.parent}`,
    { parentId: col.int, count: col.int },
  );
  const counts = new Map(rows.map((row) => [row.parentId, row.count]));
  return parentIds.map((id) => counts.get(id) ?? 0);
}
