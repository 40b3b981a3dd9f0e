import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPHIQL_EXAMPLES } from '../src/app.js';
import { testClient } from './helpers/app.js';
import { contractOperation } from './helpers/contract.js';
import { backends, openTestDatabase, type TestDatabase } from './helpers/db.js';
import { addArticle } from './helpers/factories.js';

interface Listed {
  id: string;
  name: string;
  startedOn?: string;
  articles: { totalCount: number; edges: { node: { publishedOn: string } }[] };
}

const NODE = `id name articles(first: 1) { totalCount edges { node { publishedOn } } }`;

/** The order an entity must have under each order, as computed from what the API says of each one. */
const RANK: Record<string, (row: Listed) => number | string> = {
  ARTICLE_COUNT: (row) => -row.articles.totalCount,
  RECENT_COVERAGE: (row) => (row.articles.edges[0] ? -Date.parse(row.articles.edges[0].node.publishedOn) : Infinity),
  START_DATE: (row) => -Date.parse(row.startedOn!),
};

describe.each(backends)('orders and coverage filters of conflicts and actors on %s', (backend) => {
  let database: TestDatabase;
  let client: ReturnType<typeof testClient>;

  /** Every item of a list, walking it forward `size` at a time; checks that no page repeats an item. */
  async function walk(field: 'conflicts' | 'actors', args: string, node: string, size: number): Promise<Listed[]> {
    const items: Listed[] = [];
    let after: string | null = null;
    for (;;) {
      const data: any = await client.query(
        `query($after: String) { list: ${field}(first: ${size}, after: $after${args}) {
          totalCount pageInfo { hasNextPage endCursor } edges { node { ${node} } } } }`,
        { after },
      );
      items.push(...data.list.edges.map((e: any) => e.node));
      if (!data.list.pageInfo.hasNextPage) {
        expect(items).toHaveLength(data.list.totalCount);
        break;
      }
      after = data.list.pageInfo.endCursor;
    }
    expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
    return items;
  }

  /** The same list walked backward with `last`/`before`, put back in order. */
  async function walkBackward(field: 'conflicts' | 'actors', args: string, size: number): Promise<string[]> {
    const ids: string[] = [];
    let before: string | null = null;
    for (;;) {
      const data: any = await client.query(
        `query($before: String) { list: ${field}(last: ${size}, before: $before${args}) {
          pageInfo { hasPreviousPage startCursor } edges { node { id } } } }`,
        { before },
      );
      ids.unshift(...data.list.edges.map((e: any) => e.node.id));
      if (!data.list.pageInfo.hasPreviousPage) return ids;
      before = data.list.pageInfo.startCursor;
    }
  }

  /** Sorted by the rank, ties in the order of the NAME list (the database's collation decides names). */
  function expected(items: Listed[], order: string, byName: string[]): string[] {
    const position = new Map(byName.map((id, i) => [id, i]));
    const rank = RANK[order]!;
    return [...items]
      .sort((a, b) => {
        const ra = rank(a);
        const rb = rank(b);
        if (ra !== rb) return ra < rb ? -1 : 1;
        return position.get(a.id)! - position.get(b.id)!;
      })
      .map((item) => item.id);
  }

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    client = testClient(database);
  });
  afterAll(() => database?.close());

  it("opens GraphiQL's first tab on covered conflicts only", async () => {
    const [name, variables] = GRAPHIQL_EXAMPLES[0]!;
    const data = await client.query(contractOperation(name), variables);
    expect(data.conflicts.edges.length).toBe(variables.conflicts);
    for (const edge of data.conflicts.edges) expect(edge.node.articles.totalCount, edge.node.name).toBeGreaterThan(0);
  });

  it('lists conflicts by name by default, and in each order, paging forward and backward alike', async () => {
    // A conflict without articles gets the latest article of all: RECENT_COVERAGE must put it first.
    const none = await client.query(`{ conflicts(first: 1, hasArticles: false, orderBy: NAME) { edges { node { slug id } } } }`);
    const fresh = none.conflicts.edges[0].node;
    await addArticle(database.database.db, { externalId: 'order-fresh', publishedOn: '2031-03-01', conflictSlugs: [fresh.slug] });

    const byName = (await walk('conflicts', ', orderBy: NAME', 'id', 9)).map((item) => item.id);
    const all = await walk('conflicts', ', orderBy: NAME', `${NODE} startedOn`, 100);
    expect(all.length).toBeGreaterThan(9);
    for (const order of ['ARTICLE_COUNT', 'RECENT_COVERAGE', 'START_DATE']) {
      const walked = (await walk('conflicts', `, orderBy: ${order}`, 'id', 7)).map((item) => item.id);
      expect(walked, order).toEqual(expected(all, order, byName));
      expect(await walkBackward('conflicts', `, orderBy: ${order}`, 7), order).toEqual(walked);
    }
    // By name unless asked otherwise: the order clients of `conflicts(first:)` have always had.
    expect((await walk('conflicts', '', 'id', 7)).map((item) => item.id)).toEqual(byName);
    expect(await walkBackward('conflicts', ', orderBy: NAME', 9)).toEqual(byName);
    expect((await walk('conflicts', ', orderBy: RECENT_COVERAGE', 'id', 1))[0]!.id).toBe(fresh.id);
    // The coverage rank is what each conflict's own article list says: most articles first.
    const counts = (await walk('conflicts', ', orderBy: ARTICLE_COUNT', NODE, 50)).map((item) => item.articles.totalCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts[0]).toBeGreaterThan(counts.at(-1)!);
  });

  it('filters conflicts with and without articles', async () => {
    const all = await walk('conflicts', '', NODE, 100);
    const covered = await walk('conflicts', ', hasArticles: true', NODE, 100);
    const uncovered = await walk('conflicts', ', hasArticles: false, orderBy: NAME', NODE, 100);
    expect(covered.map((c) => c.id)).toEqual(all.filter((c) => c.articles.totalCount > 0).map((c) => c.id));
    expect(uncovered.every((c) => c.articles.totalCount === 0)).toBe(true);
    expect(covered.length + uncovered.length).toBe(all.length);
    expect(covered.length).toBeGreaterThan(0);
    expect(uncovered.length).toBeGreaterThan(0);
  });

  it('lists actors by name by default, and in each order, with the coverage filter', async () => {
    const covered = ', hasArticles: true, kinds: [STATE, ARMED_GROUP]';
    const byName = (await walk('actors', `${covered}, orderBy: NAME`, 'id', 25)).map((item) => item.id);
    const all = await walk('actors', `${covered}, orderBy: NAME`, NODE, 100);
    expect(all.length).toBeGreaterThan(10);
    expect(all.every((actor) => actor.articles.totalCount > 0)).toBe(true);
    for (const order of ['ARTICLE_COUNT', 'RECENT_COVERAGE']) {
      const walked = (await walk('actors', `${covered}, orderBy: ${order}`, 'id', 9)).map((item) => item.id);
      expect(walked, order).toEqual(expected(all, order, byName));
      expect(await walkBackward('actors', `${covered}, orderBy: ${order}`, 9), order).toEqual(walked);
    }
    expect((await walk('actors', covered, 'id', 9)).map((item) => item.id)).toEqual(byName);

    const uncovered = await client.query(`{ actors(first: 30, hasArticles: false) { totalCount edges { node { ${NODE} } } } }`);
    const everyone = await client.query(`{ actors { totalCount } withArticles: actors(hasArticles: true) { totalCount } }`);
    expect(uncovered.actors.edges.every((e: any) => e.node.articles.totalCount === 0)).toBe(true);
    expect(uncovered.actors.totalCount + everyone.withArticles.totalCount).toBe(everyone.actors.totalCount);
    expect(uncovered.actors.totalCount).toBeGreaterThan(0);
  });

  it('refuses a cursor of another sort key, naming the argument', async () => {
    const ranked = await client.query(`{ conflicts(first: 1, orderBy: ARTICLE_COUNT) { pageInfo { endCursor } } }`);
    const error = await client.fail(`query($c: String) { conflicts(first: 1, after: $c) { totalCount } }`, {
      c: ranked.conflicts.pageInfo.endCursor,
    });
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.argument).toBe('after');
  });
});
