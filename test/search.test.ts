import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClient } from './helpers/app.js';
import { contractOperation } from './helpers/contract.js';
import { backends, openTestDatabase, type TestDatabase } from './helpers/db.js';

const SEARCH = contractOperation('SearchArticles');

describe.each(backends)('full-text search on %s', (backend) => {
  let database: TestDatabase;
  let client: ReturnType<typeof testClient>;
  const hits = async (q: string) => {
    const data = await client.query(SEARCH, { q, first: 10 });
    return data.articles.edges.map((e: any) => e.node.externalId.slice(0, 3)) as string[];
  };

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    client = testClient(database);
  });
  afterAll(() => database?.close());

  it('stems Dutch words: "gevecht" finds articles that say "gevechten"', async () => {
    expect(await hits('gevecht')).toContain('000');
  });

  it('supports phrases, OR and exclusion', async () => {
    expect((await hits('Poetin')).sort()).toEqual(['002', '004']);
    expect(await hits('Poetin -Obama')).toEqual(['004']);
    expect((await hits('Haftar OR Kunduz')).sort()).toEqual(['000', '003']);
    expect(await hits('"bilateraal gesprek"')).toEqual(['002']);
    expect(await hits('"gesprek bilateraal"')).toEqual([]);
  });

  it('ranks title matches above body matches and counts all matches', async () => {
    const data = await client.query(SEARCH, { q: 'taliban', first: 1 });
    expect(data.articles.totalCount).toBe(2);
    expect(data.articles.edges[0].node.title).toMatch(/taliban/i);
  });

  it('marks the matched words in an HTML-safe snippet', async () => {
    const data = await client.query(SEARCH, { q: 'Kunduz', first: 1 });
    const snippet: string = data.articles.edges[0].node.snippet;
    expect(snippet).toContain('<mark>Kunduz</mark>');
    expect(snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });

  it('pages through results by relevance with stable cursors', async () => {
    const all = await client.query(SEARCH, { q: 'VS OR Amerikaanse OR Washington', first: 100 });
    const ids = all.articles.edges.map((e: any) => e.node.id);
    expect(ids.length).toBeGreaterThan(2);
    const page = `query($q: String!, $after: String) { articles(first: 2, after: $after, filter: { search: $q }) {
      pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
    const walked: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data: any = await client.query(page, { q: 'VS OR Amerikaanse OR Washington', after });
      walked.push(...data.articles.edges.map((e: any) => e.node.id));
      if (!data.articles.pageInfo.hasNextPage) break;
      after = data.articles.pageInfo.endCursor;
    }
    expect(walked).toEqual(ids);
  });

  it.each(['', '   ', "'; drop table articles", 'a & b | !c', '- - oorlog', 'x'.repeat(1000)])(
    'accepts any search text without a server error: %j',
    async (q) => {
      const body = await client.request(SEARCH, { q, first: 5 });
      expect(body.errors).toBeUndefined();
      const { totalCount, edges } = body.data!.articles;
      expect(edges).toHaveLength(Math.min(5, totalCount));
    },
  );

  it('refuses a search over 1000 characters, naming the filter', async () => {
    const body = await client.request(SEARCH, { q: 'x'.repeat(1001), first: 5 });
    expect(body.errors?.[0]).toMatchObject({
      message: expect.stringContaining('`search` takes at most 1000 characters, got 1001'),
      extensions: { code: 'BAD_USER_INPUT', argument: 'filter' },
    });
  });

  it('treats a blank search as no search', async () => {
    const data = await client.query(SEARCH, { q: '  ', first: 10 });
    expect(data.articles.totalCount).toBe(5);
  });
});
