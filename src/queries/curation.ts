import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { alias } from 'drizzle-orm/pg-core';
import { enumValue, table } from '../db/raw-sql.js';
import { col, selectCount, selectRows } from '../db/rows.js';
import { actors, actorStatus, articleActors, mentions } from '../db/schema.js';
import { mentionShape, type MentionRow } from './article-links.js';
import { keyset, type KeyPart, type Page } from './keyset.js';
import { actorColumns, actorShape, groupedInKeyOrder, intArray, type ActorRow } from './rows.js';

export interface CandidateRow {
  actor: ActorRow;
  articleCount: number;
  mentionCount: number;
}

/** Most widespread first: the negated article count (so the whole key sorts ascending), then the name and id. */
export const CANDIDATE_KEY: KeyPart[] = ['int', 'text', 'int'];

const a = alias(actors, 'a');
const l = alias(articleActors, 'l');
const x = alias(mentions, 'x');
const m = alias(mentions, 'm');

// A provisional actor whose every link went (the knowledge base came to name it otherwise and the
// articles were relinked) waits for nobody: the queue holds those that articles name.
const QUEUED = sql`${a.status} = ${enumValue(actorStatus, 'PROVISIONAL')} and exists (select 1 from ${table(articleActors)} l where ${l.actorId} = ${a.id})`;

/** A page of the curation queue: provisional actors in the most articles first, then by name. */
export async function listCandidates(db: Db, page: Page): Promise<CandidateRow[]> {
  const { where, orderBy } = keyset(page, [sql`-c.article_count`, sql`${a.name}`, sql`${a.id}`], 'asc');
  const rows = await selectRows(
    db,
    sql`select ${actorColumns('a')}, c.article_count as "articleCount", c.mention_count as "mentionCount"
        from ${table(actors)} a
        cross join lateral (select count(*)::int as article_count, coalesce(sum(${l.mentionCount}), 0)::int as mention_count
                            from ${table(articleActors)} l where ${l.actorId} = ${a.id}) c
        where ${QUEUED} and ${where}
        order by ${orderBy} limit ${page.limit + 1}`,
    { ...actorShape, articleCount: col.int, mentionCount: col.int },
  );
  return rows.map(({ articleCount, mentionCount, ...actor }) => ({ actor, articleCount, mentionCount }));
}

export async function countCandidates(db: Db): Promise<number> {
  return selectCount(db, sql`select count(*)::int as count from ${table(actors)} a where ${QUEUED}`);
}

/**
 * For each actor, its first mention in each of its latest `limit` articles: examples from
 * different articles. Both steps are index range scans (the actor's links by date, the
 * article's mentions of the actor).
 */
export async function exampleMentionsOf(db: Db, actorIds: readonly number[], limit: number): Promise<MentionRow[][]> {
  const rows = await selectRows(
    db,
    sql`select ${m.articleId} as "articleId", ${m.actorId} as "actorId", ${m.start}, ${m.end}, ${m.text}, ${m.method}, ${m.confidence}
        from unnest(${intArray(actorIds)}) with ordinality k(id, n)
        cross join lateral (
          select ${l.articleId}, ${l.publishedOn} from ${table(articleActors)} l where ${l.actorId} = k.id
          order by ${l.publishedOn} desc, ${l.articleId} desc limit ${limit}
        ) l
        cross join lateral (
          select * from ${table(mentions)} x where ${x.articleId} = ${l.articleId} and ${x.actorId} = k.id order by ${x.start} limit 1
        ) m
        order by k.n, ${l.publishedOn} desc, ${l.articleId} desc`,
    mentionShape,
  );
  return groupedInKeyOrder(actorIds, rows, (row) => row.actorId);
}
