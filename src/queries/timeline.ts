import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { alias } from 'drizzle-orm/pg-core';
import { column, table } from '../db/raw-sql.js';
import { col, selectRows } from '../db/rows.js';
import { articles, corpusMonthCounts } from '../db/schema.js';
import { isEmptyFilter, type ArticleFilterSpec } from './article-filter.js';
import { monthCounts } from './counts.js';
import { groupedInKeyOrder } from './rows.js';
import { placeLinks } from './places.js';
import { scopedArticles, scopedThroughLinks, type ScopeKind } from './scoped-articles.js';
import { unitCount, unitJoin, type CountUnit } from './units.js';

export type TimelineInterval = 'MONTH' | 'YEAR';

/** Whose articles a timeline counts: a kind's entities, the corpus, or places. */
export type TimelineScope = ScopeKind | 'place';

const UNITS: Record<TimelineInterval, { unit: string; step: string }> = {
  MONTH: { unit: 'month', step: '1 month' },
  YEAR: { unit: 'year', step: '1 year' },
};

const corpusMonths = alias(corpusMonthCounts, 'm');

export interface TimelineBucketRow {
  /** The first day of the bucket. */
  from: string;
  articleCount: number;
  /** Articles (or stories) of the whole corpus in the bucket. */
  corpusArticleCount: number;
}

/**
 * For each key, its articles (or stories) per bucket from the first bucket with articles to the
 * last, empty buckets included, beside the corpus count of each bucket in the same unit; one
 * statement for all keys.
 */
export async function timelinesOf(
  db: Db,
  kind: TimelineScope,
  ids: readonly number[],
  filter: ArticleFilterSpec | null,
  interval: TimelineInterval,
  unit: CountUnit = 'ARTICLE',
): Promise<TimelineBucketRow[][]> {
  const truncation = sql.raw(`'${UNITS[interval].unit}'`);
  const step = sql.raw(`interval '${UNITS[interval].step}'`);
  // Truncating a timestamp (not a date, which would become a timestamptz) keeps the buckets
  // independent of the session's time zone.
  const bucketOf = (column: SQL) => sql`date_trunc(${truncation}, ${column}::timestamp)::date`;
  // Unfiltered scopes and the corpus column read the precomputed monthly counts of articles; a
  // filter, or counting stories, means counting over the articles. Places have no monthly counts:
  // they count their links, whose index holds the date. The corpus's stories are counted over the
  // span of the buckets only.
  const scoped = kind === 'place' ? scopedThroughLinks(placeLinks, ids, filter) : scopedArticles(kind, ids, filter);
  const counts =
    isEmptyFilter(filter) && unit === 'ARTICLE' && kind !== 'place'
      ? sql`select m.scope_id, ${bucketOf(sql`m.month`)} as bucket, sum(m.article_count)::int as n
            from (${monthCounts(kind, ids)}) m group by 1, 2`
      : sql`select s.scope_id, ${bucketOf(sql`s.published_on`)} as bucket, ${unitCount(unit, sql`s.article_id`)}::int as n
            from (${scoped}) s ${unitJoin(unit, sql`s.article_id`)} group by 1, 2`;
  const published = sql`a.${column(articles.publishedOn)}`;
  const corpus =
    unit === 'ARTICLE'
      ? sql`select ${bucketOf(sql`${corpusMonths.month}`)} as bucket, sum(${corpusMonths.articleCount})::int as n from ${table(corpusMonthCounts)} m group by 1`
      : sql`select ${bucketOf(published)} as bucket, ${unitCount(unit, sql`a.${column(articles.id)}`)}::int as n
            from ${table(articles)} a ${unitJoin(unit, sql`a.${column(articles.id)}`)}
            where ${published} >= (select min(lo) from spans) and ${published} < (select max(hi) from spans) + ${step}
            group by 1`;
  const rows = await selectRows(
    db,
    sql`with counts as (${counts}), spans as (
          select scope_id, min(bucket) as lo, max(bucket) as hi from counts group by scope_id
        ), buckets as (
          select sp.scope_id, g::date as bucket
          from spans sp cross join lateral generate_series(sp.lo::timestamp, sp.hi::timestamp, ${step}) g
        ), corpus as (${corpus})
        select b.scope_id as "scopeId", b.bucket::text as "from",
               coalesce(c.n, 0)::int as "articleCount", coalesce(t.n, 0)::int as "corpusArticleCount"
        from buckets b
        left join counts c on c.scope_id = b.scope_id and c.bucket = b.bucket
        left join corpus t on t.bucket = b.bucket
        order by b.scope_id, b.bucket`,
    { scopeId: col.int, from: col.date, articleCount: col.int, corpusArticleCount: col.int },
  );
  const buckets = rows.map(({ scopeId, ...bucket }) => ({ scopeId, bucket }));
  return groupedInKeyOrder(ids, buckets, (row) => row.scopeId).map((list) => list.map((row) => row.bucket));
}
