import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalIdsBySlug, testClient } from './helpers/app.js';
import { backends, openTestDatabase, type TestDatabase } from './helpers/db.js';
import { aggregateDrift, NO_DRIFT as NONE } from '../src/db/aggregate-drift.js';
import { addArticle, type ArticleSpec } from './helpers/factories.js';

const RUW = 'russo-ukrainian-war';
const SCW = 'syrian-civil-war';
const AFG = 'war-in-afghanistan-2001-2021';
const US = 'united-states';
const PUTIN = 'vladimir-putin';

// A corpus beyond the seeds, dated after them (2030 and 2031) so that every aggregate over it
// has an exact answer; the seeds end years before, so 2030's months hold only these articles.
const SPECS: ArticleSpec[] = [
  { externalId: 'g01', publishedOn: '2030-01-10', sources: ['Belga'], actorSlugs: ['russia', 'ukraine'], conflictSlugs: [RUW] },
  { externalId: 'g02', publishedOn: '2030-01-20', sources: ['AFP'], actorSlugs: ['russia', 'ukraine', US], conflictSlugs: [RUW] },
  { externalId: 'g03', publishedOn: '2030-02-05', sources: ['Belga', 'AFP'], actorSlugs: ['russia', PUTIN, 'ukraine'], conflictSlugs: [RUW] },
  { externalId: 'g04', publishedOn: '2030-04-01', sources: ['ANP'], actorSlugs: ['ukraine', US], conflictSlugs: [RUW] },
  { externalId: 'g05', publishedOn: '2030-04-15', sources: ['Belga'], actorSlugs: ['russia', 'syria', US], conflictSlugs: [SCW] },
  { externalId: 'g06', publishedOn: '2030-04-28', sources: ['Reuters'], actorSlugs: ['syria', US], conflictSlugs: [SCW] },
  { externalId: 'g07', publishedOn: '2030-07-03', sources: [], actorSlugs: ['taliban', US], conflictSlugs: [AFG] },
  { externalId: 'g08', publishedOn: '2030-07-09', sources: ['AFP'], actorSlugs: ['taliban', US], conflictSlugs: [AFG] },
  { externalId: 'g09', publishedOn: '2031-02-11', sources: ['Belga'], actorSlugs: ['russia', 'ukraine', PUTIN, US], conflictSlugs: [RUW, SCW] },
  { externalId: 'g10', publishedOn: '2031-02-12', sources: ['AFP'], actorSlugs: [US], conflictSlugs: [] },
  { externalId: 'g11', publishedOn: '2031-03-01', sources: ['Belga'], actorSlugs: [], conflictSlugs: [] },
  { externalId: 'g12', publishedOn: '2031-03-02', sources: ['ANP'], actorSlugs: ['russia', PUTIN], conflictSlugs: [RUW] },
];
const FROM = '2030-01-01';
const SINCE = { publishedFrom: FROM };

/** The months from 2030-01 to 2031-03 with the given counts, as `period: count`. */
function months(counts: Record<string, number>): [string, number][] {
  const all: [string, number][] = [];
  for (let m = 0; m < 15; m += 1) {
    const period = `${2030 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    all.push([period, counts[period] ?? 0]);
  }
  return all;
}

// Articles of the whole corpus per month of the span above (the seeds end before 2030).
const CORPUS = months({ '2030-01': 2, '2030-02': 1, '2030-04': 3, '2030-07': 2, '2031-02': 2, '2031-03': 2 });

const log2 = (x: number) => Math.log2(x);

describe.each(backends)('aggregates on %s', (backend) => {
  let database: TestDatabase;
  let client: ReturnType<typeof testClient>;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    client = testClient(database);
    for (const spec of SPECS) await addArticle(database.database.db, spec);
    Object.assign(id, await globalIdsBySlug(client, SPECS));
  });
  afterAll(() => database?.close());

  async function statements(operation: string, variables: Record<string, unknown> = {}) {
    database.sqlLog.length = 0;
    const data = await client.query(operation, variables);
    return { data, count: database.sqlLog.length, log: database.sqlLog.join('\n') };
  }

  describe('timeline', () => {
    const bucket = 'period from to articleCount corpusArticleCount share';
    const pairs = (buckets: any[]) => buckets.map((b) => [b.period, b.articleCount]);

    it('counts a conflict’s articles per month, quiet months included, with the share of the corpus', async () => {
      const data = await client.query(
        `query($f: ArticleFilter) { conflict(slug: "${RUW}") { timeline(filter: $f) { ${bucket} } } }`,
        { f: SINCE },
      );
      const timeline = data.conflict.timeline;
      const expected = months({ '2030-01': 2, '2030-02': 1, '2030-04': 1, '2031-02': 1, '2031-03': 1 });
      expect(pairs(timeline)).toEqual(expected);
      expect(timeline.map((b: any) => b.corpusArticleCount)).toEqual(CORPUS.map(([, n]) => n));
      expect(timeline.map((b: any) => b.share)).toEqual(expected.map(([, n], i) => (CORPUS[i]![1] ? n / CORPUS[i]![1] : 0)));
      expect(timeline[0]).toEqual({ period: '2030-01', from: '2030-01-01', to: '2030-01-31', articleCount: 2, corpusArticleCount: 2, share: 1 });
      expect(timeline[1]).toMatchObject({ period: '2030-02', to: '2030-02-28' });
      expect(timeline[3]).toMatchObject({ period: '2030-04', articleCount: 1, corpusArticleCount: 3 });
      expect(timeline[3].share).toBeCloseTo(1 / 3, 12);
    });

    it('counts per year, and without a filter spans the conflict’s whole coverage', async () => {
      const data = await client.query(`{
        conflict(slug: "${RUW}") {
          years: timeline(interval: YEAR, filter: { publishedFrom: "${FROM}" }) { ${bucket} }
          all: timeline(interval: YEAR) { period articleCount corpusArticleCount }
        } }`);
      expect(data.conflict.years).toEqual([
        { period: '2030', from: '2030-01-01', to: '2030-12-31', articleCount: 4, corpusArticleCount: 8, share: 0.5 },
        { period: '2031', from: '2031-01-01', to: '2031-12-31', articleCount: 2, corpusArticleCount: 4, share: 0.5 },
      ]);
      const all = data.conflict.all;
      expect(all.at(-1)).toEqual({ period: '2031', articleCount: 2, corpusArticleCount: 4 });
      expect(all.at(-2)).toEqual({ period: '2030', articleCount: 4, corpusArticleCount: 8 });
      expect(all[0].articleCount).toBeGreaterThan(0);
      const years = all.map((b: any) => Number(b.period));
      expect(years).toEqual(years.map((_: number, i: number) => years[0] + i));
    });

    it('counts an actor’s articles, and is empty when the filter leaves none', async () => {
      const data = await client.query(`{
        actor(slug: "taliban") {
          timeline(filter: { publishedFrom: "${FROM}" }) { ${bucket} }
          none: timeline(filter: { publishedFrom: "2040-01-01" }) { period }
        } }`);
      expect(data.actor.timeline).toEqual([
        { period: '2030-07', from: '2030-07-01', to: '2030-07-31', articleCount: 2, corpusArticleCount: 2, share: 1 },
      ]);
      expect(data.actor.none).toEqual([]);
    });

    it('counts exactly the articles of a connection: the root list, a filtered one, a nested one', async () => {
      const data = await client.query(`{
        all: articles(filter: { publishedFrom: "${FROM}" }) { timeline(interval: YEAR) { period articleCount share } }
        belga: articles(filter: { publishedFrom: "${FROM}", sources: ["belga"] }) { timeline { ${bucket} } }
        none: articles(filter: { publishedFrom: "2040-01-01" }) { timeline { period } }
        conflict(slug: "${RUW}") { articles(filter: { publishedFrom: "${FROM}" }, first: 1) { timeline(interval: YEAR) { period articleCount share } } }
        actor(slug: "syria") { articles(filter: { publishedFrom: "${FROM}" }) { timeline { period articleCount corpusArticleCount } } }
      }`);
      expect(data.all.timeline).toEqual([
        { period: '2030', articleCount: 8, share: 1 },
        { period: '2031', articleCount: 4, share: 1 },
      ]);
      const belga = months({ '2030-01': 1, '2030-02': 1, '2030-04': 1, '2031-02': 1, '2031-03': 1 });
      expect(pairs(data.belga.timeline)).toEqual(belga);
      expect(data.belga.timeline.map((b: any) => b.share)).toEqual(belga.map(([, n], i) => (CORPUS[i]![1] ? n / CORPUS[i]![1] : 0)));
      expect(data.none.timeline).toEqual([]);
      expect(data.conflict.articles.timeline).toEqual([
        { period: '2030', articleCount: 4, share: 0.5 },
        { period: '2031', articleCount: 2, share: 0.5 },
      ]);
      expect(data.actor.articles.timeline).toEqual([{ period: '2030-04', articleCount: 2, corpusArticleCount: 3 }]);
    });

    it('costs the same statements for every conflict as for one', async () => {
      const one = await statements(
        `query($f: ArticleFilter) { conflict(slug: "${RUW}") { timeline(filter: $f) { period articleCount share } } }`,
        { f: SINCE },
      );
      const all = await statements(
        `query($f: ArticleFilter) { conflicts(first: 100) { edges { node { slug
            timeline(filter: $f) { period articleCount share }
            articles(first: 1, filter: $f) { timeline(interval: YEAR) { period articleCount } } } } } }`,
        { f: SINCE },
      );
      expect(one.count, one.log).toBe(2);
      expect(all.count, all.log).toBe(4);
      const lengths = Object.fromEntries(all.data.conflicts.edges.map((e: any) => [e.node.slug, e.node.timeline.length]));
      expect(Object.keys(lengths).length).toBeGreaterThan(3);
      expect(Object.fromEntries(Object.entries(lengths).filter(([, n]) => n))).toEqual({ [AFG]: 1, [RUW]: 15, [SCW]: 11 });
    });
  });

  describe('facets', () => {
    const facets = (first = '') => `facets {
      actors${first} { articleCount actor { slug } }
      conflicts${first} { articleCount conflict { slug } }
      sources${first} { articleCount source }
      months${first} { articleCount month from to } }`;

    it('counts actors, conflicts, sources and months of the filtered set, most first, then by name', async () => {
      const data = await client.query(`{ articles(first: 1, filter: { publishedFrom: "${FROM}" }) { ${facets()} } }`);
      const f = data.articles.facets;
      expect(f.actors.map((x: any) => [x.actor.slug, x.articleCount])).toEqual([
        [US, 8],
        ['russia', 6],
        ['ukraine', 5],
        [PUTIN, 3],
        ['syria', 2],
        ['taliban', 2],
      ]);
      expect(f.conflicts.map((x: any) => [x.conflict.slug, x.articleCount])).toEqual([
        [RUW, 6],
        [SCW, 3],
        [AFG, 2],
      ]);
      expect(f.sources).toEqual([
        { source: 'Belga', articleCount: 5 },
        { source: 'AFP', articleCount: 4 },
        { source: 'ANP', articleCount: 2 },
        { source: 'Reuters', articleCount: 1 },
      ]);
      expect(f.months).toEqual([
        { month: '2030-04', from: '2030-04-01', to: '2030-04-30', articleCount: 3 },
        { month: '2030-01', from: '2030-01-01', to: '2030-01-31', articleCount: 2 },
        { month: '2030-07', from: '2030-07-01', to: '2030-07-31', articleCount: 2 },
        { month: '2031-02', from: '2031-02-01', to: '2031-02-28', articleCount: 2 },
        { month: '2031-03', from: '2031-03-01', to: '2031-03-31', articleCount: 2 },
        { month: '2030-02', from: '2030-02-01', to: '2030-02-28', articleCount: 1 },
      ]);
    });

    it('keeps the first N of each facet', async () => {
      const data = await client.query(`{ articles(filter: { publishedFrom: "${FROM}" }) { ${facets('(first: 2)')} } }`);
      const f = data.articles.facets;
      expect(f.actors.map((x: any) => x.actor.slug)).toEqual([US, 'russia']);
      expect(f.conflicts.map((x: any) => x.conflict.slug)).toEqual([RUW, SCW]);
      expect(f.sources.map((x: any) => x.source)).toEqual(['Belga', 'AFP']);
      expect(f.months.map((x: any) => x.month)).toEqual(['2030-04', '2030-01']);
    });

    it('counts over a nested list of articles, and is empty for an empty set', async () => {
      const data = await client.query(`{
        conflict(slug: "${SCW}") { articles(first: 1, filter: { publishedFrom: "${FROM}" }) { ${facets()} } }
        articles(filter: { publishedFrom: "2040-01-01" }) { ${facets()} }
      }`);
      const f = data.conflict.articles.facets;
      expect(f.actors.map((x: any) => [x.actor.slug, x.articleCount])).toEqual([
        [US, 3],
        ['russia', 2],
        ['syria', 2],
        ['ukraine', 1],
        [PUTIN, 1],
      ]);
      expect(f.conflicts.map((x: any) => [x.conflict.slug, x.articleCount])).toEqual([
        [SCW, 3],
        [RUW, 1],
      ]);
      expect(f.sources.map((x: any) => [x.source, x.articleCount])).toEqual([
        ['Belga', 2],
        ['Reuters', 1],
      ]);
      expect(f.months.map((x: any) => [x.month, x.articleCount])).toEqual([
        ['2030-04', 2],
        ['2031-02', 1],
      ]);
      expect(data.articles.facets).toEqual({ actors: [], conflicts: [], sources: [], months: [] });
    });

    it('runs a facet only when selected, one statement per facet whatever the number of lists', async () => {
      const plain = await statements(`{ articles(first: 3) { edges { node { id } } } }`);
      expect(plain.count, plain.log).toBe(1);
      const one = await statements(`{ articles(first: 3) { facets { sources { source } } } }`);
      expect(one.count, one.log).toBe(2);
      const all = await statements(`{ articles(first: 3, filter: { publishedFrom: "${FROM}" }) { ${facets()} } }`);
      expect(all.count, all.log).toBe(5);
      const nested = await statements(`{ conflicts(first: 100) { edges { node { articles(first: 1) { ${facets()} } } } } }`);
      expect(nested.count, nested.log).toBe(6);
    });

    it('refuses a facet size out of range', async () => {
      for (const first of [0, 101]) {
        const error = await client.fail(`{ articles { facets { actors(first: ${first}) { articleCount } } } }`);
        expect(error.code).toBe('BAD_USER_INPUT');
        expect(error.message).toContain('`first`');
      }
    });
  });

  describe('co-actors', () => {
    const fields = 'articleCount jaccard pmi actor { slug }';
    const rows = (list: any[]) => list.map((c) => [c.actor.slug, c.articleCount]);

    it('measures association within a period, and orders by count, Jaccard or PMI', async () => {
      // From 2030: N = 12 articles; Russia is in 6, Ukraine 5, the United States 8, Putin 3, Syria 2.
      const data = await client.query(`{ actor(slug: "russia") {
        byCount: coActors(from: "${FROM}") { ${fields} }
        byJaccard: coActors(from: "${FROM}", orderBy: JACCARD) { ${fields} }
        byPmi: coActors(from: "${FROM}", orderBy: PMI, first: 2) { ${fields} } } }`);
      const { byCount, byJaccard, byPmi } = data.actor;
      expect(rows(byCount)).toEqual([
        ['ukraine', 4],
        [US, 3],
        [PUTIN, 3],
        ['syria', 1],
      ]);
      const expected: Record<string, [number, number]> = {
        ukraine: [4 / 7, log2((4 * 12) / (6 * 5))],
        [US]: [3 / 11, log2((3 * 12) / (6 * 8))],
        [PUTIN]: [3 / 6, log2((3 * 12) / (6 * 3))],
        syria: [1 / 7, 0],
      };
      for (const c of byCount) {
        expect(c.jaccard).toBeCloseTo(expected[c.actor.slug]![0], 12);
        expect(c.pmi).toBeCloseTo(expected[c.actor.slug]![1], 12);
      }
      expect(rows(byJaccard)).toEqual([
        ['ukraine', 4],
        [PUTIN, 3],
        [US, 3],
        ['syria', 1],
      ]);
      expect(rows(byPmi)).toEqual([
        [PUTIN, 3],
        ['ukraine', 4],
      ]);
    });

    it('restricts to a conflict and a period, counting every measure within it', async () => {
      // The war's articles from 2030: N = 6; Russia in 5, Ukraine 5, the United States 3, Putin 3.
      const data = await client.query(
        `query($c: ID) { actor(slug: "russia") {
          war: coActors(conflict: $c, from: "${FROM}", orderBy: PMI) { ${fields} }
          y2030: coActors(conflict: $c, from: "${FROM}", to: "2030-12-31") { ${fields} }
          none: coActors(conflict: $c, from: "2040-01-01") { ${fields} } } }`,
        { c: id[RUW] },
      );
      expect(rows(data.actor.war)).toEqual([
        [PUTIN, 3],
        ['ukraine', 4],
        [US, 2],
      ]);
      const expected = [
        [3 / 5, log2((3 * 6) / (5 * 3))],
        [4 / 6, log2((4 * 6) / (5 * 5))],
        [2 / 6, log2((2 * 6) / (5 * 3))],
      ];
      data.actor.war.forEach((c: any, i: number) => {
        expect(c.jaccard).toBeCloseTo(expected[i]![0]!, 12);
        expect(c.pmi).toBeCloseTo(expected[i]![1]!, 12);
      });
      // 2030 only: g01–g04, N = 4; Russia in 3, Ukraine 4, the United States 2, Putin 1.
      expect(rows(data.actor.y2030)).toEqual([
        ['ukraine', 3],
        [US, 1],
        [PUTIN, 1],
      ]);
      expect(data.actor.y2030[0].jaccard).toBeCloseTo(3 / 4, 12);
      expect(data.actor.y2030[0].pmi).toBeCloseTo(log2((3 * 4) / (3 * 4)), 12);
      expect(data.actor.none).toEqual([]);
    });

    it('measures over the whole corpus when unrestricted', async () => {
      const data = await client.query(`{
        articles { totalCount }
        russia: actor(slug: "russia") { articles { totalCount } coActors(first: 100) { ${fields} } }
        us: actor(slug: "${US}") { articles { totalCount } }
      }`);
      const n = data.articles.totalCount;
      const a = data.russia.articles.totalCount;
      const b = data.us.articles.totalCount;
      const us = data.russia.coActors.find((c: any) => c.actor.slug === US);
      expect(us.jaccard).toBeCloseTo(us.articleCount / (a + b - us.articleCount), 12);
      expect(us.pmi).toBeCloseTo(log2((us.articleCount * n) / (a * b)), 12);
      const counts = data.russia.coActors.map((c: any) => c.articleCount);
      expect(counts).toEqual([...counts].sort((x: number, y: number) => y - x));
    });

    it('costs one statement for any number of actors, and refuses bad arguments', async () => {
      const many = await statements(
        `{ actors(first: 60) { edges { node { coActors(first: 3, from: "${FROM}", orderBy: JACCARD) { jaccard actor { id } } } } } }`,
      );
      expect(many.count, many.log).toBe(2);
      const backwards = await client.fail(`{ actor(slug: "russia") { coActors(from: "2031-01-01", to: "2030-01-01") { pmi } } }`);
      expect(backwards.code).toBe('BAD_USER_INPUT');
      const wrongId = await client.fail(`query($c: ID) { actor(slug: "russia") { coActors(conflict: $c) { pmi } } }`, { c: id.russia });
      expect(wrongId.code).toBe('BAD_USER_INPUT');
      expect(wrongId.message).toContain('not of a Conflict');
    });
  });

  describe('conflict network', () => {
    const network = (args: string) => `network(${args}) {
      nodes { articleCount actor { slug } }
      edges { source { slug } target { slug } weight jaccard pmi } }`;
    const edges = (list: any[]) => list.map((e) => [e.source.slug, e.target.slug, e.weight]);

    it('links the actors named together in the conflict’s articles, with weight, Jaccard and PMI', async () => {
      // From 2030: N = 6 articles; Russia in 5, Ukraine 5, the United States 3, Putin 3.
      const data = await client.query(`{ conflict(slug: "${RUW}") { ${network(`from: "${FROM}"`)} } }`);
      const { nodes, edges: links } = data.conflict.network;
      expect(nodes.map((n: any) => [n.actor.slug, n.articleCount])).toEqual([
        ['russia', 5],
        ['ukraine', 5],
        [US, 3],
        [PUTIN, 3],
      ]);
      expect(edges(links)).toEqual([
        ['russia', 'ukraine', 4],
        ['russia', PUTIN, 3],
        ['ukraine', US, 3],
        ['russia', US, 2],
        ['ukraine', PUTIN, 2],
        [US, PUTIN, 1],
      ]);
      const expected = [
        [4 / 6, log2((4 * 6) / 25)],
        [3 / 5, log2((3 * 6) / 15)],
        [3 / 5, log2((3 * 6) / 15)],
        [2 / 6, log2((2 * 6) / 15)],
        [2 / 6, log2((2 * 6) / 15)],
        [1 / 5, log2(6 / 9)],
      ];
      links.forEach((e: any, i: number) => {
        expect(e.jaccard).toBeCloseTo(expected[i]![0]!, 12);
        expect(e.pmi).toBeCloseTo(expected[i]![1]!, 12);
      });
    });

    it('keeps nodes and edges of at least minArticles, the first N nodes, and the period', async () => {
      const data = await client.query(`{ conflict(slug: "${RUW}") {
        strong: ${network(`from: "${FROM}", minArticles: 3`)}
        top: ${network(`from: "${FROM}", first: 2`)}
        y2030: ${network(`from: "${FROM}", to: "2030-12-31"`)}
        none: ${network(`from: "2040-01-01"`)} } }`);
      const { strong, top, y2030, none } = data.conflict;
      expect(strong.nodes.map((n: any) => n.actor.slug)).toEqual(['russia', 'ukraine', US, PUTIN]);
      expect(edges(strong.edges)).toEqual([
        ['russia', 'ukraine', 4],
        ['russia', PUTIN, 3],
        ['ukraine', US, 3],
      ]);
      expect(top.nodes.map((n: any) => n.actor.slug)).toEqual(['russia', 'ukraine']);
      expect(edges(top.edges)).toEqual([['russia', 'ukraine', 4]]);
      expect(y2030.nodes.map((n: any) => [n.actor.slug, n.articleCount])).toEqual([
        ['ukraine', 4],
        ['russia', 3],
        [US, 2],
        [PUTIN, 1],
      ]);
      expect(edges(y2030.edges)).toEqual([
        ['russia', 'ukraine', 3],
        ['ukraine', US, 2],
        ['russia', US, 1],
        ['russia', PUTIN, 1],
        ['ukraine', PUTIN, 1],
      ]);
      expect(none).toEqual({ nodes: [], edges: [] });
    });

    it('costs two statements for every conflict as for one, one when only nodes are asked for', async () => {
      const one = await statements(`{ conflict(slug: "${RUW}") { ${network(`from: "${FROM}"`)} } }`);
      const all = await statements(`{ conflicts(first: 100) { edges { node { ${network(`from: "${FROM}"`)} } } } }`);
      const nodes = await statements(`{ conflicts(first: 100) { edges { node { network { nodes { articleCount } } } } } }`);
      expect(one.count, one.log).toBe(3);
      expect(all.count, all.log).toBe(3);
      expect(nodes.count, nodes.log).toBe(2);
    });

    it('refuses bad arguments', async () => {
      for (const args of ['minArticles: 0', 'first: 0', 'first: 101', 'from: "2031-01-01", to: "2030-01-01"']) {
        const error = await client.fail(`{ conflict(slug: "${RUW}") { network(${args}) { nodes { articleCount } } } }`);
        expect(error.code, args).toBe('BAD_USER_INPUT');
      }
    });
  });
});

describe.each(backends)('precomputed aggregates on %s', (backend) => {
  let database: TestDatabase;
  let db: TestDatabase['database']['db'];
  const idOf: Record<string, number> = {};

  async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
    const result: any = await db.execute(query);
    return Array.isArray(result) ? result : result.rows;
  }

  const drift = () => aggregateDrift(db);

  async function countsOf(table: string): Promise<number> {
    const [row] = await rows<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`));
    return row!.n;
  }

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    db = database.database.db;
    const entities = await rows<{ slug: string; id: number }>(
      sql`select slug, id from actors where slug in ('russia', 'ukraine', 'united-states', 'syria', 'taliban')
          union all select slug, id from conflicts where slug in (${RUW}, ${SCW}, ${AFG})`,
    );
    for (const { slug, id } of entities) idOf[slug] = id;
  });
  afterAll(() => database?.close());

  it('equal a count from scratch after the seed corpus and after more articles', async () => {
    expect(await drift()).toEqual(NONE);
    expect(await countsOf('actor_pair_totals')).toBeGreaterThan(10);
    for (const spec of SPECS) await addArticle(db, { ...spec, externalId: `agg_${spec.externalId}` });
    expect(await drift()).toEqual(NONE);
  });

  it('give the API the same answers as counting the articles', async () => {
    // Every article meets these restrictions, yet they send each aggregate down its counting path.
    const since = '"1899-12-31"';
    const all = `{ publishedFrom: ${since} }`;
    const facets = `facets { actors(first: 100) { articleCount actor { slug } } conflicts(first: 100) { articleCount conflict { slug } }
      months(first: 100) { month articleCount } }`;
    const network = 'nodes { articleCount actor { slug } } edges { source { slug } target { slug } weight jaccard pmi }';
    const coActors = 'articleCount jaccard pmi actor { slug }';
    const query = (filter: string, period: string) => `query($c: ID) {
      articles(first: 1${filter}) { totalCount timeline { period articleCount corpusArticleCount } ${facets} }
      conflict(slug: "${RUW}") {
        timeline${filter ? `(${filter.slice(2)})` : ''} { period articleCount corpusArticleCount }
        articles(first: 1${filter}) { totalCount ${facets} }
        network${period ? `(${period})` : ''} { ${network} }
      }
      actor(slug: "russia") {
        timeline${filter ? `(${filter.slice(2)})` : ''} { period articleCount corpusArticleCount }
        articles(first: 1${filter}) { totalCount ${facets} }
        coActors(first: 100${period ? `, ${period}` : ''}) { ${coActors} }
        inConflict: coActors(first: 100, conflict: $c${period ? `, ${period}` : ''}) { ${coActors} }
      }
    }`;
    const client = testClient(database);
    const variables = { c: (await globalIdsBySlug(client, [{ conflictSlugs: [RUW] }]))[RUW] };
    const precomputed = await client.query(query('', ''), variables);
    const counted = await client.query(query(`, filter: ${all}`, `from: ${since}`), variables);
    expect(precomputed.conflict.network.edges.length).toBeGreaterThan(3);
    expect(precomputed.actor.inConflict.length).toBeGreaterThan(2);
    expect(precomputed).toEqual(counted);
  });

  it('follow a batch written with one statement per table, as a bulk ingest writes it', async () => {
    const [russia, ukraine, us] = [idOf.russia!, idOf.ukraine!, idOf[US]!];
    await db.transaction(async (tx) => {
      const created = await tx.execute(sql`
        insert into articles (external_id, content_hash, title, body, raw, published_on, date_precision)
        select 'bulk_' || n, 'bulk_hash_' || n, 'Bulk ' || n, 'Tekst ' || n, 'Tekst ' || n, date '2030-05-01' + n, 'DAY'
        from generate_series(1, 3) n returning id, published_on`);
      const ids = (Array.isArray(created) ? created : (created as any).rows).map((row: any) => row.id as number);
      await tx.execute(sql`
        insert into article_actors (article_id, actor_id, mention_count, published_on)
        select a.id, x.actor_id, 1, a.published_on
        from articles a cross join unnest(${`{${russia},${ukraine},${us}}`}::int[]) x(actor_id)
        where a.id = any(${`{${ids.join(',')}}`}::int[])`);
      await tx.execute(sql`
        insert into article_conflicts (article_id, conflict_id, score, published_on)
        select a.id, ${idOf[RUW]!}, 0.5, a.published_on from articles a where a.id = any(${`{${ids.join(',')}}`}::int[])`);
    });
    expect(await drift()).toEqual(NONE);
  });

  it('follow an article stored again with another date, other actors and another conflict', async () => {
    await addArticle(db, {
      externalId: 'agg_g03',
      publishedOn: '2029-12-24',
      body: 'Een andere tekst over dezelfde zaak, nu met andere partijen erin genoemd.',
      actorSlugs: ['syria', 'taliban', US],
      conflictSlugs: [SCW, AFG],
    });
    expect(await drift()).toEqual(NONE);
  });

  it('follow deletes: of links, of both link tables in one statement, of whole articles', async () => {
    const ids = async (prefix: string) =>
      (await rows<{ id: number }>(sql`select id from articles where external_id like ${`${prefix}%`} order by id`)).map((r) => r.id);
    const [first, second] = await ids('agg_g0');
    await db.execute(sql`delete from article_actors where article_id = ${first!} and actor_id = ${idOf.russia!}`);
    await db.execute(sql`delete from article_conflicts where article_id = ${first!}`);
    expect(await drift()).toEqual(NONE);
    // Both link tables change in one statement: neither trigger sees the other's old rows.
    await db.execute(sql`with a as (delete from article_actors where article_id = ${second!} returning 1),
                                  c as (delete from article_conflicts where article_id = ${second!} returning 1)
                         select (select count(*) from a) + (select count(*) from c) as n`);
    expect(await drift()).toEqual(NONE);
    // Deleting articles cascades to both link tables at once.
    await db.execute(sql`delete from articles where external_id like 'agg_g1%' or external_id like 'bulk_%'`);
    expect(await drift()).toEqual(NONE);
  });

  it('stay as they were when the writing transaction rolls back', async () => {
    const before = await countsOf('conflict_actor_pair_totals');
    await expect(
      db.transaction(async (tx) => {
        await addArticle(tx, { externalId: 'agg_rolled_back', publishedOn: '2031-06-01', actorSlugs: ['russia', 'syria'], conflictSlugs: [SCW] });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await countsOf('conflict_actor_pair_totals')).toBe(before);
    expect(await drift()).toEqual(NONE);
  });

  it('are recounted when a link table is truncated', async () => {
    await db.execute(sql`truncate article_conflicts`);
    expect(await countsOf('conflict_actor_counts')).toBe(0);
    expect(await countsOf('actor_pair_totals')).toBeGreaterThan(10);
    expect(await drift()).toEqual(NONE);
  });
});
