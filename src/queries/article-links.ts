import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { alias } from 'drizzle-orm/pg-core';
import { table } from '../db/raw-sql.js';
import { col, selectBatched, tableShape } from '../db/rows.js';
import { actors, articleActors, articleConflicts, conflicts, mentions } from '../db/schema.js';
import {
  actorColumns,
  arrayLiteral,
  conflictColumns,
  entityFieldColumns,
  fixedStatement,
  groupedInKeyOrder,
  statementPerVariant,
  withFields,
  type ActorFields,
  type ActorRow,
  type ConflictRow,
} from './rows.js';

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

const actorsOfArticlesStatements = statementPerVariant((ids: SQL, fields: ActorFields) =>
    sql`with l as (
          select ${aa.articleId}, ${aa.mentionCount}, ${aa.actorId}, ${aa.publishedOn}
          from ${table(articleActors)} aa where ${aa.articleId} = any(${ids})
        )
        select
          (select json_agg(json_build_array(l.article_id, l.mention_count, l.actor_id)) from l) as links,
          (select json_agg(json_build_array(d.article_id, d.published_on)) from (select distinct on (l.article_id) l.article_id, l.published_on from l) d) as dates,
          (select json_agg(x) from (
             select ${fields ? entityFieldColumns('actor', fields, 'a') : actorColumns('a')}
             from (select distinct l.actor_id from l) d join ${table(actors)} a on ${a.id} = d.actor_id
             order by ${a.name}, ${a.id}) x) as actors`,
);

/**
 * The actors each article mentions, most mentioned first, then by name. One row comes back, as
 * JSON: the links as arrays, the date of each article (the links' copy of it: the articles' own
 * rows are wide, and reading 200 of them cost some 540 buffers), and each actor once, sorted by name (its
 * place there breaks the ties of the links, in the database's collation). A page of 200 articles
 * names some 2,000 links but only a few hundred actors, so the links are neither joined to the
 * actors nor sorted in Postgres, and every link to an actor shares one object. With `fields`,
 * only those columns of the actors are read (and `id`): the rest of the ActorRow is absent, so the
 * caller names every column its selection reads. An actor's description and aliases were half of
 * the statement's Postgres time and most of the JSON parsed.
 */
export async function actorsOfArticles(db: Db, articleIds: readonly number[], fields: ActorFields = null): Promise<ArticleActorRow[][]> {
  const [row] = await selectBatched(db, actorsOfArticlesStatements(articleIds, withFields(fields, ['id'])), {
    links: col.nullable(col.jsonOf<[number, number, number][]>()),
    dates: col.nullable(col.jsonOf<[number, string][]>()),
    actors: col.nullable(col.jsonOf<ActorRow[]>()),
  });
  const actors = row?.actors ?? [];
  const place = new Map<number, number>();
  actors.forEach((actor, i) => place.set(actor.id, i));
  const dateOf = new Map(row?.dates ?? []);
  const byArticle = new Map<number, ArticleActorRow[]>();
  for (const [articleId, mentionCount, actorId] of row?.links ?? []) {
    const link: ArticleActorRow = { articleId, publishedOn: dateOf.get(articleId)!, mentionCount, actor: actors[place.get(actorId)!]! };
    const list = byArticle.get(articleId);
    if (list) list.push(link);
    else byArticle.set(articleId, [link]);
  }
  const byMentions = (x: ArticleActorRow, y: ArticleActorRow) => y.mentionCount - x.mentionCount || place.get(x.actor.id)! - place.get(y.actor.id)!;
  for (const list of byArticle.values()) list.sort(byMentions);
  return articleIds.map((id) => byArticle.get(id) ?? []);
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
