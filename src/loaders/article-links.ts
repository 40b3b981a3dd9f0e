import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { selectRows } from '../db/rows.js';
import { conflictColumns, groupedInKeyOrder, intArray, type ActorRow, type ConflictRow } from './rows.js';

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
          (select json_agg(json_build_object('id', a.id, 'slug', a.slug, 'name', a.name, 'nameNl', a.name_nl, 'kind', a.kind,
                                             'aliases', a.aliases, 'wikidataId', a.wikidata_id))
           from actors a where a.id in (select l.actor_id from l)) as actors`,
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
