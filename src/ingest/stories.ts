import { sql } from 'drizzle-orm';
import { dayOf, hashedKeys, sameStory, STORY_WINDOW_DAYS, storyKeys, type StoryKeys } from '../corpus/stories.js';
import type { Db } from '../db/client.js';
import { col, selectRows } from '../db/rows.js';
import { column, insertRecords, recordset, table } from '../db/raw-sql.js';
import { articleCopies, articleStories, stories, storyTermLocks, storyTerms } from '../db/schema.js';
import type { LinkResult } from '../linking/types.js';
import { intArray } from '../queries/rows.js';
import { insertNumberRecords, numberRecords } from './columns.js';
import { groupingLockFor, lockGrouping, type GroupingLock } from './grouping-lock.js';

/** The stored articles read per key term of an article, the latest within the window first. */
const PER_TERM = 50;
/** The most candidates one article is compared with, those sharing the most terms first. */
const MAX_CANDIDATES = 100;
/** Times the stories of the matched articles are read again after a concurrent merge moved them. */
const LOCK_ATTEMPTS = 8;
/** A row of story_terms, as sent. */
const TERM_FIELDS = { t: storyTerms.term, d: storyTerms.publishedOn, a: storyTerms.articleId };

/** An article whose story is (re)computed: its id, text and links. */
export interface StoryTarget {
  articleId: number;
  title: string;
  body: string;
  publishedOn: string;
  links: Pick<LinkResult, 'actors' | 'conflicts' | 'provisional'>;
}

/** The rule's keys of an article, hashed as stored: names in its text, its actors (provisional ones by key), its conflicts. */
export function storedKeys(target: Omit<StoryTarget, 'articleId'>): StoryKeys<number> {
  const { links } = target;
  return hashedKeys(
    storyKeys(target, {
      conflicts: links.conflicts.map((c) => c.slug),
      actors: [...links.actors.map((a) => a.slug), ...links.provisional.map((p) => p.key)],
    }),
  );
}

class Groups {
  private readonly parent = new Map<string, string>();
  find(x: string): string {
    let root = x;
    while (this.parent.has(root)) root = this.parent.get(root)!;
    if (root !== x) this.parent.set(x, root);
    return root;
  }
  join(x: string, y: string): void {
    const [a, b] = [this.find(x), this.find(y)];
    if (a !== b) this.parent.set(a, b);
  }
}

/**
 * Puts each article in its story, in the caller's transaction, in a fixed number of statements
 * whatever the batch size: an article joins the story of every earlier article it matches (by the
 * rule of corpus/stories.ts, or as a copy: call after regroupCopies), merging those stories into the
 * oldest when it matches more than one; an article that matches none starts a story. Articles in
 * `replacing` leave their story first (their text or links changed); a story left empty is deleted.
 * A story is not split when an article that bridged it changes.
 *
 * Candidates are found by index only: per key term, the PER_TERM latest articles within the window
 * (story_terms, by term then date), of which the MAX_CANDIDATES sharing most terms are compared, so
 * the cost per article does not grow with the corpus. An article the rule matches shares at least
 * one term (Jaccard > 0), usually a rare one (a name), so the cap on a common term hides little.
 *
 * Concurrent writers, in lock order after the band locks of copies:
 * - Terms: a large transaction holds the grouping lock exclusive (see grouping-lock.ts); a small one
 *   holds it shared and locks every key term of the articles (old and new; a story_term_locks row,
 *   deleted at once but locked until the commit) before the candidates are read. Two articles of one
 *   story share a term, so of two transactions storing them the second waits for the first to commit
 *   and then finds its article (READ COMMITTED reads what committed before each statement).
 * - Stories: the stories joined, merged or left are locked (`for update`, ascending ids) before they
 *   change. A story deleted by a concurrent merge since the candidates were read is seen as gone once
 *   its lock is granted; the matched articles' stories are then read again, now those they were
 *   moved to.
 */
export async function regroupStories(
  tx: Db,
  targets: StoryTarget[],
  replacing: number[] = [],
  lock: GroupingLock = groupingLockFor(targets.length),
): Promise<void> {
  if (targets.length === 0) return;
  const keyed = targets.map((t) => ({ id: t.articleId, keys: storedKeys(t) }));
  const old =
    replacing.length === 0
      ? []
      : await selectRows(
          tx,
          sql`select ${column(articleStories.articleId)} as "articleId", ${column(articleStories.storyId)} as "storyId",
                     ${column(articleStories.publishedOn)}::text as "publishedOn", ${column(articleStories.terms)} as terms
              from ${table(articleStories)} where ${column(articleStories.articleId)} = any(${intArray(replacing)})`,
          { articleId: col.int, storyId: col.int, publishedOn: col.text, terms: col.ints },
        );

  // The statements below run whether or not they have rows to write (a batch costs the same
  // statements whatever its articles match), but for the retries of lockStories under contention.
  await lockGrouping(tx, lock);
  if (lock === 'keys') {
    const terms = [...new Set([...keyed.flatMap((k) => [...k.keys.terms]), ...old.flatMap((o) => o.terms)])].sort((x, y) => x - y);
    await tx.execute(sql`insert into ${table(storyTermLocks)} (${column(storyTermLocks.term)})
      select unnest(${intArray(terms)}) order by 1
      on conflict (${column(storyTermLocks.term)}) do update set ${column(storyTermLocks.term)} = excluded.${column(storyTermLocks.term)}`);
    // Needed only while locked: deleted now, locked until the commit (see band_locks).
    await tx.execute(sql`delete from ${table(storyTermLocks)} where ${column(storyTermLocks.term)} = any(${intArray(terms)})`);
  }
  if (replacing.length > 0) {
    const oldTerms = old.flatMap((o) => o.terms.map((t) => ({ t, d: o.publishedOn, a: o.articleId })));
    await tx.execute(sql`delete from ${table(storyTerms)} s
      using (${numberRecords(TERM_FIELDS, oldTerms)}) o
      where s.${column(storyTerms.term)} = o.t and s.${column(storyTerms.publishedOn)} = o.d and s.${column(storyTerms.articleId)} = o.a`);
    await tx.execute(sql`delete from ${table(articleStories)} where ${column(articleStories.articleId)} = any(${intArray(old.map((o) => o.articleId))})`);
  }

  const termRows = keyed.flatMap((k) => [...k.keys.terms].map((t) => ({ t, d: k.keys.publishedOn, a: k.id })));
  // The term rows' arrays, written once for both statements that send them.
  const termSet = numberRecords(TERM_FIELDS, termRows);
  const ids = keyed.map((k) => k.id);
  // Per article: its rule candidates (stored articles sharing terms within the window, these not
  // yet stored) and its copies (of this batch too, without a story yet), each with its story. A
  // stored article is the candidate of many articles of the batch (some 50,000 pairs for 500
  // synthetic ones): its keys, dozens of integers, come with its first pair only and as JSON, as a
  // copy candidate's signature does.
  const candidates = await selectRows(
    tx,
    sql`select c.article, c.candidate, c.copy, s.${column(articleStories.storyId)} as story,
               case when row_number() over (partition by c.candidate) = 1 then s.${column(articleStories.publishedOn)}::text end as "publishedOn",
               case when row_number() over (partition by c.candidate) = 1 then array_to_json(s.${column(articleStories.conflicts)}) end as conflicts,
               case when row_number() over (partition by c.candidate) = 1 then array_to_json(s.${column(articleStories.terms)}) end as terms
        from (
          select article, candidate, false as copy from (
            select n.a as article, m.article_id as candidate,
                   row_number() over (partition by n.a order by count(*) desc, m.article_id desc) as rank
            from (${termSet}) n
            cross join lateral (
              select t.${column(storyTerms.articleId)} as article_id from ${table(storyTerms)} t
              where t.${column(storyTerms.term)} = n.t
                and t.${column(storyTerms.publishedOn)} between n.d - ${STORY_WINDOW_DAYS}::int and n.d + ${STORY_WINDOW_DAYS}::int
              order by t.${column(storyTerms.publishedOn)} desc, t.${column(storyTerms.articleId)} desc
              limit ${PER_TERM}
            ) m
            group by n.a, m.article_id
          ) ranked where rank <= ${MAX_CANDIDATES}
          union all
          select ${column(articleCopies.articleId)}, ${column(articleCopies.copyId)}, true from ${table(articleCopies)}
          where ${column(articleCopies.articleId)} = any(${intArray(ids)})
        ) c
        left join ${table(articleStories)} s on s.${column(articleStories.articleId)} = c.candidate`,
    {
      article: col.int,
      candidate: col.int,
      copy: col.bool,
      story: col.nullable(col.int),
      publishedOn: col.nullable(col.text),
      conflicts: col.nullable(col.ints),
      terms: col.nullable(col.ints),
    },
  );

  // Groups of this batch's articles and the stored articles they match ("a" ids are both).
  const groups = new Groups();
  const keysOf = new Map(keyed.map((k) => [k.id, k.keys]));
  const inBatch = new Set(ids);
  const matched = new Set<number>();
  const candidateKeys = new Map<number, StoryKeys<number>>();
  for (const c of candidates) {
    if (c.publishedOn !== null) candidateKeys.set(c.candidate, { publishedOn: c.publishedOn, conflicts: c.conflicts!, terms: new Set(c.terms!) });
  }
  for (const c of candidates) {
    if (inBatch.has(c.candidate)) {
      if (c.copy) groups.join(`a${c.article}`, `a${c.candidate}`);
      continue;
    }
    if (c.story === null) continue; // stored before stories were kept: it has none to join
    const keys = keysOf.get(c.article)!;
    if (c.copy || sameStory(keys, candidateKeys.get(c.candidate)!)) {
      groups.join(`a${c.article}`, `a${c.candidate}`);
      matched.add(c.candidate);
    }
  }
  // Every pair of the batch, the window first: sameStory parses both dates on each call, and the
  // batch's pairs (124,750 for 500 articles) are mostly days apart.
  const days = keyed.map((k) => dayOf(k.keys.publishedOn));
  for (let i = 0; i < keyed.length; i++) {
    for (let j = 0; j < i; j++) {
      if (Math.abs(days[i]! - days[j]!) > STORY_WINDOW_DAYS) continue;
      if (sameStory(keyed[i]!.keys, keyed[j]!.keys)) groups.join(`a${keyed[i]!.id}`, `a${keyed[j]!.id}`);
    }
  }

  const storyOf = await lockStories(tx, [...matched], [...new Set(old.map((o) => o.storyId))]);
  // A story matched by two groups of this batch is one: the groups are closed over stories too.
  for (const [article, story] of storyOf) groups.join(`a${article}`, `s${story}`);
  // Per group (by its root): the stories its stored articles are in, and its batch articles.
  const joined = new Map<string, Set<number>>();
  const members = new Map<string, number[]>();
  for (const story of new Set(storyOf.values())) {
    const root = groups.find(`s${story}`);
    joined.set(root, (joined.get(root) ?? new Set()).add(story));
  }
  for (const id of ids) {
    const root = groups.find(`a${id}`);
    members.set(root, [...(members.get(root) ?? []), id]);
  }
  const starting = [...members.keys()].filter((root) => !joined.has(root));
  const created = await selectRows(
    tx,
    sql`insert into ${table(stories)} select from generate_series(1, ${starting.length}::int) returning ${column(stories.id)} as id`,
    { id: col.int },
  );
  const target = new Map(starting.map((root, i) => [root, created[i]!.id]));
  const moves: { f: number; t: number }[] = [];
  for (const [root, found] of joined) {
    if (!members.has(root)) continue;
    const oldest = Math.min(...found);
    target.set(root, oldest);
    for (const story of found) if (story !== oldest) moves.push({ f: story, t: oldest });
  }
  await tx.execute(sql`update ${table(articleStories)} a set ${column(articleStories.storyId)} = m.t
    from (${numberRecords({ f: articleStories.storyId, t: articleStories.storyId }, moves)}) m
    where a.${column(articleStories.storyId)} = m.f`);
  await tx.execute(
    insertRecords(
      articleStories,
      { a: articleStories.articleId, s: articleStories.storyId, d: articleStories.publishedOn, c: articleStories.conflicts, t: articleStories.terms },
      keyed.map((k) => ({ a: k.id, s: target.get(groups.find(`a${k.id}`))!, d: k.keys.publishedOn, c: k.keys.conflicts, t: [...k.keys.terms] })),
    ),
  );
  await tx.execute(insertNumberRecords(storyTerms, TERM_FIELDS, termSet));
  const emptied = [...new Set([...moves.map((m) => m.f), ...old.map((o) => o.storyId)])];
  await tx.execute(sql`delete from ${table(stories)} s where s.${column(stories.id)} = any(${intArray(emptied)})
    and not exists (select from ${table(articleStories)} a where a.${column(articleStories.storyId)} = s.${column(stories.id)})`);
}

/**
 * Locks the stories of the matched articles and the stories left, in ascending order, and returns
 * the story of each matched article as it is under the lock. A concurrent merge that committed
 * since the candidates were read moved some articles and deleted their story: their stories are
 * read again and locked too.
 */
async function lockStories(tx: Db, matched: number[], leaving: number[]): Promise<Map<number, number>> {
  const locked = new Set<number>();
  const gone = new Set<number>();
  for (let attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
    const rows = await selectRows(
      tx,
      sql`select ${column(articleStories.articleId)} as article, ${column(articleStories.storyId)} as story
          from ${table(articleStories)} where ${column(articleStories.articleId)} = any(${intArray(matched)})`,
      { article: col.int, story: col.int },
    );
    const storyOf = new Map(rows.map((row) => [row.article, row.story]));
    const wanted = [...new Set([...storyOf.values(), ...leaving])].filter((story) => !locked.has(story) && !gone.has(story)).sort((x, y) => x - y);
    if (wanted.length === 0 && attempt > 0) return storyOf;
    const granted = await selectRows(
      tx,
      sql`select ${column(stories.id)} as id from ${table(stories)} where ${column(stories.id)} = any(${intArray(wanted)})
          order by ${column(stories.id)} for update`,
      { id: col.int },
    );
    for (const row of granted) locked.add(row.id);
    for (const story of wanted) if (!locked.has(story)) gone.add(story);
    // Only a story of a matched article that is gone under the lock calls for reading them again.
    if ([...storyOf.values()].every((story) => locked.has(story))) return storyOf;
  }
  throw Object.assign(new Error('stories kept merging while being locked'), { code: '40001' });
}
