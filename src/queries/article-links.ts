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

/**
 * The actors each article mentions, most mentioned first. One row comes back: the links as
 * arrays and each actor once, as JSON. A page of 200 articles names some 1,800 links but only a
 * few hundred actors; one JSON text parses in a fraction of the time the driver takes for as many
 * rows of actor columns, and every link to an actor shares one object.
 */
export async function actorsOfArticles(db: Db, articleIds: readonly number[]): Promise<ArticleActorRow[][]> {
  const [row] = await selectRows<{ links: [number, string, number, number][] | null; actors: ActorRow[] | null }>(
    db,
    sql`with l as (
          select aa.article_id, aa.published_on, aa.mention_count, aa.actor_id
          from article_actors aa where aa.article_id = any(${intArray(articleIds)})
        )
        select
          (select json_agg(json_build_array(l.article_id, l.published_on, l.mention_count, l.actor_id)
                           order by l.article_id, l.mention_count desc, a.name, a.id)
           from l join actors a on a.id = l.actor_id) as links,
          (select json_agg(x) from (select ${actorColumns('a')} from actors a where a.id in (select l.actor_id from l)) x) as actors`,
  );
  const actors = new Map((row?.actors ?? []).map((actor) => [actor.id, actor]));
  const links = (row?.links ?? []).map(([articleId, publishedOn, mentionCount, actorId]) => ({
    articleId,
    publishedOn,
    mentionCount,
    actor: actors.get(actorId)!,
  }));
  return groupedInKeyOrder(articleIds, links, (link) => link.articleId);
}

/** The conflicts each article reports on, best evidence first; one JSON row, each conflict once (as actorsOfArticles). */
export async function conflictsOfArticles(db: Db, articleIds: readonly number[]): Promise<ArticleConflictRow[][]> {
  const [row] = await selectRows<{ links: [number, number, number][] | null; conflicts: ConflictRow[] | null }>(
    db,
    sql`with l as (
          select ac.article_id, ac.score, ac.conflict_id
          from article_conflicts ac where ac.article_id = any(${intArray(articleIds)})
        )
        select
          (select json_agg(json_build_array(l.article_id, l.score, l.conflict_id) order by l.article_id, l.score desc, c.name, c.id)
           from l join conflicts c on c.id = l.conflict_id) as links,
          (select json_agg(x) from (select ${conflictColumns('c')} from conflicts c where c.id in (select l.conflict_id from l)) x) as conflicts`,
  );
  const conflicts = new Map((row?.conflicts ?? []).map((conflict) => [conflict.id, conflict]));
  const links = (row?.links ?? []).map(([articleId, score, conflictId]) => ({ articleId, score, conflict: conflicts.get(conflictId)! }));
  return groupedInKeyOrder(articleIds, links, (link) => link.articleId);
}

/** Every mention in each article, in reading order; one JSON row of arrays (thousands of mentions on a page of 50). */
export async function mentionsOfArticles(db: Db, articleIds: readonly number[]): Promise<MentionRow[][]> {
  const [row] = await selectRows<{ mentions: [number, number, number, number, string, MentionRow['method'], number][] | null }>(
    db,
    sql`select json_agg(json_build_array(article_id, actor_id, start, "end", text, method, confidence) order by article_id, start) as mentions
        from mentions where article_id = any(${intArray(articleIds)})`,
  );
  const mentions = (row?.mentions ?? []).map(([articleId, actorId, start, end, text, method, confidence]) => ({
    articleId,
    actorId,
    start,
    end,
    text,
    method,
    confidence,
  }));
  return groupedInKeyOrder(articleIds, mentions, (mention) => mention.articleId);
}
