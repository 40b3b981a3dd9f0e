import type { ArticleScope } from '../queries/article-filter.js';
import type { Period } from '../queries/association.js';
import { badInput } from './errors.js';
import { MAX_PAGE_SIZE } from './pagination.js';

/** A list size argument (`first`), 1 to 100. */
export function readLimit(value: number | null | undefined, fallback: number, argument = 'first'): number {
  const limit = value ?? fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw badInput(`\`${argument}\` must be between 1 and ${MAX_PAGE_SIZE}, got ${limit}`, { argument });
  }
  return limit;
}

/** A period of publication from `from` and `to` arguments (both inclusive, both optional). */
export function readPeriod(args: { from?: string | null; to?: string | null }): Period {
  const period = { from: args.from ?? null, to: args.to ?? null };
  if (period.from && period.to && period.from > period.to) throw badInput('`from` is after `to`', { argument: 'from' });
  return period;
}

/** The set of articles behind an article connection; every list of articles sets it. */
export function scopeOf(connection: { articleScope?: ArticleScope }): ArticleScope {
  if (!connection.articleScope) throw new Error('this article connection does not carry its scope');
  return connection.articleScope;
}

/** The last day of the month or year starting on `from` (YYYY-MM-DD). */
export function lastDayOf(from: string, interval: 'MONTH' | 'YEAR'): string {
  const [year, month] = from.split('-').map(Number) as [number, number];
  const end = interval === 'YEAR' ? new Date(Date.UTC(year, 11, 31)) : new Date(Date.UTC(year, month, 0));
  return end.toISOString().slice(0, 10);
}
