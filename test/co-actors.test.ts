import { describe, expect, it } from 'vitest';
import { FROM, LATER_ARTICLES, PUTIN, RUW, US } from './helpers/aggregates.js';
import { backends } from './helpers/db.js';
import { useArticles } from './helpers/fixtures.js';

const log2 = (x: number) => Math.log2(x);

describe.each(backends)('co-actors on %s', (backend) => {
  const articles = useArticles(backend, LATER_ARTICLES);

  const fields = 'articleCount jaccard pmi actor { slug }';
  const rows = (list: any[]) => list.map((c) => [c.actor.slug, c.articleCount]);

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
