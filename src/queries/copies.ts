import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { column, table } from '../db/raw-sql.js';
import { col, selectRows } from '../db/rows.js';
import { articleCopies, articles } from '../db/schema.js';
import { articleColumns, articleShape, groupedInKeyOrder, intArray, type ArticleRow } from './rows.js';

/** A copy of an article, with the estimated share of the shorter text that the other holds. */
export interface CopyRow {
  of: number;
  similarity: number;
  article: ArticleRow;
}

/** The copies of each article, earliest publication first (then first stored): one statement for all. */
export async function copiesOfArticles(db: Db, ids: readonly number[]): Promise<CopyRow[][]> {
  const rows = await selectRows(
    db,
    sql`select c.${column(articleCopies.articleId)} as "of", c.${column(articleCopies.similarity)} as similarity, ${articleColumns('a')}
        from ${table(articleCopies)} c
        join ${table(articles)} a on a.${column(articles.id)} = c.${column(articleCopies.copyId)}
        where c.${column(articleCopies.articleId)} = any(${intArray(ids)})
        order by a.${column(articles.publishedOn)}, a.${column(articles.id)}`,
    { of: col.int, similarity: col.float, ...articleShape },
  );
  return groupedInKeyOrder(
    ids,
    rows.map(({ of, similarity, ...article }) => ({ of, similarity, article })),
    (row) => row.of,
  );
}
