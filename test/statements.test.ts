import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClient } from './helpers/app.js';
import { contractOperation } from './helpers/contract.js';
import { backends, openTestDatabase, type TestDatabase } from './helpers/db.js';
import { addArticlesAcross, ensureConflicts, someSlugs } from './helpers/factories.js';

// Nested lists go through DataLoader: the number of SQL statements of an operation depends on
// its shape only, never on how many rows each level returns.
describe.each(backends)('SQL statements per operation on %s', (backend) => {
  let database: TestDatabase;
  let client: ReturnType<typeof testClient>;

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    client = testClient(database);
    const db = database.database.db;
    const actorSlugs = await someSlugs(db, 'actors', 12);
    // 50 conflicts, each with some 7 articles: 120 articles, 3 conflicts each. The traversal lists
    // conflicts most covered first, so these 50 are the ones it shows.
    const conflictSlugs = await ensureConflicts(db, 50, actorSlugs);
    await addArticlesAcross(db, 120, { actorSlugs, conflictSlugs });
  });
  afterAll(() => database?.close());

  async function measure(operation: string, variables: Record<string, unknown>) {
    database.sqlLog.length = 0;
    const data = await client.query(contractOperation(operation), variables);
    return { data, statements: database.sqlLog.length, size: JSON.stringify(data).length, log: [...database.sqlLog] };
  }

  it('ConflictTraversal: 7 statements for 2 conflicts × 2 articles and for 50 × 20', async () => {
    const small = await measure('ConflictTraversal', { conflicts: 2, articles: 2 });
    const large = await measure('ConflictTraversal', { conflicts: 50, articles: 20 });
    const edges = large.data.conflicts.edges;
    expect(edges).toHaveLength(50);
    expect(edges.filter((e: any) => e.node.articles.edges.length >= 5)).toHaveLength(50);
    expect(large.size).toBeGreaterThan(small.size * 20);
    expect(small.statements, small.log.join('\n')).toBe(7);
    expect(large.statements, large.log.join('\n')).toBe(7);
  });

  it('ArticlesWithEntities: 5 statements for 10 articles and for 100', async () => {
    const small = await measure('ArticlesWithEntities', { first: 10 });
    const large = await measure('ArticlesWithEntities', { first: 100 });
    expect(large.data.articles.edges).toHaveLength(100);
    expect(large.data.articles.totalCount).toBeGreaterThanOrEqual(120);
    expect(large.size).toBeGreaterThan(small.size * 5);
    expect(small.statements, small.log.join('\n')).toBe(5);
    expect(large.statements, large.log.join('\n')).toBe(5);
  });

  it('reads article text only for the fields made of it, in one statement for the whole list', async () => {
    const titles = await measure('ArticlesWithEntities', { first: 40 });
    expect(titles.log.filter((statement) => /\bbody\b/.test(statement)), titles.log.join('\n')).toEqual([]);

    database.sqlLog.length = 0;
    const texts = await client.query(`{ conflicts(first: 10) { edges { node { articles(first: 5) { edges { node {
      id body paragraphs snippet } } } } } } }`);
    const withText = database.sqlLog.length;
    database.sqlLog.length = 0;
    await client.query(`{ conflicts(first: 10) { edges { node { articles(first: 5) { edges { node { id } } } } } } }`);
    expect(withText).toBe(database.sqlLog.length + 1);
    const articles = texts.conflicts.edges.flatMap((e: any) => e.node.articles.edges.map((a: any) => a.node));
    expect(articles.length).toBeGreaterThan(20);
    for (const article of articles) {
      const { node } = await client.query('query($id: ID!) { node(id: $id) { ... on Article { body } } }', { id: article.id });
      expect(article.body).toBe(node.body);
      expect(article.paragraphs).toEqual(node.body.split('\n\n'));
      expect(article.snippet.length).toBeGreaterThan(0);
    }
  });

  it('ActorProfile: 5 statements whatever the actor', async () => {
    const slugs = await someSlugs(database.database.db, 'actors', 12);
    const counts = new Set<number>();
    for (const slug of [slugs[0], slugs.at(-1)]) counts.add((await measure('ActorProfile', { slug })).statements);
    expect([...counts]).toEqual([5]);
  });
});
