import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { col, selectRows } from '../src/db/rows.js';
import { createIngestor } from '../src/ingest/ingest.js';
import { testClient } from './helpers/app.js';
import { backends, openTestDatabase, type TestDatabase } from './helpers/db.js';

/*
 * Counting by story (`unit: STORY` of timeline, facets, coActors and network) and lists of one
 * article a story (`distinctStories`). Every expected figure is computed here from the stored
 * grouping and links, over the story fixture texts (test/fixtures/copies), with one article taken
 * out of its story, as an article stored before stories were kept is: it counts as its own story.
 */

const dir = fileURLToPath(new URL('./fixtures/copies/', import.meta.url));
const texts = readdirSync(dir)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => ({ externalId: name.slice(0, -4), text: readFileSync(`${dir}${name}`, 'utf8') }));

type Unit = 'ARTICLE' | 'STORY';

/** An article as stored: its story (`s<id>`, or `a<id>` for an article without one), sources and links. */
interface Stored {
  id: number;
  externalId: string;
  publishedOn: string;
  story: string;
  sources: string[];
  actors: string[];
  conflicts: string[];
  /** The keys of the places it names. */
  places: string[];
}

async function storedArticles(database: TestDatabase): Promise<Stored[]> {
  const rows = await selectRows(
    database.database.db,
    sql`select a.id, a.external_id as "externalId", a.published_on::text as "publishedOn", s.story_id as story, a.sources,
               array(select k.slug from article_actors x join actors k on k.id = x.actor_id
                     where x.article_id = a.id and k.status <> 'REJECTED' order by k.slug) as actors,
               array(select c.slug from article_conflicts x join conflicts c on c.id = x.conflict_id
                     where x.article_id = a.id order by c.slug) as conflicts,
               array(select p.key from article_places x join places p on p.id = x.place_id
                     where x.article_id = a.id order by p.key) as places
        from articles a left join article_stories s on s.article_id = a.id order by a.id`,
    { id: col.int, externalId: col.text, publishedOn: col.text, story: col.nullable(col.int), sources: col.texts, actors: col.texts, conflicts: col.texts, places: col.texts },
  );
  return rows.map((row) => ({ ...row, story: row.story == null ? `a${row.id}` : `s${row.story}` }));
}

const unitOf = (article: Stored, unit: Unit) => (unit === 'STORY' ? article.story : `a${article.id}`);

/** How many units (articles or stories) have an article in `list`. */
const countIn = (list: Stored[], unit: Unit) => new Set(list.map((a) => unitOf(a, unit))).size;

/** For each value that `valuesOf` gives the articles, how many units have an article with it. */
function countBy(list: Stored[], valuesOf: (a: Stored) => string[], unit: Unit): Record<string, number> {
  const units = new Map<string, Set<string>>();
  for (const article of list) {
    for (const value of new Set(valuesOf(article))) {
      units.set(value, (units.get(value) ?? new Set()).add(unitOf(article, unit)));
    }
  }
  return Object.fromEntries([...units].map(([value, set]) => [value, set.size]));
}

/** The association of `actor` with every other actor named with it in `list`: [shared, jaccard, pmi]. */
function association(list: Stored[], actor: string, unit: Unit): Record<string, [number, number, number]> {
  const n = countIn(list, unit);
  const naming = countBy(list, (a) => a.actors, unit);
  const shared = countBy(list.filter((a) => a.actors.includes(actor)), (a) => a.actors.filter((b) => b !== actor), unit);
  return Object.fromEntries(
    Object.entries(shared).map(([other, both]) => {
      const [x, y] = [naming[actor]!, naming[other]!];
      return [other, [both, both / (x + y - both), Math.log2((both * n) / (x * y))]];
    }),
  );
}

const month = (a: Stored) => [a.publishedOn.slice(0, 7)];
const STATUSES = 'status: [CURATED, PROVISIONAL]';

describe.each(backends)('counting by story on %s', (backend) => {
  let database: TestDatabase;
  let client: ReturnType<typeof testClient>;
  let stored: Stored[];
  /** The conflict and the actor with the most articles. */
  let conflict: string;
  let actor: string;
  /** The place named in the most articles, by key. */
  let place: string;

  beforeAll(async () => {
    database = await openTestDatabase(backend, { seed: false });
    client = testClient(database);
    const ingestor = createIngestor(database.database.db, database.linker);
    for (const text of texts) await ingestor.ingestText(text);
    // The last article of the largest story loses its story row.
    const before = await storedArticles(database);
    const sizes = countBy(before, (a) => [a.story], 'ARTICLE');
    const largest = Object.keys(sizes).sort((x, y) => sizes[y]! - sizes[x]!)[0]!;
    const last = before.filter((a) => a.story === largest).at(-1)!;
    await database.database.db.execute(sql`delete from article_stories where article_id = ${last.id}`);
    stored = await storedArticles(database);
    const most = (values: Record<string, number>) => Object.keys(values).sort((x, y) => values[y]! - values[x]! || x.localeCompare(y))[0]!;
    conflict = most(countBy(stored, (a) => a.conflicts, 'ARTICLE'));
    actor = most(countBy(stored, (a) => a.actors, 'ARTICLE'));
    place = most(countBy(stored, (a) => a.places, 'ARTICLE'));
  });
  afterAll(() => database?.close());

  it('has fewer stories than articles, and an article without a story', () => {
    expect(countIn(stored, 'STORY')).toBeLessThan(stored.length);
    expect(stored.filter((a) => a.story.startsWith('a'))).toHaveLength(1);
    const ofConflict = stored.filter((a) => a.conflicts.includes(conflict));
    expect(countIn(ofConflict, 'STORY')).toBeLessThan(ofConflict.length);
  });

  it('counts stories per month in timelines, in the set and in the corpus; articles as before', async () => {
    const fields = 'period articleCount corpusArticleCount share';
    const data = await client.query(
      `query ($conflict: String!, $actor: String!, $place: String!, $filter: ArticleFilter) {
        corpus: articles { timeline(unit: STORY) { ${fields} } }
        place(key: $place) { stories: timeline(unit: STORY) { ${fields} } articles: timeline { ${fields} } filtered: timeline(unit: STORY, filter: $filter) { ${fields} } }
        actor(slug: $actor) { timeline(unit: STORY) { ${fields} } articles(filter: $filter) { timeline(unit: STORY) { ${fields} } } }
        filtered: articles(filter: $filter) { timeline(unit: STORY) { ${fields} } }
        conflict(slug: $conflict) {
          stories: timeline(unit: STORY) { ${fields} }
          articles: timeline(unit: ARTICLE) { ${fields} }
          byDefault: timeline { ${fields} }
        }
      }`,
      { conflict, actor, place, filter: { conflicts: { any: [conflict] } } },
    );
    const ofConflict = stored.filter((a) => a.conflicts.includes(conflict));
    const ofActor = stored.filter((a) => a.actors.includes(actor));
    const ofPlace = stored.filter((a) => a.places.includes(place));
    for (const [buckets, list, unit] of [
      [data.corpus.timeline, stored, 'STORY'],
      [data.filtered.timeline, ofConflict, 'STORY'],
      [data.conflict.stories, ofConflict, 'STORY'],
      [data.conflict.articles, ofConflict, 'ARTICLE'],
      [data.actor.timeline, ofActor, 'STORY'],
      [data.actor.articles.timeline, ofActor.filter((a) => a.conflicts.includes(conflict)), 'STORY'],
      [data.place.stories, ofPlace, 'STORY'],
      [data.place.articles, ofPlace, 'ARTICLE'],
      [data.place.filtered, ofPlace.filter((a) => a.conflicts.includes(conflict)), 'STORY'],
    ] as const) {
      const expected = countBy(list, month, unit);
      const corpus = countBy(stored, month, unit);
      expect(buckets.filter((b: any) => b.articleCount > 0).map((b: any) => b.period)).toEqual(Object.keys(expected).sort());
      for (const bucket of buckets) {
        expect(bucket.articleCount).toBe(expected[bucket.period] ?? 0);
        expect(bucket.corpusArticleCount).toBe(corpus[bucket.period] ?? 0);
      }
    }
    expect(data.conflict.byDefault).toEqual(data.conflict.articles);
    expect(data.filtered.timeline).toEqual(data.conflict.stories);
    expect(data.conflict.stories.some((b: any, i: number) => b.articleCount < data.conflict.articles[i].articleCount)).toBe(true);
  });

  it('counts stories in every facet, of the corpus and of a conflict; articles as before', async () => {
    const facets = (unit: string) => `facets${unit} {
      actors(first: 100, ${STATUSES}) { articleCount actor { slug } }
      conflicts(first: 100) { articleCount conflict { slug } }
      sources(first: 100) { articleCount source }
      months(first: 100) { articleCount month } }`;
    const data = await client.query(
      `query ($conflict: String!) {
        corpus: articles { stories: ${facets('(unit: STORY)')} articles: ${facets('(unit: ARTICLE)')} byDefault: ${facets('')} }
        conflict(slug: $conflict) { articles { stories: ${facets('(unit: STORY)')} articles: ${facets('(unit: ARTICLE)')} } }
      }`,
      { conflict },
    );
    const asMap = (list: any[], key: (row: any) => string) => Object.fromEntries(list.map((row) => [key(row), row.articleCount]));
    const ofConflict = stored.filter((a) => a.conflicts.includes(conflict));
    for (const [answer, list] of [
      [data.corpus, stored],
      [data.conflict.articles, ofConflict],
    ] as const) {
      for (const unit of ['STORY', 'ARTICLE'] as const) {
        const got = unit === 'STORY' ? answer.stories : answer.articles;
        expect(asMap(got.actors, (r) => r.actor.slug)).toEqual(countBy(list, (a) => a.actors, unit));
        expect(asMap(got.conflicts, (r) => r.conflict.slug)).toEqual(countBy(list, (a) => a.conflicts, unit));
        expect(asMap(got.sources, (r) => r.source)).toEqual(countBy(list, (a) => a.sources, unit));
        expect(asMap(got.months, (r) => r.month)).toEqual(countBy(list, month, unit));
        const counts = got.actors.map((r: any) => r.articleCount);
        expect(counts).toEqual([...counts].sort((x, y) => y - x));
      }
    }
    expect(data.corpus.byDefault).toEqual(data.corpus.articles);
    expect(data.corpus.stories.sources).not.toEqual(data.corpus.articles.sources);
  });

  it('counts co-actors, Jaccard and PMI in stories, over all time, a conflict and a period; articles as before', async () => {
    const list = (args: string) => `coActors(first: 100, ${STATUSES}, ${args}) { articleCount jaccard pmi actor { slug } }`;
    const period = { from: stored.map((a) => a.publishedOn).sort()[Math.floor(stored.length / 3)]!, to: '2030-12-31' };
    const data = await client.query(
      `query ($actor: String!, $conflict: ID!, $from: Date!, $to: Date!) { actor(slug: $actor) {
        stories: ${list('unit: STORY')}
        ranked: ${list('unit: STORY, orderBy: PMI')}
        inConflict: ${list('unit: STORY, conflict: $conflict')}
        inPeriod: ${list('unit: STORY, from: $from, to: $to')}
        articles: ${list('unit: ARTICLE')}
        articlesInConflict: ${list('unit: ARTICLE, conflict: $conflict')}
        byDefault: ${list('orderBy: ARTICLE_COUNT')}
      } }`,
      { actor, conflict, ...period },
    );
    const asMap = (rows: any[]) => Object.fromEntries(rows.map((row) => [row.actor.slug, [row.articleCount, row.jaccard, row.pmi]]));
    const inConflict = stored.filter((a) => a.conflicts.includes(conflict));
    const inPeriod = stored.filter((a) => a.publishedOn >= period.from && a.publishedOn <= period.to);
    const { actor: answer } = data;
    for (const [rows, list, unit] of [
      [answer.stories, stored, 'STORY'],
      [answer.ranked, stored, 'STORY'],
      [answer.inConflict, inConflict, 'STORY'],
      [answer.inPeriod, inPeriod, 'STORY'],
      [answer.articles, stored, 'ARTICLE'],
      [answer.articlesInConflict, inConflict, 'ARTICLE'],
    ] as const) {
      const expected = association(list, actor, unit);
      const got = asMap(rows);
      expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
      for (const [slug, [count, jaccard, pmi]] of Object.entries(expected)) {
        expect(got[slug]![0]).toBe(count);
        expect(got[slug]![1]).toBeCloseTo(jaccard, 12);
        expect(got[slug]![2]).toBeCloseTo(pmi, 12);
      }
    }
    expect(answer.byDefault).toEqual(answer.articles);
    expect(Object.keys(asMap(answer.stories)).length).toBeGreaterThan(1);
  });

  it('counts a conflict network in stories, nodes, edges, minArticles and measures; articles as before', async () => {
    const network = (args: string) =>
      `network(first: 100, ${STATUSES}${args}) { nodes { articleCount actor { slug } } edges { source { slug } target { slug } weight jaccard pmi } }`;
    const data = await client.query(
      `query ($conflict: String!) { conflict(slug: $conflict) {
        stories: ${network(', unit: STORY')} strong: ${network(', unit: STORY, minArticles: 2')}
        articles: ${network(', unit: ARTICLE')} byDefault: ${network('')} } }`,
      { conflict },
    );
    const list = stored.filter((a) => a.conflicts.includes(conflict));
    for (const unit of ['STORY', 'ARTICLE'] as const) {
      const answer = unit === 'STORY' ? data.conflict.stories : data.conflict.articles;
      const naming = countBy(list, (a) => a.actors, unit);
      expect(Object.fromEntries(answer.nodes.map((n: any) => [n.actor.slug, n.articleCount]))).toEqual(naming);
      const edges: Record<string, [number, number, number]> = {};
      for (const slug of Object.keys(naming)) {
        for (const [other, measures] of Object.entries(association(list, slug, unit))) {
          if (slug < other) edges[`${slug} ${other}`] = measures;
        }
      }
      const got = Object.fromEntries(
        answer.edges.map((e: any) => [[e.source.slug, e.target.slug].sort().join(' '), [e.weight, e.jaccard, e.pmi]]),
      );
      expect(Object.keys(got).sort()).toEqual(Object.keys(edges).sort());
      for (const [key, [weight, jaccard, pmi]] of Object.entries(edges)) {
        expect(got[key][0]).toBe(weight);
        expect(got[key][1]).toBeCloseTo(jaccard, 12);
        expect(got[key][2]).toBeCloseTo(pmi, 12);
      }
      if (unit === 'STORY') {
        const strong = data.conflict.strong;
        expect(strong.nodes.map((n: any) => n.actor.slug).sort()).toEqual(Object.keys(naming).filter((slug) => naming[slug]! >= 2).sort());
        expect(strong.edges.every((e: any) => e.weight >= 2)).toBe(true);
        expect(strong.edges.length).toBe(Object.values(edges).filter(([weight]) => weight >= 2).length);
      }
    }
    expect(data.conflict.byDefault).toEqual(data.conflict.articles);
  });

  /** The representative of each story among `list`: its earliest article, first published, then first stored. */
  function representatives(list: Stored[]): Stored[] {
    const first = new Map<string, Stored>();
    for (const article of [...list].sort((x, y) => x.publishedOn.localeCompare(y.publishedOn) || x.id - y.id)) {
      if (!first.has(article.story)) first.set(article.story, article);
    }
    return [...first.values()];
  }

  /**
   * Every page of a list of distinct stories, `size` at a time, by cursor: the root list when
   * `parent` is null, else the list of the conflict or actor of that slug; with `filter`.
   */
  async function pages(parent: 'conflict' | 'actor' | 'place' | null, slug: string, filter: unknown, size: number) {
    const nodes: any[] = [];
    const totals: number[] = [];
    let after: string | null = null;
    const list = `articles(first: ${size}, after: $after, distinctStories: true, filter: $filter) {
      totalCount edges { node { id externalId publishedOn story { id } } } pageInfo { hasNextPage endCursor } }`;
    const operation = parent
      ? `query ($after: String, $slug: String!, $filter: ArticleFilter) { ${parent}(${parent === 'place' ? 'key' : 'slug'}: $slug) { ${list} } }`
      : `query ($after: String, $filter: ArticleFilter) { ${list} }`;
    for (;;) {
      const data: any = await client.query(operation, parent ? { after, slug, filter } : { after, filter });
      const connection: any = parent ? data[parent].articles : data.articles;
      nodes.push(...connection.edges.map((e: any) => e.node));
      totals.push(connection.totalCount);
      if (!connection.pageInfo.hasNextPage) return { nodes, totals };
      after = connection.pageInfo.endCursor;
    }
  }

  it('lists one article a story, its earliest in the list, paging through every story exactly once', async () => {
    const lists = [
      { parent: null, slug: 'x', filter: null, list: stored },
      { parent: 'conflict', slug: conflict, filter: null, list: stored.filter((a) => a.conflicts.includes(conflict)) },
      { parent: 'actor', slug: actor, filter: null, list: stored.filter((a) => a.actors.includes(actor)) },
      { parent: 'place', slug: place, filter: null, list: stored.filter((a) => a.places.includes(place)) },
      // A filter that leaves out the first article of a story: its next one in the list stands for it.
      { parent: null, slug: 'x', filter: { sources: ['AFP'] }, list: stored.filter((a) => a.sources.includes('AFP')) },
      { parent: 'conflict', slug: conflict, filter: { sources: ['AFP'] }, list: stored.filter((a) => a.conflicts.includes(conflict) && a.sources.includes('AFP')) },
    ] as const;
    for (const { parent, slug, filter, list } of lists) {
      const { nodes, totals } = await pages(parent, slug, filter, 2);
      const expected = representatives(list);
      expect(totals.every((total) => total === expected.length)).toBe(true);
      expect(nodes.map((n: any) => n.externalId).sort()).toEqual(expected.map((a) => a.externalId).sort());
      const dates = nodes.map((n: any) => n.publishedOn);
      expect(dates).toEqual([...dates].sort().reverse());
      expect(new Set(nodes.map((n: any) => n.story?.id ?? n.id)).size).toBe(nodes.length);
    }
    const ofConflict = lists[1].list;
    expect(representatives(ofConflict).length).toBeLessThan(ofConflict.length);
    const firsts = new Set(representatives(stored).map((a) => a.id));
    expect(representatives(lists[4].list).some((a) => !firsts.has(a.id))).toBe(true);
  });

  it('lists one article a story of a search, best match first, its earliest match standing for it', async () => {
    const filter = { search: 'Charkiv OR Houthi OR Idlib' };
    const all = await client.query(`query ($filter: ArticleFilter) { articles(filter: $filter, first: 100) { edges { node { externalId } } } }`, { filter });
    const matches = new Set(all.articles.edges.map((e: any) => e.node.externalId));
    const expected = representatives(stored.filter((a) => matches.has(a.externalId)));
    expect(expected.length).toBeLessThan(matches.size);
    const { nodes, totals } = await pages(null, '', filter, 2);
    expect(totals.every((total) => total === expected.length)).toBe(true);
    expect(nodes.map((n: any) => n.externalId).sort()).toEqual(expected.map((a) => a.externalId).sort());
  });

  it('pages a list of distinct stories backward and oldest first as well', async () => {
    const expected = representatives(stored);
    const data = await client.query(`{
      oldest: articles(orderBy: OLDEST, distinctStories: true, first: 100) { edges { node { externalId } } }
      last: articles(distinctStories: true, last: 3) { edges { node { externalId } } pageInfo { startCursor } }
      all: articles(distinctStories: true, first: 100) { edges { node { externalId } } }
    }`);
    const all = data.all.edges.map((e: any) => e.node.externalId);
    expect(data.oldest.edges.map((e: any) => e.node.externalId).sort()).toEqual(expected.map((a) => a.externalId).sort());
    expect(data.last.edges.map((e: any) => e.node.externalId)).toEqual(all.slice(-3));
    const before = await client.query(`query ($before: String) { articles(distinctStories: true, last: 100, before: $before) { edges { node { externalId } } } }`, {
      before: data.last.pageInfo.startCursor,
    });
    expect(before.articles.edges.map((e: any) => e.node.externalId)).toEqual(all.slice(0, -3));
  });

  it('costs as many statements for 20 parents as for 2, one list per request', async () => {
    const operations = [
      `query ($first: Int!) { conflicts(first: $first) { edges { node {
        articles(first: 3, distinctStories: true) { totalCount edges { node { id } } }
        timeline(unit: STORY) { articleCount corpusArticleCount }
        network(unit: STORY) { nodes { articleCount } edges { weight jaccard } } } } } }`,
      `query ($first: Int!) { actors(first: $first) { edges { node {
        articles(first: 3, distinctStories: true, filter: { sources: ["ANP"] }) { totalCount edges { node { id } } facets(unit: STORY) { months { articleCount } } }
        timeline(unit: STORY) { articleCount }
        coActors(unit: STORY) { articleCount jaccard pmi } } } } }`,
      `query ($first: Int!) { articles(first: $first, distinctStories: true) { totalCount edges { node { id } }
        timeline(unit: STORY) { articleCount } facets(unit: STORY) { actors { articleCount } sources { articleCount } } } }`,
    ];
    for (const operation of operations) {
      const count = async (first: number) => {
        database.sqlLog.length = 0;
        const data = await client.query(operation, { first });
        return { statements: database.sqlLog.length, rows: (data.conflicts ?? data.actors ?? data.articles).edges.length };
      };
      await count(2);
      const small = await count(2);
      const large = await count(20);
      expect(large.rows).toBeGreaterThan(small.rows);
      expect(large.statements).toBe(small.statements);
    }
  });
});
