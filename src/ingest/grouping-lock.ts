import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';

/**
 * The advisory lock (key 720531918, after the recount's 720531915-720531917) that orders the
 * grouping of copies and stories between writers, held to the commit.
 *
 * A small transaction (a mutation, a few files) takes it shared and then locks its band keys and
 * key terms one row each (band_locks, story_term_locks), so writers wait only for those storing a
 * copy or a report of the same event. A large one takes it exclusive and locks no key: it waits for
 * the writers grouping at that moment and holds back new ones until it commits. A batch of 500
 * synthetic articles has some 32,000 band keys and shares some with nearly any other batch, so two
 * batches waited for each other anyway; locking its keys row by row cost Postgres about 1 ms of an
 * article's time (an insert and a delete per key, with their index entries and WAL), a quarter of
 * what it spends on the article.
 */
export const GROUPING_LOCK = 720_531_918;

/** Articles from which a transaction takes the grouping lock exclusive instead of locking keys. */
export const LOCK_ALL_FROM = 50;

/** How a transaction locks what it groups: everything at once, or its keys under a shared lock. */
export type GroupingLock = 'all' | 'keys';

/** The way to lock the grouping of `articles` articles in one transaction. */
export function groupingLockFor(articles: number): GroupingLock {
  return articles >= LOCK_ALL_FROM ? 'all' : 'keys';
}

/**
 * Takes the grouping lock in the caller's transaction (again is a no-op in effect: it is held to
 * the commit either way). With 'keys', the caller then locks its keys itself.
 */
export async function lockGrouping(tx: Db, lock: GroupingLock): Promise<void> {
  if (lock === 'all') await tx.execute(sql`select pg_advisory_xact_lock(${GROUPING_LOCK}::bigint)`);
  else await tx.execute(sql`select pg_advisory_xact_lock_shared(${GROUPING_LOCK}::bigint)`);
}
