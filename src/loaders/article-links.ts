import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { selectRows } from '../db/rows.js';
import { actorColumns, conflictColumns, groupedInKeyOrder, intArray, type ActorRow, type ConflictRow } from './rows.js';

export interface ArticleActorRow {
  articleId: number;
  /** The article's publication date, for the role the actor held then. */
  publishedOn: string;
  mentionCount: number;
  actor: ActorRow;
}

export interface ArticleConflictRow {
  articleId: number;
  score: number;
  conflict: ConflictRow;
}

export interface MentionRow {
  articleId: number;
  actorId: number;
  start: number;
  end: number;
  text: string;
  method: 'DICTIONARY' | 'RULE' | 'MANUAL';
  confidence: number;
}

/** The actors each article mentions, most mentioned first. */
export async function actorsOfArticles(db: Db, articleIds: readonly number[]): Promise<ArticleActorRow[][]> {
  const rows = await selectRows<ActorRow & { articleId: number; publishedOn: string; mentionCount: number }>(
    db,
    sql`select aa.article_id as "articleId", aa.published_on::text as "publishedOn", aa.mention_count as "mentionCount",
          ${actorColumns('a')}
        from article_actors aa join actors a on a.id = aa.actor_id
        where aa.article_id = any(${intArray(articleIds)})
        order by aa.article_id, aa.mention_count desc, a.name, a.id`,
  );
  const links = rows.map(({ articleId, publishedOn, mentionCount, ...actor }) => ({ articleId, publishedOn, mentionCount, actor }));
  return groupedInKeyOrder(articleIds, links, (link) => link.articleId);
}

/** The conflicts each article reports on, best evidence first. */
export async function conflictsOfArticles(db: Db, articleIds: readonly number[]): Promise<ArticleConflictRow[][]> {
  const rows = await selectRows<ConflictRow & { articleId: number; score: number }>(
    db,
    sql`select ac.article_id as "articleId", ac.score, ${conflictColumns('c')}
        from article_conflicts ac join conflicts c on c.id = ac.conflict_id
        where ac.article_id = any(${intArray(articleIds)})
        order by ac.article_id, ac.score desc, c.name, c.id`,
  );
  const links = rows.map(({ articleId, score, ...conflict }) => ({ articleId, score, conflict }));
  return groupedInKeyOrder(articleIds, links, (link) => link.articleId);
}

/** Every mention in each article, in reading order. */
export async function mentionsOfArticles(db: Db, articleIds: readonly number[]): Promise<MentionRow[][]> {
  const rows = await selectRows<MentionRow>(
    db,
    sql`select article_id as "articleId", actor_id as "actorId", start, "end", text, method, confidence
        from mentions where article_id = any(${intArray(articleIds)})
        order by article_id, start`,
  );
  return groupedInKeyOrder(articleIds, rows, (row) => row.articleId);
}
