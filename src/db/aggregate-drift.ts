import { sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { selectRows } from './rows.js';

// The precomputed counts (kept by triggers, see migration 0009) against a count from scratch: for
// each table, the rows that one has and the other lacks, both ways. Zero everywhere means equal.
// Pairs are read as their slots add up (the *_pair_totals views, see migration 0013).
const MONTH = (column: string) => `date_trunc('month', ${column}::timestamp)::date`;
const PAIRS = `article_actors x join article_actors y on y.article_id = x.article_id and x.actor_id < y.actor_id`;
export const FROM_SCRATCH: [table: string, precomputed: string, scratch: string][] = [
  ['corpus_month_counts', 'select month, article_count from corpus_month_counts', `select ${MONTH('published_on')}, count(*)::int from articles group by 1`],
  [
    'conflict_month_counts',
    'select conflict_id, month, article_count from conflict_month_counts',
    `select conflict_id, ${MONTH('published_on')}, count(*)::int from article_conflicts group by 1, 2`,
  ],
  [
    'actor_month_counts',
    'select actor_id, month, article_count from actor_month_counts',
    `select actor_id, ${MONTH('published_on')}, count(*)::int from article_actors group by 1, 2`,
  ],
  [
    'conflict_actor_counts',
    'select conflict_id, actor_id, article_count, mention_count, first_on, last_on from conflict_actor_counts',
    `select c.conflict_id, x.actor_id, count(*)::int, sum(x.mention_count)::int, min(x.published_on), max(x.published_on)
     from article_actors x join article_conflicts c on c.article_id = x.article_id group by 1, 2`,
  ],
  ['actor_pair_counts', 'select actor_id, other_id, article_count from actor_pair_totals', `select x.actor_id, y.actor_id, count(*)::int from ${PAIRS} group by 1, 2`],
  [
    'conflict_actor_pair_counts',
    'select conflict_id, actor_id, other_id, article_count from conflict_actor_pair_totals',
    `select c.conflict_id, x.actor_id, y.actor_id, count(*)::int from ${PAIRS} join article_conflicts c on c.article_id = x.article_id group by 1, 2, 3`,
  ],
];

/** One statement: rows (`table`, `n`), how many rows of each table differ from a count from scratch. */
export const AGGREGATE_DRIFT_SQL = FROM_SCRATCH.map(
  ([table, mine, scratch]) =>
    `select '${table}' as "table", count(*)::int as n from ((${mine} except all ${scratch}) union all (${scratch} except all ${mine})) d`,
).join(' union all ');

/** Per table, how many rows differ from a count from scratch. */
export async function aggregateDrift(db: Db): Promise<Record<string, number>> {
  const result = await selectRows<{ table: string; n: number }>(db, sql.raw(AGGREGATE_DRIFT_SQL));
  return Object.fromEntries(result.map((row) => [row.table, row.n]));
}

/** What `aggregateDrift` gives when every count is exact. */
export const NO_DRIFT = Object.fromEntries(FROM_SCRATCH.map(([table]) => [table, 0]));
