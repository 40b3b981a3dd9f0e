import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { column, table } from '../db/raw-sql.js';
import { col, selectRows } from '../db/rows.js';
import { articles, articleStories } from '../db/schema.js';
import { LINKED_KINDS, type Kind } from '../kinds.js';
import { articleCondition, type ArticleFilterSpec } from './article-filter.js';
import { keyset, type KeyPart, type Page } from './keyset.js';
import { articleColumns, articleShape, groupedInKeyOrder, inKeyOrder, intArray, type ArticleRow } from './rows.js';

/** A story with what is read of it at once: the span, size and outlets of its articles, and its representative. */
export interface StoryRow {
  id: number;
  articleCount: number;
  firstPublishedOn: string;
  lastPublishedOn: string;
  /** The earliest article (first published, then first stored): the original of any copies among the first. */
  representativeId: number;
  sources: string[];
}

const s = sql.raw('s');
const storyId = sql`${s}.${column(articleStories.storyId)}`;
const storyArticle = sql`${s}.${column(articleStories.articleId)}`;
const storyDate = sql`${s}.${column(articleStories.publishedOn)}`;

/** The stories by id, one statement for all (null for an id that is no story). */
export async function storiesById(db: Db, ids: readonly number[]): Promise<(StoryRow | null)[]> {
  const rows = await selectRows(
    db,
    sql`select ${storyId} as id, count(distinct ${storyArticle})::int as "articleCount", min(${storyDate})::text as "firstPublishedOn",
               max(${storyDate})::text as "lastPublishedOn",
               (array_agg(${storyArticle} order by ${storyDate}, ${storyArticle}))[1] as "representativeId",
               coalesce(to_json(array_agg(distinct src) filter (where src is not null)), '[]') as sources
        from ${table(articleStories)} ${s}
        join ${table(articles)} a on a.${column(articles.id)} = ${storyArticle}
        left join lateral unnest(a.${column(articles.sources)}) src on true
        where ${storyId} = any(${intArray(ids)})
        group by ${storyId}`,
    { id: col.int, articleCount: col.int, firstPublishedOn: col.text, lastPublishedOn: col.text, representativeId: col.int, sources: col.texts },
  );
  return inKeyOrder(ids, rows, (row) => row.id);
}

/** The story id of each article (null for an article stored before stories were kept, until a relink). */
export async function storyIdsOfArticles(db: Db, ids: readonly number[]): Promise<(number | null)[]> {
  const rows = await selectRows(
    db,
    sql`select ${storyArticle} as article, ${storyId} as story from ${table(articleStories)} ${s} where ${storyArticle} = any(${intArray(ids)})`,
    { article: col.int, story: col.int },
  );
  return inKeyOrder(ids, rows, (row) => row.article).map((row) => row?.story ?? null);
}

/** The key of the articles of a story, oldest first. */
export const STORY_ARTICLE_KEY: KeyPart[] = ['date', 'int'];

/** A page of the articles of each story, oldest first (then first stored), in one statement. */
export async function articlesOfStories(db: Db, ids: readonly number[], page: Page): Promise<(ArticleRow & { of: number })[][]> {
  const { where, orderBy } = keyset(page, [storyDate, storyArticle], 'asc');
  const rows = await selectRows(
    db,
    sql`select * from (
          select ${storyId} as "of", ${articleColumns('a')}, (row_number() over (partition by ${storyId} order by ${orderBy}))::int as n
          from ${table(articleStories)} ${s} join ${table(articles)} a on a.${column(articles.id)} = ${storyArticle}
          where ${storyId} = any(${intArray(ids)}) and ${where}
        ) x where n <= ${page.limit + 1} order by "of", n`,
    { of: col.int, n: col.int, ...articleShape },
  );
  return groupedInKeyOrder(ids, rows, (row) => row.of);
}

/** The entities of a kind linked in the articles of each story, most articles first, at most `limit` a story, in one statement. */
export async function entitiesOfStories(db: Db, kind: Kind, ids: readonly number[], limit: number): Promise<{ id: number; articleCount: number }[][]> {
  const { links, linkKey } = LINKED_KINDS[kind];
  const rows = await selectRows(
    db,
    sql`select "of", id, "articleCount" from (
          select ${storyId} as "of", l.${column(linkKey)} as id, count(*)::int as "articleCount",
                 row_number() over (partition by ${storyId} order by count(*) desc, l.${column(linkKey)}) as n
          from ${table(articleStories)} ${s} join ${table(links)} l on l.${column(links.articleId)} = ${storyArticle}
          where ${storyId} = any(${intArray(ids)})
          group by ${storyId}, l.${column(linkKey)}
        ) x where n <= ${limit} order by "of", n`,
    { of: col.int, id: col.int, articleCount: col.int },
  );
  return groupedInKeyOrder(ids, rows, (row) => row.of);
}

/** The key of a list of stories, newest first: the latest matching article's date, then the story id. */
export const STORY_LIST_KEY: KeyPart[] = ['date', 'int'];

/** A story in a list: its id and the date of its latest article in the list's scope. */
export interface StoryListRow {
  id: number;
  last: string;
}

/** The stories of the articles matching `filter` (all articles when null), newest first. */
export async function listStories(db: Db, filter: ArticleFilterSpec | null, page: Page): Promise<StoryListRow[]> {
  const { where, orderBy } = keyset(page, [sql`max(a.${column(articles.publishedOn)})`, storyId], 'desc');
  return selectRows(
    db,
    sql`select ${storyId} as id, max(a.${column(articles.publishedOn)})::text as last
        from ${table(articles)} a join ${table(articleStories)} ${s} on ${storyArticle} = a.${column(articles.id)}
        where ${articleCondition(filter, 'a')}
        group by ${storyId} having ${where} order by ${orderBy} limit ${page.limit + 1}`,
    { id: col.int, last: col.text },
  );
}

/** How many stories the articles matching `filter` belong to. */
export async function countStories(db: Db, filter: ArticleFilterSpec | null): Promise<number> {
  const [row] = await selectRows(
    db,
    sql`select count(distinct ${storyId})::int as count
        from ${table(articles)} a join ${table(articleStories)} ${s} on ${storyArticle} = a.${column(articles.id)}
        where ${articleCondition(filter, 'a')}`,
    { count: col.int },
  );
  return row?.count ?? 0;
}

function linkedStories(kind: Kind, parent: SQL): SQL {
  const { links, linkKey } = LINKED_KINDS[kind];
  return sql`from ${table(links)} l join ${table(articleStories)} ${s} on ${storyArticle} = l.${column(links.articleId)}
             where l.${column(linkKey)} = ${parent}`;
}

/**
 * A page of the stories of each conflict (or actor), newest first by their latest article linked to
 * it, in one statement (a lateral query per parent over its links). Reads every link of the parent:
 * a parent with 100,000 articles costs that many index entries per page.
 */
export async function storiesOfParents(db: Db, kind: Kind, ids: readonly number[], page: Page): Promise<(StoryListRow & { of: number })[][]> {
  const { links } = LINKED_KINDS[kind];
  const { where, orderBy } = keyset(page, [sql`max(l.${column(links.publishedOn)})`, storyId], 'desc');
  const rows = await selectRows(
    db,
    sql`select p.id as "of", x.id, x.last from unnest(${intArray(ids)}) as p(id)
        cross join lateral (
          select ${storyId} as id, max(l.${column(links.publishedOn)})::text as last ${linkedStories(kind, sql`p.id`)}
          group by ${storyId} having ${where} order by ${orderBy} limit ${page.limit + 1}
        ) x`,
    { of: col.int, id: col.int, last: col.text },
  );
  return groupedInKeyOrder(ids, rows, (row) => row.of);
}

/** How many stories each conflict (or actor) has articles in, in one statement. */
export async function countStoriesOfParents(db: Db, kind: Kind, ids: readonly number[]): Promise<number[]> {
  const rows = await selectRows(
    db,
    sql`select p.id as "of", (select count(distinct ${storyId}) ${linkedStories(kind, sql`p.id`)})::int as count
        from unnest(${intArray(ids)}) as p(id)`,
    { of: col.int, count: col.int },
  );
  return inKeyOrder(ids, rows, (row) => row.of).map((row) => row?.count ?? 0);
}
