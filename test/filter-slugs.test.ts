import { describe, expect, it } from 'vitest';
import { backends } from './helpers/db.js';
import type { ArticleSpec } from './helpers/factories.js';
import { useArticles } from './helpers/fixtures.js';

// Articles dated after the seeds (2032) so that each filter's exact answer is known.
const SPECS: ArticleSpec[] = [
  { externalId: 's01', publishedOn: '2032-01-05', actorSlugs: ['vladimir-putin', 'joe-biden'], conflictSlugs: ['russo-ukrainian-war'] },
  { externalId: 's02', publishedOn: '2032-02-10', actorSlugs: ['vladimir-putin'], conflictSlugs: ['syrian-civil-war'] },
  { externalId: 's03', publishedOn: '2032-03-15', actorSlugs: ['joe-biden', 'ukraine'], conflictSlugs: ['russo-ukrainian-war'] },
  { externalId: 's04', publishedOn: '2032-04-20', actorSlugs: ['taliban'], conflictSlugs: ['war-in-afghanistan-2001-2021'] },
];
const FROM = '2032-01-01';
const LIST = `query($f: ArticleFilter) { articles(first: 100, filter: $f) { edges { node { externalId } } } }`;

describe.each(backends)('filters naming actors and conflicts by slug on %s', (backend) => {
  const articles = useArticles(backend, SPECS);

  async function matching(filter: Record<string, unknown>): Promise<string[]> {
    const data = await articles.client.query(LIST, { f: { and: [{ publishedFrom: FROM }, filter] } });
    return data.articles.edges.map((e: any) => e.node.externalId);
  }

  it('takes slugs where it takes global ids, and both in one list', async () => {
    expect(await matching({ actors: { all: ['vladimir-putin', 'joe-biden'] } })).toEqual(['s01']);
    expect(await matching({ actors: { all: [articles.id['vladimir-putin'], articles.id['joe-biden']] } })).toEqual(['s01']);
    expect(await matching({ actors: { any: [articles.id.taliban, 'joe-biden'] } })).toEqual(['s04', 's03', 's01']);
    expect(await matching({ actors: { none: ['vladimir-putin'] } })).toEqual(['s04', 's03']);
    expect(await matching({ conflicts: { any: ['russo-ukrainian-war'] } })).toEqual(['s03', 's01']);
    expect(await matching({ conflicts: { none: ['russo-ukrainian-war', articles.id['syrian-civil-war']] } })).toEqual(['s04']);
    expect(await matching({ or: [{ not: { actors: { any: ['ukraine', 'taliban'] } } }] })).toEqual(['s02', 's01']);
  });

  it('names the path of a bad item in the error, at any depth', async () => {
    const unknown = await articles.client.fail(LIST, { f: { actors: { all: ['vladimir-putin', 'vladimir-poetin'] } } });
    expect(unknown.code).toBe('BAD_USER_INPUT');
    expect(unknown.extensions?.argument).toBe('filter.actors.all[1]');
    expect(unknown.message).toBe('`filter.actors.all[1]`: there is no actor with the slug "vladimir-poetin"');

    const nested = await articles.client.fail(LIST, { f: { or: [{ sources: ['AFP'] }, { not: { conflicts: { none: ['syrian-civil-war', 'vladimir-putin'] } } }] } });
    expect(nested.extensions?.argument).toBe('filter.or[1].not.conflicts.none[1]');
    expect(nested.message).toContain('no conflict with the slug "vladimir-putin"');

    const malformed = await articles.client.fail(LIST, { f: { actors: { any: ['Vladimir Putin'] } } });
    expect(malformed.code).toBe('BAD_USER_INPUT');
    expect(malformed.extensions?.argument).toBe('filter.actors.any[0]');
    expect(malformed.message).toMatch(/^`filter\.actors\.any\[0\]`: "Vladimir Putin" is not a global id; give a global id of a Actor or its slug/);

    const wrongType = await articles.client.fail(LIST, { f: { and: [{ actors: { none: [articles.id['syrian-civil-war']] } }] } });
    expect(wrongType.extensions?.argument).toBe('filter.and[0].actors.none[0]');
    expect(wrongType.message).toContain('the id is of a Conflict, not of a Actor');
  });

  it('takes slugs in the filters of nested lists, timelines and co-actors', async () => {
    const data = await articles.client.query(`{
      conflict(slug: "russo-ukrainian-war") {
        articles(filter: { actors: { any: ["joe-biden"] }, publishedFrom: "${FROM}" }) { edges { node { externalId } } }
        timeline(filter: { actors: { all: ["vladimir-putin"] }, publishedFrom: "${FROM}" }) { period articleCount }
      }
      actor(slug: "vladimir-putin") {
        bySlug: coActors(conflict: "russo-ukrainian-war", from: "${FROM}") { actor { slug } articleCount }
        byId: coActors(conflict: "${articles.id['russo-ukrainian-war']}", from: "${FROM}") { actor { slug } articleCount }
      }
    }`);
    expect(data.conflict.articles.edges.map((e: any) => e.node.externalId)).toEqual(['s03', 's01']);
    expect(data.conflict.timeline).toEqual([{ period: '2032-01', articleCount: 1 }]);
    expect(data.actor.bySlug).toEqual([{ actor: { slug: 'joe-biden' }, articleCount: 1 }]);
    expect(data.actor.byId).toEqual(data.actor.bySlug);
    const error = await articles.client.fail(`{ actor(slug: "vladimir-putin") { coActors(conflict: "no-such-war") { articleCount } } }`);
    expect(error.extensions?.argument).toBe('conflict');
    expect(error.code).toBe('BAD_USER_INPUT');
  });

  it('looks up every slug of a request in one statement, however many lists name them', async () => {
    const query = (conflicts: number, actors: unknown[]) =>
      articles.client.query(
        `query($f: ArticleFilter) { conflicts(first: ${conflicts}) { edges { node {
          articles(first: 3, filter: $f) { totalCount edges { node { id } } } } } } }`,
        { f: { actors: { any: actors } } },
      );
    const count = async (conflicts: number, actors: unknown[]) => {
      articles.database.sqlLog.length = 0;
      const data = await query(conflicts, actors);
      expect(data.conflicts.edges).toHaveLength(conflicts);
      return articles.database.sqlLog.length;
    };
    const byIds = await count(2, [articles.id['vladimir-putin'], articles.id['joe-biden']]);
    expect(await count(20, [articles.id['vladimir-putin'], articles.id['joe-biden']])).toBe(byIds);
    expect(await count(2, ['vladimir-putin', 'joe-biden'])).toBe(byIds + 1);
    expect(await count(20, ['vladimir-putin', 'joe-biden'])).toBe(byIds + 1);
  });
});
