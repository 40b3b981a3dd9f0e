import { describe, expect, it } from 'vitest';
import { AFG, FROM, LATER_ARTICLES, PUTIN, RUW, SCW, US } from './helpers/aggregates.js';
import { backends } from './helpers/db.js';
import { useArticles } from './helpers/fixtures.js';

describe.each(backends)('facets on %s', (backend) => {
  const articles = useArticles(backend, LATER_ARTICLES);

  const facets = (first = '') => `facets {
    actors${first} { articleCount actor { slug } }
    conflicts${first} { articleCount conflict { slug } }
    sources${first} { articleCount source }
    months${first} { articleCount month from to } }`;

  it('counts actors, conflicts, sources and months of the filtered set, most first, then by name', async () => {
    const data = await articles.client.query(`{ articles(first: 1, filter: { publishedFrom: "${FROM}" }) { ${facets()} } }`);
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
    const data = await articles.client.query(`{ articles(filter: { publishedFrom: "${FROM}" }) { ${facets('(first: 2)')} } }`);
    const f = data.articles.facets;
    expect(f.actors.map((x: any) => x.actor.slug)).toEqual([US, 'russia']);
    expect(f.conflicts.map((x: any) => x.conflict.slug)).toEqual([RUW, SCW]);
    expect(f.sources.map((x: any) => x.source)).toEqual(['Belga', 'AFP']);
    expect(f.months.map((x: any) => x.month)).toEqual(['2030-04', '2030-01']);
  });

  it('counts over a nested list of articles, and is empty for an empty set', async () => {
    const data = await articles.client.query(`{
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
    const plain = await articles.statements(`{ articles(first: 3) { edges { node { id } } } }`);
    expect(plain.count, plain.log).toBe(1);
    const one = await articles.statements(`{ articles(first: 3) { facets { sources { source } } } }`);
    expect(one.count, one.log).toBe(2);
    const all = await articles.statements(`{ articles(first: 3, filter: { publishedFrom: "${FROM}" }) { ${facets()} } }`);
    expect(all.count, all.log).toBe(5);
    const nested = await articles.statements(`{ conflicts(first: 100) { edges { node { articles(first: 1) { ${facets()} } } } } }`);
    expect(nested.count, nested.log).toBe(6);
  });

  it('refuses a facet size out of range', async () => {
    for (const first of [0, 101]) {
      const error = await articles.client.fail(`{ articles { facets { actors(first: ${first}) { articleCount } } } }`);
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.message).toContain('`first`');
    }
  });
});
