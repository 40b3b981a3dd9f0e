import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { col, selectRows } from '../src/db/rows.js';
import { aggregateDrift, NO_DRIFT } from '../src/db/aggregate-drift.js';
import { openTestDatabase, postgresUrl, type TestDatabase } from './helpers/db.js';
import { addArticle } from './helpers/factories.js';

/*
 * The counts are brought up to date at commit. Writers meet there only on the counter rows they
 * share: a small ingest goes through while a large article's transaction, counted already, is
 * still open; one that shares counters with it waits for it, and both end exact. The large article
 * is written with plain SQL on a connection of the test's own, so that its transaction can be held.
 */

const LARGE_ACTORS = 120;

/** Resolves 'settled' once `work` is done, or 'waiting' as soon as a backend of the database waits for a lock. */
async function settlesOrWaits(watch: postgres.Sql, work: Promise<unknown>): Promise<{ outcome: 'settled' | 'waiting'; locks: string }> {
  const settled = work.then(
    () => true,
    () => true,
  );
  for (;;) {
    if (await Promise.race([settled, new Promise((resolve) => setTimeout(() => resolve(false), 20))])) return { outcome: 'settled', locks: '' };
    const waiting = await watch`
      select a.pid, l.locktype, l.mode, left(a.query, 120) as query
      from pg_stat_activity a join pg_locks l on l.pid = a.pid and not l.granted
      where a.datname = current_database() and a.pid <> pg_backend_pid()`;
    if (waiting.length > 0) return { outcome: 'waiting', locks: JSON.stringify(waiting) };
  }
}

describe.skipIf(!postgresUrl)('writers at commit on Postgres (needs TEST_DATABASE_URL)', () => {
  let database: TestDatabase;
  let holder: postgres.Sql;
  let watch: postgres.Sql;
  let actorIds: number[];
  let slugs: string[];
  let conflicts: { id: number; slug: string }[];

  beforeAll(async () => {
    database = await openTestDatabase('postgres', { seed: false });
    const [row] = await selectRows(database.database.db, sql`select current_database() as name`, { name: col.text });
    const url = new URL(postgresUrl!);
    url.pathname = `/${row!.name}`;
    holder = postgres(url.toString(), { max: 1, onnotice: () => {} });
    watch = postgres(url.toString(), { max: 1, onnotice: () => {} });
    const actors = await watch<{ id: number; slug: string }[]>`select id, slug from actors order by id limit ${LARGE_ACTORS + 10}`;
    expect(actors).toHaveLength(LARGE_ACTORS + 10);
    actorIds = actors.map((a) => a.id);
    slugs = actors.map((a) => a.slug);
    conflicts = await watch<{ id: number; slug: string }[]>`select id, slug from conflicts order by id limit 2`;
    expect(conflicts).toHaveLength(2);
  });
  afterAll(async () => {
    await holder?.end();
    await watch?.end();
    await database?.close();
  });

  it('recounts more articles in one transaction than the lock table holds, under one lock for them all', async () => {
    // 20,000 articles (most of them absent: nothing to count) each took an advisory lock of their own before, more than
    // Postgres's lock table holds by default (64 × max_connections), and the transaction failed: out of shared memory.
    const advisory = await holder.begin(async (tx) => {
      await tx`select aggregates_recount(array(select generate_series(1, 20000)))`;
      return tx<{ key: string }[]>`select coalesce(classid::text, '') || ':' || objid::text as key
        from pg_locks where pid = pg_backend_pid() and locktype = 'advisory' order by 1`;
    });
    // The lock for all articles and the transaction's pair slot.
    expect(advisory).toHaveLength(2);
    expect(await aggregateDrift(database.database.db)).toEqual(NO_DRIFT);
  });

  /** Writes an article naming the first LARGE_ACTORS actors and counts it, and keeps its transaction open until `release`. */
  function holdLargeArticle(externalId: string, publishedOn: string): { counted: Promise<void>; release: () => void; done: Promise<unknown> } {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let counted!: () => void;
    const countedPromise = new Promise<void>((resolve) => (counted = resolve));
    const done = holder.begin(async (tx) => {
      const [article] = await tx<{ id: number }[]>`
        insert into articles (external_id, content_hash, title, body, raw, published_on, date_precision)
        values (${externalId}, ${`hash_${externalId}`}, 'Groot artikel', 'Tekst', 'Tekst', ${publishedOn}, 'DAY') returning id`;
      await tx`
        insert into article_actors (article_id, actor_id, mention_count, published_on)
        select ${article!.id}, x, 1, ${publishedOn} from unnest(${actorIds.slice(0, LARGE_ACTORS)}::int[]) x`;
      await tx`insert into article_conflicts (article_id, conflict_id, score, published_on)
               values (${article!.id}, ${conflicts[0]!.id}, 0.5, ${publishedOn})`;
      // Runs the recount that would run at commit now, so that everything it locks stays locked.
      await tx`set constraints aggregate_queue_flush immediate`;
      counted();
      await released;
    });
    done.catch(() => counted());
    return { counted: countedPromise, release, done };
  }

  /** `small` commits without waiting while `large` is open; what has committed is exact meanwhile, and after `large` commits. */
  async function expectCommitsBeside(large: ReturnType<typeof holdLargeArticle>, small: Promise<unknown>): Promise<void> {
    const { outcome, locks } = await settlesOrWaits(watch, small);
    if (outcome === 'waiting') large.release();
    expect(outcome, `the small ingest waited for the large one: ${locks}`).toBe('settled');
    await small;
    expect(await aggregateDrift(database.database.db)).toEqual(NO_DRIFT);
    large.release();
    await large.done;
    expect(await aggregateDrift(database.database.db)).toEqual(NO_DRIFT);
  }

  it('let a small ingest commit while a large article, counted already, is still open', async () => {
    const large = holdLargeArticle('groot_1', '2030-01-15');
    await large.counted;
    const small = addArticle(database.database.db, {
      externalId: 'klein_1',
      publishedOn: '2031-06-01',
      actorSlugs: slugs.slice(LARGE_ACTORS, LARGE_ACTORS + 3),
      conflictSlugs: [conflicts[1]!.slug],
    });
    await expectCommitsBeside(large, small);
    const [pairs] = await watch<{ n: number }[]>`
      select count(*)::int as n from actor_pair_totals where actor_id = any(${actorIds.slice(0, LARGE_ACTORS)}::int[])`;
    expect(pairs!.n).toBe((LARGE_ACTORS * (LARGE_ACTORS - 1)) / 2);
  });

  it('let a small ingest that names two of the open article’s actors, on another conflict and month, commit without waiting', async () => {
    const large = holdLargeArticle('groot_3', '2030-02-15');
    await large.counted;
    // The pair (first, second actor) is counted by both; before pairs went to slots, its row stayed
    // locked by the large article until it committed.
    const small = addArticle(database.database.db, {
      externalId: 'klein_3',
      publishedOn: '2031-07-01',
      actorSlugs: [slugs[0]!, slugs[1]!, slugs[LARGE_ACTORS + 7]!],
      conflictSlugs: [conflicts[1]!.slug],
    });
    await expectCommitsBeside(large, small);
    // Both were counted in slots of their own: the pair's parts add up to its two articles.
    const [pair] = await watch<{ slots: number; n: number }[]>`
      select count(*)::int as slots, sum(article_count)::int as n from actor_pair_counts
      where actor_id = ${Math.min(actorIds[0]!, actorIds[1]!)} and other_id = ${Math.max(actorIds[0]!, actorIds[1]!)}`;
    expect(pair!.n).toBeGreaterThanOrEqual(2);
    expect(pair!.slots).toBeGreaterThanOrEqual(2);
  });

  it('make an ingest that shares counters with the open one wait for it, and both end exact', async () => {
    const large = holdLargeArticle('groot_2', '2030-01-20');
    await large.counted;
    const sharing = addArticle(database.database.db, {
      externalId: 'klein_2',
      publishedOn: '2030-01-03',
      actorSlugs: [slugs[LARGE_ACTORS + 5]!, slugs[0]!, slugs[LARGE_ACTORS - 1]!],
      conflictSlugs: [conflicts[0]!.slug],
    });
    const { outcome } = await settlesOrWaits(watch, sharing);
    large.release();
    expect(outcome).toBe('waiting');
    await Promise.all([large.done, sharing]);
    expect(await aggregateDrift(database.database.db)).toEqual(NO_DRIFT);
  });

  it('stay exact, without deadlocks, when many writers add to the same counters in different orders', async () => {
    const shared = slugs.slice(LARGE_ACTORS, LARGE_ACTORS + 10);
    const writes = Array.from({ length: 12 }, (_, i) =>
      addArticle(database.database.db, {
        externalId: `druk_${i}`,
        publishedOn: `2030-0${1 + (i % 3)}-10`,
        actorSlugs: i % 2 ? [...shared].reverse() : shared.slice(i % 5).concat(shared.slice(0, i % 5)),
        conflictSlugs: i % 3 ? [conflicts[0]!.slug, conflicts[1]!.slug] : [conflicts[1]!.slug],
      }),
    );
    await Promise.all(writes);
    expect(await aggregateDrift(database.database.db)).toEqual(NO_DRIFT);
  });
});
