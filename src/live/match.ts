import DataLoader from 'dataloader';
import { Repeater } from 'graphql-yoga';
import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import { table } from '../db/raw-sql.js';
import { col, selectRows, type Decoder } from '../db/rows.js';
import { articles } from '../db/schema.js';
import { articleCondition, type ArticleFilterSpec } from '../queries/article-filter.js';
import { intArray } from '../queries/rows.js';
import type { ArticleEvents, ArticlesIngested } from './events.js';

/** The articles as `articleCondition` names them. */
const a = alias(articles, 'a');

interface MatchKey {
  event: ArticlesIngested;
  filter: ArticleFilterSpec | null;
}

/** Conditions per statement: well below Postgres' 1,664 columns and 65,535 parameters. */
const FILTERS_PER_STATEMENT = 100;
/** A filter's condition on an article: null where it is unknown (no match). */
const MATCH = col.nullable(col.bool);

/**
 * Which articles of an announcement meet a subscriber's filter. The subscribers of one server
 * that ask about the same announcement share one statement: each filter becomes a column, the
 * same SQL condition that lists of articles use, so a live filter means what a query's does.
 */
export function createArticleMatcher(db: Db) {
  const loader = new DataLoader<MatchKey, number[]>(
    async (keys) => {
      const byEvent = new Map<string, number[]>();
      keys.forEach((key, index) => byEvent.set(key.event.id, [...(byEvent.get(key.event.id) ?? []), index]));
      const results: number[][] = keys.map(() => []);
      for (const indices of byEvent.values()) {
        const { articleIds } = keys[indices[0]!]!.event;
        const columns = indices.map((index, n) => sql`(${articleCondition(keys[index]!.filter)}) as ${sql.identifier(`m${n}`)}`);
        const shape: { id: Decoder<number> } & Record<`m${number}`, Decoder<boolean | null>> = { id: col.int };
        indices.forEach((_, n) => (shape[`m${n}`] = MATCH));
        const rows = await selectRows(
          db,
          sql`select ${a.id} as "id", ${sql.join(columns, sql`, `)} from ${table(articles)} a where ${a.id} = any(${intArray(articleIds)})`,
          shape,
        );
        const byId = new Map(rows.map((row) => [row.id, row]));
        indices.forEach((index, n) => {
          results[index] = articleIds.filter((id) => byId.get(id)?.[`m${n}`] === true);
        });
      }
      return results;
    },
    {
      cache: false,
      maxBatchSize: FILTERS_PER_STATEMENT,
      // Waits a turn of the event loop, so the subscribers woken by one announcement ask together.
      batchScheduleFn: (run) => setImmediate(run),
    },
  );
  return (event: ArticlesIngested, filter: ArticleFilterSpec | null) => loader.load({ event, filter });
}

export type ArticleMatcher = ReturnType<typeof createArticleMatcher>;

/** The ids of announced articles that meet the filter, one at a time, until the iterator is returned. */
export function matchingArticles(events: ArticleEvents, match: ArticleMatcher, filter: ArticleFilterSpec | null) {
  return new Repeater<number>(async (push, stop) => {
    const source = events.subscribe();
    void stop.then(() => source.return());
    for await (const event of source) {
      for (const id of await match(event, filter)) await push(id);
    }
    stop(); // the announcements ended (the server is stopping)
  });
}
