import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { FROM, LATER_ARTICLES, PUTIN, RUW, SCW, US } from './helpers/aggregates.js';
import { backends } from './helpers/db.js';
import type { ArticleSpec } from './helpers/factories.js';
import { useArticles } from './helpers/fixtures.js';

const log2 = (x: number) => Math.log2(x);
const rows = (list: any[]) => list.map((c) => [c.actor.slug, c.articleCount]);

describe.each(backends)('co-actors on %s', (backend) => {
  const articles = useArticles(backend, LATER_ARTICLES);

  const fields = 'articleCount jaccard pmi actor { slug }';

  it('measures association within a period, and orders by count, Jaccard or PMI', async () => {
    // From 2030: N = 12 articles; Russia is in 6, Ukraine 5, the United States 8, Putin 3, Syria 2.
    const data = await articles.client.query(`{ actor(slug: "russia") {
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
    const data = await articles.client.query(
      `query($c: ID) { actor(slug: "russia") {
        war: coActors(conflict: $c, from: "${FROM}", orderBy: PMI) { ${fields} }
        y2030: coActors(conflict: $c, from: "${FROM}", to: "2030-12-31") { ${fields} }
        none: coActors(conflict: $c, from: "2040-01-01") { ${fields} } } }`,
      { c: articles.id[RUW] },
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
    const data = await articles.client.query(`{
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
    const many = await articles.statements(
      `{ actors(first: 60) { edges { node { coActors(first: 3, from: "${FROM}", orderBy: JACCARD) { jaccard actor { id } } } } } }`,
    );
    expect(many.count, many.log).toBe(2);
    const backwards = await articles.client.fail(`{ actor(slug: "russia") { coActors(from: "2031-01-01", to: "2030-01-01") { pmi } } }`);
    expect(backwards.code).toBe('BAD_USER_INPUT');
    const wrongId = await articles.client.fail(`query($c: ID) { actor(slug: "russia") { coActors(conflict: $c) { pmi } } }`, { c: articles.id.russia });
    expect(wrongId.code).toBe('BAD_USER_INPUT');
    expect(wrongId.message).toContain('not of a Conflict');
  });
});

// Dated after the seeds, so that from 2030 Russia's co-actors are exactly these: Ukraine in three
// articles, then Syria, the Taliban, the United States and Putin in one each (a tie, ranked by name).
const TIED_ARTICLES: ArticleSpec[] = [
  { externalId: 'ca1', publishedOn: '2030-01-10', actorSlugs: ['russia', 'ukraine', 'syria'], conflictSlugs: [RUW] },
  { externalId: 'ca2', publishedOn: '2030-01-20', actorSlugs: ['russia', 'ukraine', 'taliban'], conflictSlugs: [RUW] },
  { externalId: 'ca3', publishedOn: '2030-02-05', actorSlugs: ['russia', US], conflictSlugs: [SCW] },
  { externalId: 'ca4', publishedOn: '2030-03-17', actorSlugs: ['russia', PUTIN, 'ukraine'], conflictSlugs: [RUW] },
  { externalId: 'ca5', publishedOn: '2030-03-20', actorSlugs: [US, 'ukraine', 'syria'], conflictSlugs: [RUW, SCW] },
];
/** Syria is made provisional: listed only when a list asks for provisional actors too. */
const PROVISIONAL = 'syria';

describe.each(backends)('co-actors by what the selection asks, on %s', (backend) => {
  const articles = useArticles(backend, TIED_ARTICLES);
  beforeAll(() => articles.database.database.db.execute(sql`update actors set status = 'PROVISIONAL' where slug = ${PROVISIONAL}`));

  async function logged(operation: string, variables: Record<string, unknown> = {}) {
    articles.database.sqlLog.length = 0;
    const data = await articles.client.query(operation, variables);
    return { data, log: [...articles.database.sqlLog] };
  }

  it('ranks by shared articles, ties by name, the first N, curated actors unless asked', async () => {
    const { actor } = await articles.client.query(`{ actor(slug: "russia") {
      all: coActors(from: "${FROM}") { articleCount actor { slug name } }
      top: coActors(from: "${FROM}", first: 2) { articleCount actor { slug } }
      every: coActors(from: "${FROM}", status: [CURATED, PROVISIONAL]) { articleCount actor { slug } } } }`);
    expect(actor.all[0]).toMatchObject({ articleCount: 3, actor: { slug: 'ukraine' } });
    const tied = actor.all.slice(1);
    expect(tied.map((c: any) => c.actor.slug).sort()).toEqual(['taliban', US, PUTIN].sort());
    expect(tied.map((c: any) => c.articleCount)).toEqual([1, 1, 1]);
    expect(tied.map((c: any) => c.actor.name)).toEqual(tied.map((c: any) => c.actor.name).sort());
    expect(rows(actor.top)).toEqual(rows(actor.all).slice(0, 2));
    expect(actor.every.map((c: any) => c.actor.slug).sort()).toEqual(['ukraine', PROVISIONAL, 'taliban', US, PUTIN].sort());
  });

  it('lists the same co-actors whether or not Jaccard and PMI are asked for, in every restriction', async () => {
    const restrictions = [
      '',
      'first: 3',
      `from: "${FROM}"`,
      `from: "${FROM}", to: "2030-02-28"`,
      `from: "2030-01-15", to: "2030-03-18"`,
      'conflict: $ruw',
      `conflict: $ruw, from: "${FROM}"`,
      `conflict: $ruw, from: "2030-01-15"`,
      'status: [CURATED, PROVISIONAL], first: 50',
    ];
    for (const slug of ['russia', 'ukraine', US]) {
      for (const args of restrictions) {
        const list = args ? `coActors(${args})` : 'coActors';
        const ruw = args.includes('$ruw');
        const { actor } = await articles.client.query(
          `query${ruw ? '($ruw: ID)' : ''} { actor(slug: "${slug}") {
            cheap: ${list} { articleCount actor { slug } }
            measured: ${list} { articleCount jaccard pmi actor { slug } } } }`,
          ruw ? { ruw: articles.id[RUW] } : {},
        );
        expect(rows(actor.cheap), `${slug} (${args})`).toEqual(rows(actor.measured));
        for (const c of actor.measured) {
          expect(c.jaccard).toBeGreaterThan(0);
          expect(c.jaccard).toBeLessThanOrEqual(1);
          expect(Number.isFinite(c.pmi)).toBe(true);
        }
      }
    }
  });

  it('reads the counts of single actors and of the corpus only for Jaccard or PMI', async () => {
    const counters = /actor_month_counts|corpus_month_counts|conflict_actor_counts|conflict_month_counts|actor_totals|conflict_totals/;
    const cheap = await logged(`{ actor(slug: "russia") { coActors { articleCount actor { id } } } }`);
    const coActorStatement = (log: string[]) => log.find((statement) => statement.includes('actor_pair_totals'));
    expect(coActorStatement(cheap.log), cheap.log.join('\n')).not.toMatch(counters);
    const measuring = [
      `{ actor(slug: "russia") { coActors { articleCount pmi actor { id } } } }`,
      `{ actor(slug: "russia") { coActors { articleCount ... on CoActor { jaccard } actor { id } } } }`,
      `{ actor(slug: "russia") { coActors { articleCount ...measures actor { id } } } } fragment measures on CoActor { pmi }`,
    ];
    for (const operation of measuring) {
      const measured = await logged(operation);
      expect(coActorStatement(measured.log), measured.log.join('\n')).toMatch(counters);
      expect(measured.data.actor.coActors.map((c: any) => c.articleCount)).toEqual(cheap.data.actor.coActors.map((c: any) => c.articleCount));
    }
  });

  it('serves every actor of a list in one statement, each as it is served alone', async () => {
    const list = await logged(`{ actors(first: 12, orderBy: ARTICLE_COUNT) { edges { node { slug coActors(first: 3) { articleCount actor { slug } } } } } }`);
    expect(list.log, list.log.join('\n')).toHaveLength(2);
    const nodes = list.data.actors.edges.map((e: any) => e.node);
    expect(nodes.filter((node: any) => node.coActors.length === 3).length).toBeGreaterThan(3);
    for (const node of nodes) {
      const alone = await articles.client.query(`{ actor(slug: "${node.slug}") { coActors(first: 3) { articleCount actor { slug } } } }`);
      expect(rows(node.coActors), node.slug).toEqual(rows(alone.actor.coActors));
    }
  });
});
