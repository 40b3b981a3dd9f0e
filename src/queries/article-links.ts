import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { alias } from 'drizzle-orm/pg-core';
import { table } from '../db/raw-sql.js';
import { col, selectBatched, tableShape } from '../db/rows.js';
import { actors, articleActors, articleConflicts, conflicts, mentions } from '../db/schema.js';
import { actorColumns, arrayLiteral, conflictColumns, fixedStatement, groupedInKeyOrder, type ActorRow, type ConflictRow } from './rows.js';

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

/** How selectRows reads the columns of a MentionRow. */
export const mentionShape = tableShape(mentions, ['articleId', 'actorId', 'start', 'end', 'text', 'method', 'confidence']);

const aa = alias(articleActors, 'aa');
const ac = alias(articleConflicts, 'ac');
const a = alias(actors, 'a');
const c = alias(conflicts, 'c');
const m = alias(mentions, 'm');

const actorsOfArticlesStatement = fixedStatement(['ids'], ({ ids }) =>
    sql`with l as (
          select ${aa.articleId}, ${aa.publishedOn}, ${aa.mentionCount}, ${aa.actorId}
          from ${table(articleActors)} aa where ${aa.articleId} = any(${ids}::int[])
        )
        select
          (select json_agg(json_build_array(l.article_id, l.published_on, l.mention_count, l.actor_id)
                           order by l.article_id, l.mention_count desc, ${a.name}, ${a.id})
           from l join ${table(actors)} a on ${a.id} = l.actor_id) as links,
          (select json_agg(x) from (select ${actorColumns('a')} from ${table(actors)} a where ${a.id} in (select l.actor_id from l)) x) as actors`,
);

/**
 * The actors each article mentions, most mentioned first. One row comes back: the links as
 * arrays and each actor once, as JSON. A page of 200 articles names some 1,800 links but only a
 * few hundred actors; one JSON text parses in a fraction of the time the driver takes for as many
 * rows of actor columns, and every link to an actor shares one object.
 */
export async function actorsOfArticles(db: Db, articleIds: readonly number[]): Promise<ArticleActorRow[][]> {
  const [row] = await selectBatched(
    db,
    actorsOfArticlesStatement({ ids: arrayLiteral(articleIds) }),
    { links: col.nullable(col.jsonOf<[number, string, number, number][]>()), actors: col.nullable(col.jsonOf<ActorRow[]>()) },
  );
  const actorOf = new Map((row?.actors ?? []).map((actor) => [actor.id, actor]));
  const links = (row?.links ?? []).map(([articleId, publishedOn, mentionCount, actorId]) => ({
    articleId,
    publishedOn,
    mentionCount,
    actor: actorOf.get(actorId)!,
  }));
  return groupedInKeyOrder(articleIds, links, (link) => link.articleId);
}

const conflictsOfArticlesStatement = fixedStatement(['ids'], ({ ids }) =>
    sql`with l as (
          select ${ac.articleId}, ${ac.score}, ${ac.conflictId}
          from ${table(articleConflicts)} ac where ${ac.articleId} = any(${ids}::int[])
        )
        select
          (select json_agg(json_build_array(l.article_id, l.score, l.conflict_id) order by l.article_id, l.score desc, ${c.name}, ${c.id})
           from l join ${table(conflicts)} c on ${c.id} = l.conflict_id) as links,
          (select json_agg(x) from (select ${conflictColumns('c')} from ${table(conflicts)} c where ${c.id} in (select l.conflict_id from l)) x) as conflicts`,
);

/** The conflicts each article reports on, best evidence first; one JSON row, each conflict once (as actorsOfArticles). */
export async function conflictsOfArticles(db: Db, articleIds: readonly number[]): Promise<ArticleConflictRow[][]> {
  const [row] = await selectBatched(
    db,
    conflictsOfArticlesStatement({ ids: arrayLiteral(articleIds) }),
    { links: col.nullable(col.jsonOf<[number, number, number][]>()), conflicts: col.nullable(col.jsonOf<ConflictRow[]>()) },
  );
  const conflictOf = new Map((row?.conflicts ?? []).map((conflict) => [conflict.id, conflict]));
  const links = (row?.links ?? []).map(([articleId, score, conflictId]) => ({ articleId, score, conflict: conflictOf.get(conflictId)! }));
  return groupedInKeyOrder(articleIds, links, (link) => link.articleId);
}

const mentionsOfArticlesStatement = fixedStatement(['ids'], ({ ids }) =>
    sql`select json_agg(json_build_array(${m.articleId}, ${m.actorId}, ${m.start}, ${m.end}, ${m.text}, ${m.method}, ${m.confidence})
                        order by ${m.articleId}, ${m.start}) as mentions
        from ${table(mentions)} m where ${m.articleId} = any(${ids}::int[])`,
);

/** The mentions of one article, by actor, each actor's in reading order. */
export type MentionsByActor = ReadonlyMap<number, MentionRow[]>;

/**
 * Every mention in each article, in reading order, by actor; one JSON row of arrays (thousands of
 * mentions on a page of 50). Grouped here once: each of an article's actor links reads its own.
 */
export async function mentionsOfArticles(db: Db, articleIds: readonly number[]): Promise<MentionsByActor[]> {
  const [row] = await selectBatched(
    db,
    mentionsOfArticlesStatement({ ids: arrayLiteral(articleIds) }),
    { mentions: col.nullable(col.jsonOf<[number, number, number, number, string, MentionRow['method'], number][]>()) },
  );
  const byArticle = new Map<number, Map<number, MentionRow[]>>();
  for (const [articleId, actorId, start, end, text, method, confidence] of row?.mentions ?? []) {
    let byActor = byArticle.get(articleId);
    if (!byActor) byArticle.set(articleId, (byActor = new Map()));
    const mention: MentionRow = { articleId, actorId, start, end, text, method, confidence };
    const list = byActor.get(actorId);
    if (list) list.push(mention);
    else byActor.set(actorId, [mention]);
  }
  return articleIds.map((id) => byArticle.get(id) ?? NO_MENTIONS);
}

const NO_MENTIONS: MentionsByActor = new Map();
