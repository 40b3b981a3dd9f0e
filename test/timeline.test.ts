import { describe, expect, it } from 'vitest';
import { AFG, CORPUS_MONTHS, FROM, LATER_ARTICLES, months, RUW, SCW, SINCE } from './helpers/aggregates.js';
import { backends } from './helpers/db.js';
import { useArticles } from './helpers/fixtures.js';

describe.each(backends)('timeline on %s', (backend) => {
  const articles = useArticles(backend, LATER_ARTICLES);

  const bucket = 'period from to articleCount corpusArticleCount share';
  const pairs = (buckets: any[]) => buckets.map((b) => [b.period, b.articleCount]);

  it('counts a conflict’s articles per month, quiet months included, with the share of the corpus', async () => {
    const data = await articles.client.query(
      `query($f: ArticleFilter) { conflict(slug: "${RUW}") { timeline(filter: $f) { ${bucket} } } }`,
      { f: SINCE },
    );
    const timeline = data.conflict.timeline;
    const expected = months({ '2030-01': 2, '2030-02': 1, '2030-04': 1, '2031-02': 1, '2031-03': 1 });
    expect(pairs(timeline)).toEqual(expected);
    expect(timeline.map((b: any) => b.corpusArticleCount)).toEqual(CORPUS_MONTHS.map(([, n]) => n));
    expect(timeline.map((b: any) => b.share)).toEqual(expected.map(([, n], i) => (CORPUS_MONTHS[i]![1] ? n / CORPUS_MONTHS[i]![1] : 0)));
    expect(timeline[0]).toEqual({ period: '2030-01', from: '2030-01-01', to: '2030-01-31', articleCount: 2, corpusArticleCount: 2, share: 1 });
    expect(timeline[1]).toMatchObject({ period: '2030-02', to: '2030-02-28' });
    expect(timeline[3]).toMatchObject({ period: '2030-04', articleCount: 1, corpusArticleCount: 3 });
    expect(timeline[3].share).toBeCloseTo(1 / 3, 12);
  });

  it('counts per year, and without a filter spans the conflict’s whole coverage', async () => {
    const data = await articles.client.query(`{
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
    const data = await articles.client.query(`{
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
    const data = await articles.client.query(`{
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
    expect(data.belga.timeline.map((b: any) => b.share)).toEqual(belga.map(([, n], i) => (CORPUS_MONTHS[i]![1] ? n / CORPUS_MONTHS[i]![1] : 0)));
    expect(data.none.timeline).toEqual([]);
    expect(data.conflict.articles.timeline).toEqual([
      { period: '2030', articleCount: 4, share: 0.5 },
      { period: '2031', articleCount: 2, share: 0.5 },
    ]);
    expect(data.actor.articles.timeline).toEqual([{ period: '2030-04', articleCount: 2, corpusArticleCount: 3 }]);
  });

  it('costs the same statements for every conflict as for one', async () => {
    const one = await articles.statements(
      `query($f: ArticleFilter) { conflict(slug: "${RUW}") { timeline(filter: $f) { period articleCount share } } }`,
      { f: SINCE },
    );
    const all = await articles.statements(
      `query($f: ArticleFilter) { conflicts(first: 100, orderBy: ARTICLE_COUNT) { edges { node { slug
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
