import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createApp } from '../src/app.js';
import { loggedApp } from './helpers/app.js';
import { contractOperation } from './helpers/contract.js';
import { openTestDatabase, type TestDatabase } from './helpers/db.js';

// Repeated queries run compiled (graphql-jit); these tests hold the compiled answers, errors
// included, to the bytes the reference executor sends for the same request.

describe('compiled queries', () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let lines: string[];

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    ({ app, lines } = loggedApp(database));
  });
  afterAll(() => database?.close());

  let requests = 0;
  /** The response text and whether the log line of the request says it ran compiled. */
  async function run(query: string, variables: Record<string, unknown> = {}) {
    const requestId = `compiled-${++requests}`;
    const response = await app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    const line = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((event) => event.requestId === requestId);
    expect(line, `no log line for ${requestId}`).toBeDefined();
    return { status: response.status, text, compiled: line!.compiled === true };
  }

  /** Runs the request three times: the first on the reference executor, the others compiled. */
  async function expectSameCompiled(query: string, variables: Record<string, unknown> = {}) {
    const first = await run(query, variables);
    const second = await run(query, variables);
    const third = await run(query, variables);
    expect([first.compiled, second.compiled, third.compiled]).toEqual([false, true, true]);
    expect(second.text).toBe(first.text);
    expect(third.text).toBe(first.text);
    expect(second.status).toBe(first.status);
    return first;
  }

  it.each([
    ['ConflictTraversal', { conflicts: 5, articles: 3 }],
    ['ArticlesWithEntities', { first: 3 }],
    ['SearchArticles', { q: 'Taliban', first: 3 }],
    ['ActorProfile', { slug: 'united-states' }],
  ])('answers %s compiled from its second run on, byte for byte as the first', async (name, variables) => {
    const first = await expectSameCompiled(contractOperation(name), variables);
    expect(JSON.parse(first.text).errors).toBeUndefined();
    expect(first.text.length).toBeGreaterThan(100);
  });

  it('reports an error in a compiled query at the same path and place in the text, through a fragment and an alias', async () => {
    const query = `query Deep($n: Int!) {
  conflicts(first: 2) { edges { node { ...Coverage } } }
}
fragment Coverage on Conflict {
  recent: articles(first: $n) { edges { node { id } } }
}`;
    const first = await expectSameCompiled(query, { n: 500 });
    const [error] = JSON.parse(first.text).errors;
    expect(error).toMatchObject({
      path: ['conflicts', 'edges', 0, 'node', 'recent'],
      locations: [{ line: 5, column: 3 }],
      extensions: { code: 'BAD_USER_INPUT', argument: 'first' },
    });
  });

  it('refuses a variable of the wrong type in a compiled query as graphql-js does, with its place in the text', async () => {
    const first = await expectSameCompiled('query Paged($n: Int!) {\n  articles(first: $n) { totalCount }\n}', { n: 'ten' });
    const [error] = JSON.parse(first.text).errors;
    expect(error.message).toContain('$n');
    expect(error.locations).toEqual([{ line: 1, column: 13 }]);
  });

  it('leaves queries with input-object variables, and mutations, to the reference executor', async () => {
    // ArticleFilter nests itself (and, or, not): graphql-jit would never finish compiling it.
    const filtered = 'query Filtered($f: ArticleFilter) { articles(first: 2, filter: $f) { totalCount } }';
    const variables = { f: { or: [{ search: 'Taliban' }, { not: { search: 'Poetin' } }] } };
    const runs = [await run(filtered, variables), await run(filtered, variables), await run(filtered, variables)];
    expect(runs.map((r) => r.compiled)).toEqual([false, false, false]);
    expect(JSON.parse(runs[2]!.text).data.articles.totalCount).toBeGreaterThan(0);

    const mutation = 'mutation Nothing { ingestArticle(input: { externalId: "x", text: "" }) { status } }';
    const writes = [await run(mutation), await run(mutation)];
    expect(writes.map((r) => r.compiled)).toEqual([false, false]);
  });
});
