import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClient } from './helpers/app.js';
import { contractOperation } from './helpers/contract.js';
import { backends, openTestDatabase, type TestDatabase } from './helpers/db.js';
import { addArticlesAcross, ensureConflicts, someSlugs } from './helpers/factories.js';

// Nested lists go through DataLoader: the number of SQL statements of an operation depends on
// its shape only, never on how many rows each level returns. The batches of one level (and a
// list's total) go to the database together, as one statement (selectBatched).
describe.each(backends)('SQL statements per operation on %s', (backend) => {
  let database: TestDatabase;
  let client: ReturnType<typeof testClient>;

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    client = testClient(database);
    const db = database.database.db;
    const actorSlugs = await someSlugs(db, 'actors', 12);
    // 50 conflicts, each with some 7 articles: 120 articles, 3 conflicts each. The traversal lists
    // conflicts by name, so the first 50 by name are the ones it shows.
    await ensureConflicts(db, 50, actorSlugs);
    const listed = await client.query('{ conflicts(first: 50) { edges { node { slug } } } }');
    const conflictSlugs: string[] = listed.conflicts.edges.map((edge: any) => edge.node.slug);
    await addArticlesAcross(db, 120, { actorSlugs, conflictSlugs });
  });
  afterAll(() => database?.close());

  async function measure(operation: string, variables: Record<string, unknown>) {
    database.sqlLog.length = 0;
    const data = await client.query(operation.includes('{') ? operation : contractOperation(operation), variables);
    return { data, statements: database.sqlLog.length, size: JSON.stringify(data).length, log: [...database.sqlLog] };
  }

  it('ConflictTraversal: 3 statements for 2 conflicts × 2 articles and for 50 × 20, one per level', async () => {
    const small = await measure('ConflictTraversal', { conflicts: 2, articles: 2 });
    const large = await measure('ConflictTraversal', { conflicts: 50, articles: 20 });
    const edges = large.data.conflicts.edges;
    expect(edges).toHaveLength(50);
    expect(edges.filter((e: any) => e.node.articles.edges.length >= 5)).toHaveLength(50);
    expect(large.size).toBeGreaterThan(small.size * 20);
    expect(small.statements, small.log.join('\n')).toBe(3);
    expect(large.statements, large.log.join('\n')).toBe(3);
  });

  it('ArticlesWithEntities: 2 statements for 10 articles and for 100: the page, then its links and their mentions together', async () => {
    const small = await measure('ArticlesWithEntities', { first: 10 });
    const large = await measure('ArticlesWithEntities', { first: 100 });
    expect(large.data.articles.edges).toHaveLength(100);
    expect(large.data.articles.totalCount).toBeGreaterThanOrEqual(120);
    expect(large.size).toBeGreaterThan(small.size * 5);
    expect(small.statements, small.log.join('\n')).toBe(2);
    expect(large.statements, large.log.join('\n')).toBe(2);
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

  it('reads only the columns of the linked actors their selection shows, and lists the links in the same order', async () => {
    const EVERY_COLUMN = 'id slug name nameNl kind aliases wikidataId status description';
    const linksOf = async (actor: string, args = '') => {
      const run = await measure(`{ articles(first: 60) { edges { node { id actors${args} { mentionCount actor { ${actor} } } } } } }`, {});
      const read = run.log.find((statement) => statement.includes('article_actors'))!;
      return { links: run.data.articles.edges.map((e: any) => e.node.actors), read };
    };
    const narrow = await linksOf('id name');
    const full = await linksOf(EVERY_COLUMN);
    // A field that is not one column (here a list of the actor's own) may read any column: all are read.
    const beyond = await linksOf('id name conflicts(first: 1) { edges { role } }');
    expect(narrow.read).not.toMatch(/"description"|"aliases"|"slug"/);
    expect(full.read).toMatch(/"description"/);
    expect(beyond.read).toMatch(/"description"/);
    const pick = (links: any[][]) => links.map((list) => list.map(({ mentionCount, actor }) => [mentionCount, actor.id, actor.name]));
    expect(pick(narrow.links)).toEqual(pick(full.links));
    expect(pick(beyond.links)).toEqual(pick(full.links));
    expect(full.links.flat().length).toBeGreaterThan(60);
    for (const list of full.links) {
      for (let i = 1; i < list.length; i += 1) {
        const [before, after] = [list[i - 1], list[i]];
        // Most mentioned first, then by name.
        expect(before.mentionCount > after.mentionCount || (before.mentionCount === after.mentionCount && before.actor.name <= after.actor.name)).toBe(true);
      }
    }
    // Filtered by status, the status is read even when not shown.
    const curated = await linksOf('id', '(status: [CURATED])');
    expect(curated.read).toMatch(/"status"/);
    expect(curated.links.map((list: any[]) => list.map((link) => link.actor.id))).toEqual(
      full.links.map((list: any[]) => list.filter((link) => link.actor.status === 'CURATED').map((link) => link.actor.id)),
    );
  });

  it('reads only the columns of the parties’ actors their selection shows, and pages them the same', async () => {
    const partiesOf = async (actor: string) => {
      const run = await measure(`{ conflicts(first: 10) { edges { node { actors(first: 3) { edges { cursor role node { ${actor} } } } } } } }`, {});
      const read = run.log.find((statement) => statement.includes('conflict_actors'))!;
      return { parties: run.data.conflicts.edges.map((e: any) => e.node.actors.edges), read };
    };
    const narrow = await partiesOf('id kind');
    const full = await partiesOf('id slug name nameNl kind aliases wikidataId status description');
    const beyond = await partiesOf('id kind articles(first: 1) { totalCount }');
    expect(narrow.read).not.toMatch(/"description"|"aliases"|"slug"/);
    expect(full.read).toMatch(/"description"/);
    expect(beyond.read).toMatch(/"description"/);
    const pick = (parties: any[][]) => parties.map((edges) => edges.map(({ cursor, role, node }) => [cursor, role, node.id, node.kind]));
    expect(pick(narrow.parties)).toEqual(pick(full.parties));
    expect(pick(beyond.parties)).toEqual(pick(full.parties));
    expect(full.parties.flat().length).toBeGreaterThan(10);
  });

  it('ActorProfile: 2 statements whatever the actor, with or without articles', async () => {
    const slugs = await someSlugs(database.database.db, 'actors', 12);
    const { actors } = await client.query(`{ actors(first: 1, hasArticles: false) { edges { node { slug } } } }`);
    const withoutArticles = actors.edges[0].node.slug;
    const counts = new Set<number>();
    for (const slug of [slugs[0], slugs.at(-1), withoutArticles]) counts.add((await measure('ActorProfile', { slug })).statements);
    expect([...counts]).toEqual([2]);
  });

  it('an entity’s articles and their totalCount come in one statement, the total as counted by a filter', async () => {
    const slugs = await someSlugs(database.database.db, 'actors', 12);
    const { actors } = await client.query(`{ actors(first: 1, hasArticles: false) { edges { node { slug } } } }`);
    const totalOf = async (slug: string) =>
      (await client.query('query($slug: ID!) { articles(filter: { actors: { all: [$slug] } }) { totalCount } }', { slug })).articles.totalCount;
    for (const slug of [slugs[0], slugs.at(-1)!, actors.edges[0].node.slug]) {
      const first = await measure('query($slug: String!) { actor(slug: $slug) { articles(first: 3) { totalCount edges { cursor } } } }', { slug });
      expect(first.statements, first.log.join('\n')).toBe(2);
      const { articles } = first.data.actor;
      expect(articles.totalCount, slug).toBe(await totalOf(slug));
      // Past the last page the page is empty, and the total still comes with it.
      const last = articles.edges.at(-1)?.cursor ?? null;
      const past = await measure(
        'query($slug: String!, $after: String) { actor(slug: $slug) { articles(first: 100, after: $after) { totalCount edges { cursor } } } }',
        { slug, after: last },
      );
      const rest = past.data.actor.articles;
      expect(rest.totalCount, slug).toBe(articles.totalCount);
      expect(rest.edges.length, slug).toBe(Math.min(100, articles.totalCount - articles.edges.length));
      expect(past.statements, past.log.join('\n')).toBe(2);
    }
  });
});
