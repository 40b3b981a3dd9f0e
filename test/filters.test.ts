import { describe, expect, it } from 'vitest';
import { backends } from './helpers/db.js';
import type { ArticleSpec } from './helpers/factories.js';
import { useArticles } from './helpers/fixtures.js';

// A corpus beyond the seeds, dated after them (from 2030) so each filter's exact answer is known.
const SPECS: ArticleSpec[] = [
  { externalId: 'f01', publishedOn: '2030-01-05', sources: ['Belga'], actorSlugs: ['russia', 'ukraine'], conflictSlugs: ['russo-ukrainian-war'] },
  { externalId: 'f02', publishedOn: '2030-02-10', sources: ['AFP', 'Belga'], actorSlugs: ['russia', 'syria'], conflictSlugs: ['syrian-civil-war'] },
  { externalId: 'f03', publishedOn: '2030-03-15', sources: ['ANP'], actorSlugs: ['ukraine', 'vladimir-putin'], conflictSlugs: ['russo-ukrainian-war'] },
  { externalId: 'f04', publishedOn: '2030-04-20', sources: [], actorSlugs: ['taliban'], conflictSlugs: ['war-in-afghanistan-2001-2021'] },
  { externalId: 'f05', publishedOn: '2030-05-25', sources: ['Reuters'], actorSlugs: ['russia', 'ukraine', 'united-states'], conflictSlugs: ['russo-ukrainian-war', 'syrian-civil-war'] },
  { externalId: 'f06', publishedOn: '2030-06-30', sources: ['Belga'], actorSlugs: [], conflictSlugs: [] },
];
const FROM = '2030-01-01';

describe.each(backends)('article filters on %s', (backend) => {
  const articles = useArticles(backend, SPECS);

  async function matching(filter: Record<string, unknown>, extra = ''): Promise<string[]> {
    const data = await articles.client.query(
      `query($filter: ArticleFilter) { articles(first: 100, filter: $filter${extra}) { totalCount edges { node { externalId } } } }`,
      { filter },
    );
    const found = data.articles.edges.map((e: any) => e.node.externalId);
    expect(data.articles.totalCount).toBe(found.length);
    return found;
  }
  const within = (filter: Record<string, unknown>) => matching({ and: [{ publishedFrom: FROM }, filter] });

  it('filters by date range, inclusive, newest first', async () => {
    expect(await matching({ publishedFrom: '2030-02-10', publishedTo: '2030-04-20' })).toEqual(['f04', 'f03', 'f02']);
    expect(await matching({ publishedFrom: '2031-01-01' })).toEqual([]);
    const error = await articles.client.fail(`{ articles(filter: { publishedFrom: "2030-02-30" }) { totalCount } }`);
    expect(error.message).toContain('YYYY-MM-DD');
  });

  it('filters by actors: all, any and none', async () => {
    expect(await within({ actors: { all: [articles.id.russia, articles.id.ukraine] } })).toEqual(['f05', 'f01']);
    expect(await within({ actors: { any: [articles.id.syria, articles.id.taliban] } })).toEqual(['f04', 'f02']);
    expect(await within({ actors: { none: [articles.id.russia] } })).toEqual(['f06', 'f04', 'f03']);
    expect(await within({ actors: { any: [] } })).toEqual([]);
  });

  it('filters by conflicts: any and none', async () => {
    expect(await within({ conflicts: { any: [articles.id['syrian-civil-war']] } })).toEqual(['f05', 'f02']);
    expect(await within({ conflicts: { none: [articles.id['russo-ukrainian-war']] } })).toEqual(['f06', 'f04', 'f02']);
  });

  it('filters by actor kinds, sources (any case) and language', async () => {
    expect(await within({ actorKinds: ['PERSON'] })).toEqual(['f03']);
    expect(await within({ actorKinds: ['ARMED_GROUP', 'PERSON'] })).toEqual(['f04', 'f03']);
    expect(await within({ sources: ['belga'] })).toEqual(['f06', 'f02', 'f01']);
    expect(await within({ sources: ['Reuters', 'ANP'] })).toEqual(['f05', 'f03']);
    expect(await within({ language: 'nl' })).toHaveLength(6);
    expect(await within({ language: 'en' })).toEqual([]);
  });

  it('composes filters with and, or and not', async () => {
    const russiaOrTaliban = { or: [{ actors: { all: [articles.id.russia] } }, { actors: { any: [articles.id.taliban] } }] };
    expect(await within(russiaOrTaliban)).toEqual(['f05', 'f04', 'f02', 'f01']);
    expect(await within({ not: russiaOrTaliban })).toEqual(['f06', 'f03']);
    expect(await within({ and: [russiaOrTaliban, { sources: ['Belga'] }] })).toEqual(['f02', 'f01']);
    expect(await within({ or: [] })).toEqual([]);
  });

  it('searches without regard to accents, on its own and with other conditions', async () => {
    expect(await matching({ search: 'Oekraine' })).toEqual(await matching({ search: 'Oekraïne' }));
    expect(await matching({ search: 'Oekraine' })).toContain('004_8bd9632aeaf2a08c');
    expect(await matching({ search: 'Poetin', publishedTo: '2020-12-31' })).toEqual(['002_09db54de18924391']);
  });

  it('applies the same filter to the articles of a conflict and of an actor', async () => {
    const nested = await articles.client.query(
      `query($c: String!, $a: String!, $f: ArticleFilter) {
        conflict(slug: $c) { articles(first: 100, filter: $f) { totalCount edges { node { externalId } } } }
        actor(slug: $a) { articles(first: 100, filter: $f, orderBy: OLDEST) { totalCount edges { node { externalId } } } } }`,
      { c: 'russo-ukrainian-war', a: 'russia', f: { publishedFrom: FROM, sources: ['Belga', 'Reuters'] } },
    );
    expect(nested.conflict.articles.edges.map((e: any) => e.node.externalId)).toEqual(['f05', 'f01']);
    expect(nested.conflict.articles.totalCount).toBe(2);
    expect(nested.actor.articles.edges.map((e: any) => e.node.externalId)).toEqual(['f01', 'f02', 'f05']);
    expect(nested.actor.articles.totalCount).toBe(3);
  });

  it('pages a filtered list to its last page, forward and backward', async () => {
    const filter = { publishedFrom: FROM };
    const page = `query($f: ArticleFilter, $first: Int, $after: String, $last: Int, $before: String) {
      articles(first: $first, after: $after, last: $last, before: $before, filter: $f) {
        pageInfo { hasNextPage hasPreviousPage endCursor startCursor } edges { node { externalId } } } }`;
    const one = await articles.client.query(page, { f: filter, first: 4 });
    const two = await articles.client.query(page, { f: filter, first: 4, after: one.articles.pageInfo.endCursor });
    expect(two.articles.edges.map((e: any) => e.node.externalId)).toEqual(['f02', 'f01']);
    expect(two.articles.pageInfo.hasNextPage).toBe(false);
    const back = await articles.client.query(page, { f: filter, last: 3, before: two.articles.pageInfo.startCursor });
    expect(back.articles.edges.map((e: any) => e.node.externalId)).toEqual(['f05', 'f04', 'f03']);
    expect(back.articles.pageInfo.hasPreviousPage).toBe(true);
  });

  it('refuses filters it cannot read, naming the problem', async () => {
    const wrongType = await articles.client.fail(`query($f: ArticleFilter) { articles(filter: $f) { totalCount } }`, {
      f: { actors: { any: [articles.id['syrian-civil-war']] } },
    });
    expect(wrongType.code).toBe('BAD_USER_INPUT');
    expect(wrongType.message).toContain('not of a Actor');
    let deep: Record<string, unknown> = { language: 'nl' };
    for (let i = 0; i < 6; i += 1) deep = { not: deep };
    const tooDeep = await articles.client.fail(`query($f: ArticleFilter) { articles(filter: $f) { totalCount } }`, { f: deep });
    expect(tooDeep.message).toContain('levels deep');
    const backwards = await articles.client.fail(`{ articles(filter: { publishedFrom: "2030-02-01", publishedTo: "2030-01-01" }) { totalCount } }`);
    expect(backwards.message).toContain('after `publishedTo`');
  });
});
