import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { selectRows } from '../db/rows.js';
import { keyset, type KeyPart, type Page } from './keyset.js';
import { articleColumns, type ArticleRow } from './rows.js';

export type ArticleOrder = 'NEWEST' | 'OLDEST' | 'RELEVANCE';

export interface ArticleQuery {
  /** Web-search syntax in Dutch (phrases in quotes, OR, -word); absent or blank: no text condition. */
  search: string | null;
  order: ArticleOrder;
}

/** The sort key behind the cursors of each order. */
export function articleKeyShape(order: ArticleOrder): KeyPart[] {
  return order === 'RELEVANCE' ? ['real', 'int'] : ['date', 'int'];
}

// The marks are control characters no article text holds; the API turns them into <mark> tags
// after escaping the text around them.
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

const tsquery = (search: string) => sql`websearch_to_tsquery('dutch', ${search})`;

function conditionOf(query: ArticleQuery): SQL {
  return query.search ? sql`a.search @@ ${tsquery(query.search)}` : sql`true`;
}

const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=40, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;

export type ArticleListRow = ArticleRow & { rank: number | null };

/** One page of articles matching the query; when searching, ranked on the page only and with a headline. */
export async function listArticles(db: Db, query: ArticleQuery, page: Page): Promise<ArticleListRow[]> {
  const rank = query.search ? sql`ts_rank_cd(a.search, ${tsquery(query.search)})` : sql`null::real`;
  const { where, orderBy } =
    query.order === 'RELEVANCE'
      ? keyset(page, [rank, sql`a.id`], 'desc')
      : keyset(page, [sql`a.published_on`, sql`a.id`], query.order === 'NEWEST' ? 'desc' : 'asc');
  // ts_headline is costly (cost 100), so the planner evaluates it after the sort and limit:
  // only for the rows of this page.
  const headline = query.search
    ? sql`ts_headline('dutch', a.body, ${tsquery(query.search)}, ${HEADLINE_OPTIONS})`
    : sql`null::text`;
  return selectRows<ArticleListRow>(
    db,
    sql`select ${articleColumns('a')}, ${rank} as rank, ${headline} as headline
        from articles a where ${conditionOf(query)} and ${where}
        order by ${orderBy} limit ${page.limit + 1}`,
  );
}

export async function countArticles(db: Db, query: ArticleQuery): Promise<number> {
  const [row] = await selectRows<{ count: number }>(
    db,
    sql`select count(*)::int as count from articles a where ${conditionOf(query)}`,
  );
  return row?.count ?? 0;
}
