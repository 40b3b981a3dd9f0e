import { sql, type SQL } from 'drizzle-orm';
import { intArray } from './rows.js';
import { CORPUS_KEY, type ScopeKind } from './scoped-articles.js';

// Reads of the precomputed *_counts tables (kept fresh by triggers, see migration 0009). They
// stand in for counting over the link tables when a scope is unfiltered; each reader returns
// rows shaped like its live counterpart, so the two paths share the SQL around them.

const MONTHLY: Record<Exclude<ScopeKind, 'corpus'>, { table: string; key: string }> = {
  conflict: { table: 'conflict_month_counts', key: 'conflict_id' },
  actor: { table: 'actor_month_counts', key: 'actor_id' },
};

/** Rows (`scope_id`, `month`, `article_count`): the articles of each key per month. */
export function monthCounts(kind: ScopeKind, ids: readonly number[]): SQL {
  if (kind === 'corpus') return sql`select ${CORPUS_KEY}::int as scope_id, m.month, m.article_count from corpus_month_counts m`;
  const { table, key } = MONTHLY[kind];
  return sql`select m.${sql.raw(key)} as scope_id, m.month, m.article_count from ${sql.raw(table)} m
             where m.${sql.raw(key)} = any(${intArray(ids)})`;
}

/** Rows (`scope_id`, `article_count`): all articles of each key (keys without articles have no row). */
export function totalCounts(kind: ScopeKind, ids: readonly number[]): SQL {
  return sql`select t.scope_id, sum(t.article_count)::int as article_count from (${monthCounts(kind, ids)}) t group by t.scope_id`;
}

/** Rows (`scope_id`, `value`, `article_count`): for each key, the actors its articles mention and in how many. */
export function actorCounts(kind: ScopeKind, ids: readonly number[]): SQL {
  const keys = intArray(ids);
  switch (kind) {
    case 'corpus':
      return sql`select ${CORPUS_KEY}::int as scope_id, m.actor_id as value, sum(m.article_count)::int as article_count
                 from actor_month_counts m group by m.actor_id`;
    case 'conflict':
      return sql`select m.conflict_id as scope_id, m.actor_id as value, m.article_count
                 from conflict_actor_counts m where m.conflict_id = any(${keys})`;
    case 'actor':
      // Pairs are stored once, lower id first; an actor's own articles all mention it.
      return sql`select p.actor_id as scope_id, p.other_id as value, p.article_count from actor_pair_totals p where p.actor_id = any(${keys})
                 union all
                 select p.other_id, p.actor_id, p.article_count from actor_pair_totals p where p.other_id = any(${keys})
                 union all
                 select m.actor_id, m.actor_id, sum(m.article_count)::int from actor_month_counts m
                 where m.actor_id = any(${keys}) group by m.actor_id`;
  }
}

/**
 * Rows (`scope_id`, `value`, `article_count`): for each key, the conflicts its articles report on.
 * Null for conflicts, whose co-reported conflicts are not precomputed (they are few and cheap to count).
 */
export function conflictCounts(kind: ScopeKind, ids: readonly number[]): SQL | null {
  switch (kind) {
    case 'corpus':
      return sql`select ${CORPUS_KEY}::int as scope_id, m.conflict_id as value, sum(m.article_count)::int as article_count
                 from conflict_month_counts m group by m.conflict_id`;
    case 'actor':
      return sql`select m.actor_id as scope_id, m.conflict_id as value, m.article_count
                 from conflict_actor_counts m where m.actor_id = any(${intArray(ids)})`;
    case 'conflict':
      return null;
  }
}

/**
 * The period as whole months (`from` the first of a month, `to` the last day of one; either may
 * be open), so that monthly counts can stand for counts over its days; null when it is not.
 */
export function wholeMonths(period: { from: string | null; to: string | null }): { from: string | null; to: string | null } | null {
  const firstOfMonth = (day: string) => day.endsWith('-01');
  const lastOfMonth = (day: string) => {
    const next = new Date(`${day}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    return next.getUTCDate() === 1;
  };
  if (period.from && !firstOfMonth(period.from)) return null;
  if (period.to && !lastOfMonth(period.to)) return null;
  return period;
}
