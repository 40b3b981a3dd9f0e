import { getTableName, sql, type Column, type SQL } from 'drizzle-orm';
import { alias, PgDialect, type PgTable, type PgView } from 'drizzle-orm/pg-core';
import type { Db } from './client.js';
import { column, columnList, table } from './raw-sql.js';
import { col, selectRows } from './rows.js';
import {
  actorCounts,
  actorMonthCounts,
  actorPairCounts,
  actorPairTotals,
  actorTotals,
  articleActors,
  articleConflicts,
  articles,
  conflictActorCounts,
  conflictActorPairCounts,
  conflictActorPairTotals,
  conflictCounts,
  conflictMonthCounts,
  conflictTotals,
  corpusMonthCounts,
} from './schema.js';

// The precomputed counts (kept by triggers, see migration 0009) against a count from scratch: for
// each table, the rows that one has and the other lacks, both ways. Zero everywhere means equal.
// Pairs and totals are read as their slots add up (the *_pair_totals views of migration 0013, the *_totals of 0019).
const MONTH = (column: SQL) => sql`date_trunc('month', ${column}::timestamp)::date`;
const x = alias(articleActors, 'x');
const y = alias(articleActors, 'y');
const c = alias(articleConflicts, 'c');
const PAIRS = sql`${table(articleActors)} x join ${table(articleActors)} y on ${y.articleId} = ${x.articleId} and ${x.actorId} < ${y.actorId}`;

const columnsOf = (from: PgTable | PgView, columns: Column[]) => sql`select ${columnList(columns)} from ${table(from)}`;

export const FROM_SCRATCH: [counts: PgTable, precomputed: SQL, scratch: SQL][] = [
  [
    corpusMonthCounts,
    columnsOf(corpusMonthCounts, [corpusMonthCounts.month, corpusMonthCounts.articleCount]),
    sql`select ${MONTH(column(articles.publishedOn))}, count(*)::int from ${table(articles)} group by 1`,
  ],
  [
    conflictMonthCounts,
    columnsOf(conflictMonthCounts, [conflictMonthCounts.conflictId, conflictMonthCounts.month, conflictMonthCounts.articleCount]),
    sql`select ${column(articleConflicts.conflictId)}, ${MONTH(column(articleConflicts.publishedOn))}, count(*)::int from ${table(articleConflicts)} group by 1, 2`,
  ],
  [
    actorMonthCounts,
    columnsOf(actorMonthCounts, [actorMonthCounts.actorId, actorMonthCounts.month, actorMonthCounts.articleCount]),
    sql`select ${column(articleActors.actorId)}, ${MONTH(column(articleActors.publishedOn))}, count(*)::int from ${table(articleActors)} group by 1, 2`,
  ],
  [
    conflictCounts,
    columnsOf(conflictTotals, [conflictTotals.conflictId, conflictTotals.articleCount]),
    sql`select ${column(articleConflicts.conflictId)}, count(*)::int from ${table(articleConflicts)} group by 1`,
  ],
  [
    actorCounts,
    columnsOf(actorTotals, [actorTotals.actorId, actorTotals.articleCount]),
    sql`select ${column(articleActors.actorId)}, count(*)::int from ${table(articleActors)} group by 1`,
  ],
  [
    conflictActorCounts,
    columnsOf(conflictActorCounts, [
      conflictActorCounts.conflictId,
      conflictActorCounts.actorId,
      conflictActorCounts.articleCount,
      conflictActorCounts.mentionCount,
      conflictActorCounts.firstOn,
      conflictActorCounts.lastOn,
    ]),
    sql`select ${c.conflictId}, ${x.actorId}, count(*)::int, sum(${x.mentionCount})::int, min(${x.publishedOn}), max(${x.publishedOn})
     from ${table(articleActors)} x join ${table(articleConflicts)} c on ${c.articleId} = ${x.articleId} group by 1, 2`,
  ],
  [
    actorPairCounts,
    columnsOf(actorPairTotals, [actorPairTotals.actorId, actorPairTotals.otherId, actorPairTotals.articleCount]),
    sql`select ${x.actorId}, ${y.actorId}, count(*)::int from ${PAIRS} group by 1, 2`,
  ],
  [
    conflictActorPairCounts,
    columnsOf(conflictActorPairTotals, [
      conflictActorPairTotals.conflictId,
      conflictActorPairTotals.actorId,
      conflictActorPairTotals.otherId,
      conflictActorPairTotals.articleCount,
    ]),
    sql`select ${c.conflictId}, ${x.actorId}, ${y.actorId}, count(*)::int from ${PAIRS} join ${table(articleConflicts)} c on ${c.articleId} = ${x.articleId} group by 1, 2, 3`,
  ],
];

/** One statement: rows (`table`, `n`), how many rows of each table differ from a count from scratch. */
const AGGREGATE_DRIFT = sql.join(
  FROM_SCRATCH.map(
    ([counts, mine, scratch]) =>
      sql`select ${sql.raw(`'${getTableName(counts)}'`)} as "table", count(*)::int as n from ((${mine} except all ${scratch}) union all (${scratch} except all ${mine})) d`,
  ),
  sql` union all `,
);

/** The statement of `aggregateDrift` as text (it takes no parameters), for clients other than Drizzle. */
export const AGGREGATE_DRIFT_SQL = new PgDialect().sqlToQuery(AGGREGATE_DRIFT).sql;

/** Per table, how many rows differ from a count from scratch. */
export async function aggregateDrift(db: Db): Promise<Record<string, number>> {
  const result = await selectRows(db, AGGREGATE_DRIFT, { table: col.text, n: col.int });
  return Object.fromEntries(result.map((row) => [row.table, row.n]));
}

/** What `aggregateDrift` gives when every count is exact. */
export const NO_DRIFT = Object.fromEntries(FROM_SCRATCH.map(([counts]) => [getTableName(counts), 0]));
