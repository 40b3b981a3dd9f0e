import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { alias } from 'drizzle-orm/pg-core';
import { table } from '../db/raw-sql.js';
import { col, selectCount, selectRows } from '../db/rows.js';
import { unlinkedMentions } from '../db/schema.js';
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

const u = alias(unlinkedMentions, 'u');

export async function unlinkedOfArticles(db: Db, articleIds: readonly number[]): Promise<UnlinkedMentionRow[][]> {
  const rows = await selectRows(
    db,
    sql`select ${u.articleId} as "articleId", ${u.start}, ${u.end}, ${u.text} from ${table(unlinkedMentions)} u
        where ${u.articleId} = any(${intArray(articleIds)}) order by ${u.articleId}, ${u.start}`,
    { articleId: col.int, start: col.int, end: col.int, text: col.text },
  );
  return groupedInKeyOrder(articleIds, rows, (row) => row.articleId);
}

export async function listUnlinkedNames(db: Db, page: Page): Promise<UnlinkedNameRow[]> {
  const { where, orderBy } = keyset(page, [sql`-count(distinct ${u.articleId})`, sql`${u.name}`], 'asc');
  return selectRows(
    db,
    sql`select ${u.name}, count(distinct ${u.articleId})::int as "articleCount", count(*)::int as "mentionCount"
        from ${table(unlinkedMentions)} u group by ${u.name} having ${where}
        order by ${orderBy} limit ${page.limit + 1}`,
    { name: col.text, articleCount: col.int, mentionCount: col.int },
  );
}

export async function countUnlinkedNames(db: Db): Promise<number> {
  return selectCount(db, sql`select count(distinct ${u.name})::int as count from ${table(unlinkedMentions)} u`);
}
