import { sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { column, table } from '../db/raw-sql.js';
import { actorPairTotals, actorTotals, conflictActorCounts, corpusMonthCounts } from '../db/schema.js';
import { LINKED_KINDS, type Kind } from '../kinds.js';
import { intArray } from './rows.js';
import { CORPUS_KEY, type ScopeKind } from './scoped-articles.js';

// Reads of the precomputed *_counts tables (kept fresh by triggers, see migration 0009). They
// stand in for counting over the link tables when a scope is unfiltered; each reader returns
// rows shaped like its live counterpart, so the two paths share the SQL around them.

const corpus = alias(corpusMonthCounts, 'm');

/** The keys as an int array: given, or an expression of one (a statement's parameter, see statementPerVariant). */
function keysOf(ids: readonly number[] | SQL): SQL {
  return Array.isArray(ids) ? intArray(ids) : (ids as SQL);
}

/** Rows (`scope_id`, `month`, `article_count`): the articles of each key per month. */
export function monthCounts(kind: ScopeKind, ids: readonly number[] | SQL): SQL {
  if (kind === 'corpus') {
    return sql`select ${CORPUS_KEY}::int as scope_id, ${corpus.month}, ${corpus.articleCount} from ${table(corpusMonthCounts)} m`;
  }
  const { monthCounts: counts, monthKey } = LINKED_KINDS[kind];
  const key = column(monthKey);
  return sql`select m.${key} as scope_id, m.${column(counts.month)} as month, m.${column(counts.articleCount)} as article_count
             from ${table(counts)} m where m.${key} = any(${keysOf(ids)})`;
}

/** Rows (`scope_id`, `article_count`): all articles of each key (keys without articles have no row). */
export function totalCounts(kind: ScopeKind, ids: readonly number[] | SQL): SQL {
  if (kind === 'corpus') {
    return sql`select t.scope_id, sum(t.article_count)::int as article_count from (${monthCounts(kind, ids)}) t group by t.scope_id`;
  }
  // A few slots per key (migration 0019), not a sum over its months.
  const { totalCounts: counts, totalKey } = LINKED_KINDS[kind];
  const key = column(totalKey);
  return sql`select n.${key} as scope_id, n.${column(counts.articleCount)} as article_count
             from ${table(counts)} n where n.${key} = any(${keysOf(ids)})`;
}

const pairs = alias(actorPairTotals, 'p');
const parties = alias(conflictActorCounts, 'm');
const totals = alias(actorTotals, 'm');

/** Rows (`scope_id`, `value`, `article_count`) of the entities of one kind that the articles of other entities link to. */
type CoCounts = (keys: SQL) => SQL;

/** The counts of each kind, `value`, within the articles of each kind, `scope_id`, as far as they are precomputed. */
const CO_COUNTS = {
  actor: {
    // Pairs are stored once, lower id first, in slots summed by the view actor_pair_totals
    // (migration 0013); an actor's own articles all mention it.
    actor: (keys) =>
      sql`select ${pairs.actorId} as scope_id, ${pairs.otherId} as value, ${pairs.articleCount} from ${table(actorPairTotals)} p where ${pairs.actorId} = any(${keys})
          union all
          select ${pairs.otherId}, ${pairs.actorId}, ${pairs.articleCount} from ${table(actorPairTotals)} p where ${pairs.otherId} = any(${keys})
          union all
          select ${totals.actorId}, ${totals.actorId}, ${totals.articleCount} from ${table(actorTotals)} m where ${totals.actorId} = any(${keys})`,
    conflict: (keys) =>
      sql`select ${parties.actorId} as scope_id, ${parties.conflictId} as value, ${parties.articleCount}
          from ${table(conflictActorCounts)} m where ${parties.actorId} = any(${keys})`,
  },
  conflict: {
    actor: (keys) =>
      sql`select ${parties.conflictId} as scope_id, ${parties.actorId} as value, ${parties.articleCount}
          from ${table(conflictActorCounts)} m where ${parties.conflictId} = any(${keys})`,
    // The conflicts reported on together with a conflict are not precomputed: they are few and cheap to count.
    conflict: null,
  },
} satisfies Record<Kind, Record<Kind, CoCounts | null>>;

/**
 * Rows (`scope_id`, `value`, `article_count`): for each key, the entities of a kind its articles
 * link to and in how many. Null where they are not precomputed (then count over the links).
 */
export function entityCounts(counted: Kind, scope: ScopeKind, ids: readonly number[]): SQL | null {
  if (scope === 'corpus') {
    const { totalCounts: counts, totalKey } = LINKED_KINDS[counted];
    return sql`select ${CORPUS_KEY}::int as scope_id, m.${column(totalKey)} as value, m.${column(counts.articleCount)} as article_count
               from ${table(counts)} m`;
  }
  return CO_COUNTS[scope][counted]?.(intArray(ids)) ?? null;
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
