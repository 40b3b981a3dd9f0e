import { afterAll, beforeAll } from 'vitest';
import { globalIdsBySlug, testClient } from './app.js';
import { openTestDatabase, type Backend, type TestDatabase } from './db.js';
import { addArticle, type ArticleSpec } from './factories.js';

/** A seeded database with the articles of a file's specs, a client on it, and the global ids the specs name. */
export interface ArticlesFixture {
  database: TestDatabase;
  client: ReturnType<typeof testClient>;
  /** The global id of every actor and conflict slug the specs name. */
  id: Record<string, string>;
  /** Runs an operation that must succeed; returns its data with the number of SQL statements it sent, and their text. */
  statements(operation: string, variables?: Record<string, unknown>): Promise<{ data: Record<string, any>; count: number; log: string }>;
}

/**
 * Call inside a `describe`: opens a seeded database on `backend` and stores `specs` in it before
 * the describe's tests, and closes it after them. Its fields are set once the tests run.
 */
export function useArticles(backend: Backend, specs: ArticleSpec[]): ArticlesFixture {
  const fixture = {
    id: {},
    async statements(operation, variables = {}) {
      fixture.database.sqlLog.length = 0;
      const data = await fixture.client.query(operation, variables);
      return { data, count: fixture.database.sqlLog.length, log: fixture.database.sqlLog.join('\n') };
    },
  } as ArticlesFixture;
  beforeAll(async () => {
    fixture.database = await openTestDatabase(backend);
    fixture.client = testClient(fixture.database);
    for (const spec of specs) await addArticle(fixture.database.database.db, spec);
    Object.assign(fixture.id, await globalIdsBySlug(fixture.client, specs));
  });
  afterAll(() => fixture.database?.close());
  return fixture;
}
