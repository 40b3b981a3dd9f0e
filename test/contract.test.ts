import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClient } from './helpers/app.js';
import { contractNames, contractOperation } from './helpers/contract.js';
import { backends, openTestDatabase, type TestDatabase } from './helpers/db.js';
import { seedLinking } from './helpers/linking.js';

interface Gold {
  actors: string[];
  conflicts: string[];
  conflictsAllowed: string[];
}
const gold: Record<string, Gold> = JSON.parse(
  readFileSync(new URL('./fixtures/linking/seeds-gold.json', import.meta.url), 'utf8'),
);
const seedIds = Object.keys(gold).filter((key) => !key.startsWith('$'));

describe.each(backends)('contract operations on %s', (backend) => {
  let database: TestDatabase;
  let client: ReturnType<typeof testClient>;
  /** Global id → slug, for actors and conflicts. */
  const slugOf = new Map<string, string>();
  /** externalId → the article as ArticlesWithEntities returns it. */
  const articles = new Map<string, any>();
  /** How many conflicts the API lists, page by page. */
  let conflictCount = 0;

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    client = testClient(database);
    let after: string | null = null;
    for (;;) {
      const page: any = await client.query(`query($after: String) { actors(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor } edges { node { id slug } } } }`, { after });
      for (const edge of page.actors.edges) slugOf.set(edge.node.id, edge.node.slug);
      if (!page.actors.pageInfo.hasNextPage) break;
      after = page.actors.pageInfo.endCursor;
    }
    after = null;
    for (;;) {
      const page: any = await client.query(`query($after: String) { conflicts(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor } edges { node { id slug } } } }`, { after });
      for (const edge of page.conflicts.edges) slugOf.set(edge.node.id, edge.node.slug);
      conflictCount += page.conflicts.edges.length;
      if (!page.conflicts.pageInfo.hasNextPage) break;
      after = page.conflicts.pageInfo.endCursor;
    }

    let cursor: string | null = null;
    for (;;) {
      const data: any = await client.query(contractOperation('ArticlesWithEntities'), { first: 2, after: cursor });
      for (const edge of data.articles.edges) articles.set(edge.node.externalId, edge.node);
      if (!data.articles.pageInfo.hasNextPage) break;
      cursor = data.articles.pageInfo.endCursor;
    }
  });
  afterAll(() => database?.close());

  it('runs every contract operation without errors', async () => {
    const article = articles.get(seedIds[0]!);
    const variables: Record<string, Record<string, unknown>> = {
      ActorProfile: { slug: 'vladimir-putin' },
      ArticlesWithEntities: { first: 10 },
      ConflictTraversal: { conflicts: 10, articles: 10 },
      IngestArticle: { input: { externalId: 'contract_run', text: ' date 2021-06 Een korte tekst waarin niemand genoemd wordt.' } },
      NodeRefetch: { id: article.id },
      SearchArticles: { q: 'taliban', first: 10 },
    };
    const headers = { authorization: 'Bearer test-token-0123456789abcdef' };
    for (const name of contractNames()) {
      expect(variables[name], `no variables for contract operation ${name}`).toBeDefined();
      await client.query(contractOperation(name), variables[name], headers);
    }
  });

  it('ArticlesWithEntities pages through every seed article with its gold actors and conflicts', () => {
    for (const id of seedIds) {
      const article = articles.get(id);
      expect(article, id).toBeDefined();
      const actorSlugs = article.actors.map((link: any) => slugOf.get(link.actor.id)).sort();
      expect(actorSlugs, id).toEqual([...gold[id]!.actors].sort());
      const conflictSlugs = article.conflicts.map((link: any) => slugOf.get(link.conflict.id));
      for (const slug of gold[id]!.conflicts) expect(conflictSlugs, id).toContain(slug);
      for (const slug of conflictSlugs) expect([...gold[id]!.conflicts, ...gold[id]!.conflictsAllowed], id).toContain(slug);
      for (const link of article.conflicts) expect(link.score).toBeGreaterThan(0);
    }
  });

  it('ArticlesWithEntities gives mentions whose offsets point at their text in the body', async () => {
    for (const id of seedIds) {
      const { article } = await client.query(`query($id: String!) { article(externalId: $id) { body } }`, { id });
      for (const link of articles.get(id).actors) {
        expect(link.mentionCount).toBe(link.mentions.length);
        for (const mention of link.mentions) expect(article.body.slice(mention.start, mention.end)).toBe(mention.text);
      }
    }
  });

  it('ArticlesWithEntities gives the parsed dates and sources', () => {
    const byPrefix = (prefix: string) => articles.get(seedIds.find((id) => id.startsWith(prefix))!);
    expect(byPrefix('000')).toMatchObject({ publishedOn: '2019-04-01', datePrecision: 'MONTH', sources: [] });
    expect(byPrefix('001')).toMatchObject({ publishedOn: '2020-01-01', datePrecision: 'MONTH', sources: ['Belga'] });
    expect(byPrefix('002')).toMatchObject({ publishedOn: '2016-09-05', datePrecision: 'DAY', sources: ['Belga', 'AFP', 'DPA', 'Reuters'] });
    expect(byPrefix('003')).toMatchObject({ publishedOn: '2019-09-02', datePrecision: 'DAY', sources: ['De Morgen', 'ANP'] });
    expect(byPrefix('003').title).toBe('Taliban vallen Afghaanse steden aan ondanks onderhandelingen met VS');
  });

  it('ConflictTraversal leads from each conflict to its articles and parties, counting consistently', async () => {
    const data = await client.query(contractOperation('ConflictTraversal'), { conflicts: 100, articles: 100 });
    // The knowledge base has more conflicts than one page holds: the page is full and the count is all of them.
    expect(data.conflicts.totalCount).toBe(conflictCount);
    expect(data.conflicts.edges.length).toBe(Math.min(100, conflictCount));
    for (const { node: conflict } of data.conflicts.edges) {
      const slug = slugOf.get(conflict.id)!;
      const reporting = [...articles.values()].filter((a) => a.conflicts.some((c: any) => c.conflict.id === conflict.id));
      expect(conflict.articles.totalCount, slug).toBe(reporting.length);
      expect(conflict.articles.edges.map((e: any) => e.node.id).sort(), slug).toEqual(reporting.map((a) => a.id).sort());
      const dates = conflict.articles.edges.map((e: any) => e.node.publishedOn);
      expect(dates, slug).toEqual([...dates].sort().reverse());
      expect(conflict.actors.totalCount, slug).toBeGreaterThanOrEqual(conflict.actors.edges.length);
      for (const edge of conflict.actors.edges) {
        const mentioning = reporting.filter((a) => a.actors.some((l: any) => l.actor.id === edge.node.id));
        expect(edge.articleCount, `${slug} / ${edge.node.name}`).toBe(mentioning.length);
        expect(['BELLIGERENT', 'SUPPORTER', 'MEDIATOR']).toContain(edge.role);
      }
    }
    const afghanistan = await client.query(`{ conflict(slug: "war-in-afghanistan-2001-2021") { articles(first: 10) { totalCount } } }`);
    expect(afghanistan.conflict.articles.totalCount).toBe(2);
  });

  it('NodeRefetch fetches an article, an actor and a conflict by global id', async () => {
    const article = articles.get(seedIds[2]!);
    const actor = article.actors[0].actor;
    const conflict = article.conflicts[0].conflict;
    const refetch = (id: string) => client.query(contractOperation('NodeRefetch'), { id });
    expect(await refetch(article.id)).toEqual({ node: { id: article.id, __typename: 'Article', title: article.title } });
    expect(await refetch(actor.id)).toEqual({ node: { id: actor.id, __typename: 'Actor', name: actor.name } });
    expect(await refetch(conflict.id)).toEqual({ node: { id: conflict.id, __typename: 'Conflict', name: conflict.name } });
  });

  it('ActorProfile shows an actor with its conflicts, articles and co-actors', async () => {
    const { actor } = await client.query(contractOperation('ActorProfile'), { slug: 'russia' });
    const known = seedLinking().kb.actors.find((a) => a.slug === 'russia')!;
    expect(actor).toMatchObject({ name: known.name, kind: 'STATE', aliases: known.aliases });
    const mentioning = [...articles.values()].filter((a) => a.actors.some((l: any) => l.actor.id === actor.id));
    expect(actor.articles.totalCount).toBe(mentioning.length);
    expect(actor.articles.edges.map((e: any) => e.node.id).sort()).toEqual(mentioning.map((a) => a.id).sort());
    const conflictSlugs = actor.conflicts.edges.map((e: any) => slugOf.get(e.node.id)).sort();
    // The operation asks for the first 10 of the conflicts Russia is a party to.
    const parties = seedLinking().kb.conflicts.filter((c) => c.parties.some((p) => p.actor === 'russia'));
    expect(conflictSlugs).toHaveLength(Math.min(10, parties.length));
    expect(parties.map((c) => c.slug)).toEqual(expect.arrayContaining(conflictSlugs));
    const putin = actor.coActors.find((c: any) => slugOf.get(c.actor.id) === 'vladimir-putin');
    expect(putin.articleCount).toBe(mentioning.filter((a) => a.actors.some((l: any) => l.actor.id === putin.actor.id)).length);
    const counts = actor.coActors.map((c: any) => c.articleCount);
    expect(counts).toEqual([...counts].sort((x: number, y: number) => y - x));
  });
});
