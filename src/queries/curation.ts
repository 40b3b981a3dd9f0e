import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { selectRows } from '../db/rows.js';
import type { MentionRow } from './article-links.js';
import { keyset, type KeyPart, type Page } from './keyset.js';
import { actorColumns, groupedInKeyOrder, intArray, type ActorRow } from './rows.js';

export interface CandidateRow {
  actor: ActorRow;
  articleCount: number;
  mentionCount: number;
}

/** Most widespread first: the negated article count (so the whole key sorts ascending), then the name and id. */
export const CANDIDATE_KEY: KeyPart[] = ['int', 'text', 'int'];

// A provisional actor whose every link went (the knowledge base came to name it otherwise and the
// articles were relinked) waits for nobody: the queue holds those that articles name.
const QUEUED = sql`a.status = 'PROVISIONAL' and exists (select 1 from article_actors l where l.actor_id = a.id)`;

/** A page of the curation queue: provisional actors in the most articles first, then by name. */
export async function listCandidates(db: Db, page: Page): Promise<CandidateRow[]> {
  const { where, orderBy } = keyset(page, [sql`-c.article_count`, sql`a.name`, sql`a.id`], 'asc');
  const rows = await selectRows<ActorRow & { articleCount: number; mentionCount: number }>(
    db,
    sql`select ${actorColumns('a')}, c.article_count as "articleCount", c.mention_count as "mentionCount"
        from actors a
        cross join lateral (select count(*)::int as article_count, coalesce(sum(l.mention_count), 0)::int as mention_count
                            from article_actors l where l.actor_id = a.id) c
        where ${QUEUED} and ${where}
        order by ${orderBy} limit ${page.limit + 1}`,
  );
  return rows.map(({ articleCount, mentionCount, ...actor }) => ({ actor, articleCount, mentionCount }));
}

export async function countCandidates(db: Db): Promise<number> {
  const [row] = await selectRows<{ count: number }>(db, sql`select count(*)::int as count from actors a where ${QUEUED}`);
  return row?.count ?? 0;
}

/**
 * For each actor, its first mention in each of its latest `limit` articles: examples from
 * different articles. Both steps are index range scans (the actor's links by date, the
 * article's mentions of the actor).
 */
export async function exampleMentionsOf(db: Db, actorIds: readonly number[], limit: number): Promise<MentionRow[][]> {
  const rows = await selectRows<MentionRow>(
    db,
    sql`select m.article_id as "articleId", m.actor_id as "actorId", m.start, m."end", m.text, m.method, m.confidence
        from unnest(${intArray(actorIds)}) with ordinality k(id, n)
        cross join lateral (
          select l.article_id, l.published_on from article_actors l where l.actor_id = k.id
          order by l.published_on desc, l.article_id desc limit ${limit}
        ) l
        cross join lateral (
          select * from mentions x where x.article_id = l.article_id and x.actor_id = k.id order by x.start limit 1
        ) m
        order by k.n, l.published_on desc, l.article_id desc`,
  );
  return groupedInKeyOrder(actorIds, rows, (row) => row.actorId);
}
