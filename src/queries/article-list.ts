import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { alias } from 'drizzle-orm/pg-core';
import { column, table } from '../db/raw-sql.js';
import { col, selectBatched, selectBatchedCount } from '../db/rows.js';
import { articles, articleStories, corpusMonthCounts } from '../db/schema.js';
import { articleCondition, isEmptyFilter, type ArticleFilterSpec } from './article-filter.js';
import { keyset, type KeyPart, type Page } from './keyset.js';
import { articleFieldColumns, articleShape, type ArticleField, type ArticleRow } from './rows.js';
import { rankQuery, SEARCH_CONFIG, type SearchSpec } from './search.js';
import { storyKey, unitJoin } from './units.js';

export type ArticleOrder = 'NEWEST' | 'OLDEST' | 'RELEVANCE';

/**
 * A list of articles: which ones, in which order (RELEVANCE ranks by the filter's top-level
 * search), and whether only one article a story (its representative in the list, see
 * `representativeCondition`).
 */
export interface ArticleQuery {
  filter: ArticleFilterSpec | null;
  order: ArticleOrder;
  distinctStories: boolean;
  /**
   * The columns of the rows to read (with `id` and `publishedOn`, which cursors need), or all of
   * them when absent or null: the rest of each ArticleRow is then absent, so the caller names
   * every column its selection reads (see `articleColumnsAt`).
   */
  columns?: readonly ArticleField[] | null;
}

/** The sort key behind the cursors of each order. */
export function articleKeyShape(order: ArticleOrder): KeyPart[] {
  return order === 'RELEVANCE' ? ['real', 'int'] : ['date', 'int'];
}

export type ArticleListRow = ArticleRow & { rank: number | null };

export function articleKeyOf(order: ArticleOrder, row: ArticleListRow): unknown[] {
  return order === 'RELEVANCE' ? [row.rank, row.id] : [row.publishedOn, row.id];
}

// The marks are control characters no article text holds; the API turns them into <mark> tags
// after escaping the text around them.
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';
const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=40, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;

const a = alias(articles, 'a');
const m = alias(corpusMonthCounts, 'm');

export function searchOf(query: ArticleQuery): SearchSpec | null {
  return query.filter?.search ?? null;
}

/** The condition, beyond the filter, that an article (its id) is in a list: in a parent's list, that it is linked to the parent. */
export type ListScope = (articleId: SQL) => SQL;

/**
 * The condition that the article `a` is the representative of its story in the list: no article of
 * its story that is also in the list (meets the filter and `scope`) comes before it, first
 * published, then first stored (the dates and ids of article_stories, as Story.representative
 * reads them). A property of the article alone, not of the page, so keyset cursors stay exact
 * and a story is never listed twice nor skipped. An article without a story stands for itself.
 * Costs an index range scan of the story's earlier articles per candidate, so a page still stops
 * after its rows.
 */
function representativeCondition(filter: ArticleFilterSpec | null, scope: ListScope | null): SQL {
  const story = column(articleStories.storyId);
  const article = column(articleStories.articleId);
  const date = column(articleStories.publishedOn);
  const earlier = sql`ro.${article}`;
  const inList = [
    isEmptyFilter(filter) ? null : sql`exists (select 1 from ${table(articles)} ra where ra.${column(articles.id)} = ${earlier} and ${articleCondition(filter, 'ra')})`,
    scope ? scope(earlier) : null,
  ].filter((part): part is SQL => part !== null);
  return sql`not exists (
      select 1 from ${table(articleStories)} rs
      join ${table(articleStories)} ro on ro.${story} = rs.${story} and (ro.${date}, ro.${article}) < (rs.${date}, rs.${article})
      where rs.${article} = ${a.id}${sql.join(inList.map((part) => sql` and ${part}`))})`;
}

/**
 * The select list, condition and keyset of an article query over `articles a`. Dates sort on
 * `dateColumns` (the link table's copy for nested lists, so the page is an index range scan).
 * Ranking needs the rank of every match (the order is over all of them); the headline is left
 * to `withHeadlines`, which computes it for the rows of the page only. `scope` narrows a list of
 * distinct stories to the parent's articles, as its caller's join does for the page.
 */
export function articlePageParts(
  query: ArticleQuery,
  page: Page,
  dateColumns: SQL[] = [sql`${a.publishedOn}`, sql`${a.id}`],
  scope: ListScope | null = null,
) {
  const search = searchOf(query);
  // ts_rank, not ts_rank_cd: both weigh the title above the body, and ts_rank costs a third as much
  // over the thousands of matches a common name has (every match is ranked to find the page).
  const rank = search ? sql`ts_rank(${a.search}, ${rankQuery(search)})` : sql`null::real`;
  const { where, orderBy } =
    query.order === 'RELEVANCE'
      ? keyset(page, [rank, sql`${a.id}`], 'desc')
      : keyset(page, dateColumns, query.order === 'NEWEST' ? 'desc' : 'asc');
  return {
    // A search's headline is made from the text of the page's rows (withHeadlines).
    select: sql`${articleFieldColumns('a', query.columns ?? null)}${search ? sql`, ${a.body}` : sql``}, ${rank} as rank`,
    where: sql`${articleCondition(query.filter)} and ${where}${query.distinctStories ? sql` and ${representativeCondition(query.filter, scope)}` : sql``}`,
    orderBy,
    limit: page.limit + 1,
  };
}

/**
 * Adds the search headline to the rows of a page (`rows`: a statement selecting the article
 * columns and `rank`), sorted again by `groupBy` and the page order; without a search, `rows`.
 */
export function withHeadlines(query: ArticleQuery, page: Page, rows: SQL, groupBy: SQL[] = []): SQL {
  const search = searchOf(query);
  if (!search) return rows;
  const order =
    query.order === 'RELEVANCE'
      ? keyset(page, [sql`p.rank`, sql`p.id`], 'desc').orderBy
      : keyset(page, [sql`p."publishedOn"`, sql`p.id`], query.order === 'NEWEST' ? 'desc' : 'asc').orderBy;
  return sql`select p.*, ts_headline(${SEARCH_CONFIG}, p.body, ${rankQuery(search)}, ${HEADLINE_OPTIONS}) as headline
             from (${rows}) p order by ${sql.join([...groupBy, order], sql`, `)}`;
}

const LIST_SHAPE = { ...articleShape, rank: col.nullable(col.float) };
const SEARCH_LIST_SHAPE = { ...LIST_SHAPE, body: col.text, headline: col.nullable(col.text) };

const listShapes = new Map<string, typeof LIST_SHAPE | typeof SEARCH_LIST_SHAPE>();

/** How selectRows reads the rows of a statement built from articlePageParts and withHeadlines. */
export function articleListShape(query: ArticleQuery): typeof LIST_SHAPE | typeof SEARCH_LIST_SHAPE {
  const all = searchOf(query) ? SEARCH_LIST_SHAPE : LIST_SHAPE;
  if (!query.columns) return all;
  const key = `${all === LIST_SHAPE ? 'list' : 'search'}:${query.columns.join(',')}`;
  let shape = listShapes.get(key);
  if (!shape) {
    const read = new Set<string>(query.columns);
    // The shape of the columns read: the same decoders, as the type of a partial row (see ArticleQuery.columns).
    shape = Object.fromEntries(Object.entries(all).filter(([name]) => read.has(name) || !(name in articleShape))) as typeof all;
    listShapes.set(key, shape);
  }
  return shape;
}

/** One page of articles matching the query. */
export async function listArticles(db: Db, query: ArticleQuery, page: Page): Promise<ArticleListRow[]> {
  const parts = articlePageParts(query, page);
  const rows = sql`select ${parts.select} from ${table(articles)} a where ${parts.where} order by ${parts.orderBy} limit ${parts.limit}`;
  return selectBatched(db, withHeadlines(query, page, rows), articleListShape(query));
}

/** How many articles match; the whole corpus is the sum of the precomputed monthly counts. */
export async function countArticles(db: Db, filter: ArticleFilterSpec | null): Promise<number> {
  const count = isEmptyFilter(filter)
    ? sql`select coalesce(sum(${m.articleCount}), 0)::int as count from ${table(corpusMonthCounts)} m`
    : sql`select count(*)::int as count from ${table(articles)} a where ${articleCondition(filter)}`;
  return selectBatchedCount(db, count);
}

/** How many stories the matching articles belong to (an article without a story counts as one): the size of a list of distinct stories. */
export async function countArticleStories(db: Db, filter: ArticleFilterSpec | null): Promise<number> {
  return selectBatchedCount(
    db,
    sql`select count(distinct ${storyKey(sql`${a.id}`)})::int as count from ${table(articles)} a ${unitJoin('STORY', sql`${a.id}`)}
        where ${articleCondition(filter)}`,
  );
}
