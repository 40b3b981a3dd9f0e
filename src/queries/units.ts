import { sql, type SQL } from 'drizzle-orm';
import { column, table } from '../db/raw-sql.js';
import { articleStories } from '../db/schema.js';

/**
 * What an aggregate counts: articles, or stories (a story counts once in a bucket, a facet value or
 * a pair when any of its articles does). An article without a story row (stored before stories
 * were kept, until a relink) counts as a story of its own.
 */
export type CountUnit = 'ARTICLE' | 'STORY';

const storyOf = column(articleStories.storyId);

/**
 * The join that gives each article its story as `<alias>.story_id` (null for an article without
 * one), for `unitCount`; nothing when counting articles.
 */
export function unitJoin(unit: CountUnit, articleId: SQL, alias = 'su'): SQL {
  if (unit === 'ARTICLE') return sql``;
  const su = sql.raw(alias);
  return sql`left join ${table(articleStories)} ${su} on ${su}.${column(articleStories.articleId)} = ${articleId}`;
}

/**
 * The story of an article as a value distinct from every other story's and article's: story ids
 * and article ids are both positive, so an article without a story stands for itself as its id negated.
 */
export function storyKey(articleId: SQL, alias = 'su'): SQL {
  return sql`coalesce(${sql.raw(alias)}.${storyOf}, -${articleId})`;
}

/** The count of a group in the unit: its rows (one an article), or its distinct stories (needs `unitJoin`). */
export function unitCount(unit: CountUnit, articleId: SQL, alias = 'su'): SQL {
  return unit === 'ARTICLE' ? sql`count(*)` : sql`count(distinct ${storyKey(articleId, alias)})`;
}
