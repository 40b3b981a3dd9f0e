import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { selectRows } from '../db/rows.js';
import { keyset, type KeyPart, type Page } from './keyset.js';
import { groupedInKeyOrder, intArray } from './rows.js';

export interface UnlinkedMentionRow {
  articleId: number;
  start: number;
  end: number;
  text: string;
}

export interface UnlinkedNameRow {
  name: string;
  articleCount: number;
  mentionCount: number;
}

/** Most widespread first: the key is the negated article count (so the whole key sorts ascending), then the name. */
export const UNLINKED_NAME_KEY: KeyPart[] = ['int', 'text'];

export async function unlinkedOfArticles(db: Db, articleIds: readonly number[]): Promise<UnlinkedMentionRow[][]> {
  const rows = await selectRows<UnlinkedMentionRow>(
    db,
    sql`select article_id as "articleId", start, "end", text from unlinked_mentions
        where article_id = any(${intArray(articleIds)}) order by article_id, start`,
  );
  return groupedInKeyOrder(articleIds, rows, (row) => row.articleId);
}

export async function listUnlinkedNames(db: Db, page: Page): Promise<UnlinkedNameRow[]> {
  const { where, orderBy } = keyset(page, [sql`-count(distinct article_id)`, sql`name`], 'asc');
  return selectRows<UnlinkedNameRow>(
    db,
    sql`select name, count(distinct article_id)::int as "articleCount", count(*)::int as "mentionCount"
        from unlinked_mentions group by name having ${where}
        order by ${orderBy} limit ${page.limit + 1}`,
  );
}

export async function countUnlinkedNames(db: Db): Promise<number> {
  const [row] = await selectRows<{ count: number }>(db, sql`select count(distinct name)::int as count from unlinked_mentions`);
  return row?.count ?? 0;
}
