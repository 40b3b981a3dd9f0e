import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClient, WRITE_TOKEN } from './helpers/app.js';
import { backends, openTestDatabase, type TestDatabase } from './helpers/db.js';
import { addLinkedArticles, someSlugs } from './helpers/factories.js';
import { encodeGlobalId } from '../src/global-id.js';

const PAGE = `query Page($first: Int, $after: String, $last: Int, $before: String) {
  articles(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id externalId publishedOn } }
  }
}`;

describe.each(backends)('API on %s', (backend) => {
  let database: TestDatabase;
  let client: ReturnType<typeof testClient>;

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    client = testClient(database);
    // Enough articles for several pages, some sharing a publication date (ties broken by id).
    const conflictSlugs = await someSlugs(database.database.db, 'conflicts', 1);
    await addLinkedArticles(database.database.db, 12, { actorSlugs: [], conflictSlugs });
  });
  afterAll(() => database?.close());

  it('walks the whole article list forward and backward with cursors, newest first', async () => {
    const all = await client.query(PAGE, { first: 100 });
    const total = all.articles.totalCount;
    // The 5 seeds and the 12 above at least (other tests add more): several pages of 5 and of 4.
    expect(total).toBeGreaterThanOrEqual(17);
    expect(all.articles.edges).toHaveLength(total);
    const expected = all.articles.edges.map((e: any) => e.node.id);
    const dates = all.articles.edges.map((e: any) => e.node.publishedOn);
    expect([...dates].sort().reverse()).toEqual(dates);

    const forward: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data: any = await client.query(PAGE, { first: 5, after });
      forward.push(...data.articles.edges.map((e: any) => e.node.id));
      expect(data.articles.pageInfo.hasPreviousPage).toBe(after != null);
      if (!data.articles.pageInfo.hasNextPage) break;
      after = data.articles.pageInfo.endCursor;
    }
    expect(forward).toEqual(expected);

    const backward: string[] = [];
    let before: string | null = null;
    for (;;) {
      const data: any = await client.query(PAGE, { last: 4, before });
      backward.unshift(...data.articles.edges.map((e: any) => e.node.id));
      if (!data.articles.pageInfo.hasPreviousPage) break;
      before = data.articles.pageInfo.startCursor;
    }
    expect(backward).toEqual(expected);
  });

  it('keeps a cursor valid when articles are added before it', async () => {
    const first = await client.query(PAGE, { first: 3 });
    const cursor = first.articles.pageInfo.endCursor;
    const next = await client.query(PAGE, { first: 2, after: cursor });
    const conflictSlugs = await someSlugs(database.database.db, 'conflicts', 1);
    // A newer article lands at the head of the list; the page after the cursor must not move.
    const newest = first.articles.edges[0].node.publishedOn as string;
    const later = `${Number(newest.slice(0, 4)) + 1}${newest.slice(4)}`;
    const [added] = await addLinkedArticles(database.database.db, 1, { actorSlugs: [], conflictSlugs, article: { publishedOn: later } });
    expect((await client.query(PAGE, { first: 1 })).articles.edges[0].node.id).toBe(encodeGlobalId('Article', added!));
    const again = await client.query(PAGE, { first: 2, after: cursor });
    expect(again.articles.edges).toEqual(next.articles.edges);
  });

  it.each([
    [{ first: 0 }, '`first` must be between 1 and 100'],
    [{ first: 101 }, '`first` must be between 1 and 100'],
    [{ last: 1000 }, '`last` must be between 1 and 100'],
    [{ first: 1, last: 1 }, 'either `first` or `last`'],
    [{ first: 1, after: 'bm90IGEgY3Vyc29y' }, '`after` is not a cursor of this list'],
    [{ last: 1, before: '%%%' }, '`before` is not a cursor of this list'],
  ])('refuses page arguments %j with BAD_USER_INPUT', async (variables, message) => {
    const error = await client.fail(PAGE, variables);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain(message);
  });

  it('limits nested pages too', async () => {
    const error = await client.fail('{ conflicts(first: 1) { edges { node { articles(first: 500) { totalCount } } } } }');
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.path).toEqual(['conflicts', 'edges', 0, 'node', 'articles']);
  });

  it('looks objects up by global id, natural key and node/nodes', async () => {
    const data = await client.query(`{ conflicts(first: 1) { edges { node { id slug name } } }
      actors(first: 1) { edges { node { id slug name } } }
      articles(first: 1) { edges { node { id externalId title } } } }`);
    const conflict = data.conflicts.edges[0].node;
    const actor = data.actors.edges[0].node;
    const article = data.articles.edges[0].node;

    const byKey = await client.query(
      `query($c: String!, $a: String!, $e: String!) {
        conflict(slug: $c) { id } actor(slug: $a) { id } article(externalId: $e) { id } }`,
      { c: conflict.slug, a: actor.slug, e: article.externalId },
    );
    expect(byKey).toEqual({ conflict: { id: conflict.id }, actor: { id: actor.id }, article: { id: article.id } });

    const byId = await client.query(
      `query($c: ID!, $a: ID!, $e: ID!) { conflict(id: $c) { name } actor(id: $a) { name } article(id: $e) { title } }`,
      { c: conflict.id, a: actor.id, e: article.id },
    );
    expect(byId).toEqual({ conflict: { name: conflict.name }, actor: { name: actor.name }, article: { title: article.title } });

    const nodes = await client.query(
      `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`,
      { ids: [article.id, actor.id, conflict.id] },
    );
    expect(nodes.nodes).toEqual([
      { __typename: 'Article', id: article.id },
      { __typename: 'Actor', id: actor.id },
      { __typename: 'Conflict', id: conflict.id },
    ]);
  });

  it('answers null for what does not exist and BAD_USER_INPUT for ids that are not ids', async () => {
    const missing = await client.query(`{ actor(slug: "no-such-actor") { id } conflict(slug: "nope") { id } article(externalId: "nope") { id } }`);
    expect(missing).toEqual({ actor: null, conflict: null, article: null });
    const unknownRow = Buffer.from('Actor:999999').toString('base64');
    expect(await client.query(`query($id: ID!) { node(id: $id) { id } }`, { id: unknownRow })).toEqual({ node: null });

    for (const id of ['not-an-id', Buffer.from('Actor:abc').toString('base64')]) {
      const error = await client.fail(`query($id: ID!) { node(id: $id) { id } }`, { id });
      expect(error.code).toBe('BAD_USER_INPUT');
    }
    const wrongType = Buffer.from('Conflict:1').toString('base64');
    const error = await client.fail(`query($id: ID!) { actor(id: $id) { id } }`, { id: wrongType });
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain('not of a Actor');
    const neither = await client.fail(`{ actor { id } }`);
    expect(neither.message).toContain('exactly one of `id` and `slug`');
  });

  it('refuses RELEVANCE order without a search', async () => {
    const error = await client.fail(`query { articles(first: 1, orderBy: RELEVANCE) { totalCount } }`);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain('RELEVANCE');
  });

  it('refuses writes without the right token, and writes are off without a configured token', async () => {
    const mutation = `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { created } }`;
    const input = { externalId: 'auth_check', text: ' date 2020-05 Een korte tekst over niets in het bijzonder.' };
    expect((await client.fail(mutation, { input })).code).toBe('UNAUTHENTICATED');
    expect((await client.fail(mutation, { input }, { authorization: 'Bearer wrong-token-wrong-token' })).code).toBe(
      'UNAUTHENTICATED',
    );
    const readOnly = testClient(database, { writeToken: null });
    expect((await readOnly.fail(mutation, { input }, { authorization: `Bearer ${WRITE_TOKEN}` })).code).toBe('FORBIDDEN');
    const check = await client.query(`{ article(externalId: "auth_check") { id } }`);
    expect(check.article).toBeNull();
  });
});
