import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { col, selectRows } from '../src/db/rows.js';
import { evaluateStories, loadCopySet } from '../src/evaluation/copies.js';
import { createIngestor } from '../src/ingest/ingest.js';
import { relinkAll } from '../src/ingest/relink.js';
import { parseArticle } from '../src/corpus/parse.js';
import { linkArticle } from '../src/ingest/link.js';
import { storeArticle } from '../src/ingest/store.js';
import { testClient } from './helpers/app.js';
import { backends, openTestDatabase, postgresUrl, waitForLockWait, type TestDatabase } from './helpers/db.js';

/*
 * Stories are grouped at ingest as the evaluation groups them (corpus/stories.ts), whatever the
 * order or the concurrency of the ingests, and regrouped when an article's text or links change.
 * Texts: test/fixtures/copies (written for the evaluation).
 */

const dir = fileURLToPath(new URL('./fixtures/copies/', import.meta.url));
const texts = readdirSync(dir)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => ({ externalId: name.slice(0, -4), text: readFileSync(`${dir}${name}`, 'utf8') }));

/** A grouping as sorted lists of sorted external ids, to compare groupings whatever their ids. */
const canonical = (groups: string[][]) => groups.map((g) => [...g].sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));

async function storedGroups(database: TestDatabase): Promise<string[][]> {
  const rows = await selectRows(
    database.database.db,
    sql`select a.external_id as "externalId", s.story_id as story from articles a join article_stories s on s.article_id = a.id`,
    { externalId: col.text, story: col.int },
  );
  const groups = new Map<number, string[]>();
  for (const row of rows) groups.set(row.story, [...(groups.get(row.story) ?? []), row.externalId]);
  return canonical([...groups.values()]);
}

async function expectedGroups(database: TestDatabase): Promise<string[][]> {
  const set = await loadCopySet(dir, (input) => {
    const links = database.linker.linkWithUnknown(input);
    return { conflicts: links.conflicts.map((c) => c.slug), actors: [...links.actors.map((a) => a.slug), ...links.provisional.map((p) => p.key)] };
  });
  return canonical(evaluateStories(set).groups);
}

/** Counts that must hold after every write: a story per article, no empty story, no term lock left. */
async function invariants(database: TestDatabase) {
  const [row] = await selectRows(
    database.database.db,
    sql`select (select count(*) from articles)::int as articles, (select count(*) from article_stories)::int as grouped,
               (select count(*) from stories s where not exists (select from article_stories a where a.story_id = s.id))::int as empty,
               (select count(*) from story_term_locks)::int as locks,
               (select count(*) from story_terms)::int as terms,
               (select coalesce(sum(cardinality(terms)), 0) from article_stories)::int as "storedTerms"`,
    { articles: col.int, grouped: col.int, empty: col.int, locks: col.int, terms: col.int, storedTerms: col.int },
  );
  return row!;
}

describe.each(backends)('stories grouped at ingest on %s', (backend) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase(backend, { seed: false });
  });
  afterAll(() => database?.close());

  it('stores, ingesting in file order, the grouping the evaluation computes', async () => {
    const ingestor = createIngestor(database.database.db, database.linker);
    for (const text of texts) await ingestor.ingestText(text);
    const expected = await expectedGroups(database);
    expect(expected.length).toBeGreaterThan(3);
    expect(expected.some((g) => g.length > 1)).toBe(true);
    expect(await storedGroups(database)).toEqual(expected);
    const counts = await invariants(database);
    expect(counts).toMatchObject({ articles: texts.length, grouped: texts.length, empty: 0, locks: 0 });
    expect(counts.terms).toBe(counts.storedTerms);
  });

  it('regroups an article whose text changes, and deletes the story it leaves empty', async () => {
    const ingestor = createIngestor(database.database.db, database.linker);
    const before = await storedGroups(database);
    // A text of another story under the id of a story's only article: it moves, its old story goes.
    const single = before.find((g) => g.length === 1)!;
    const other = before.find((g) => g.length > 2)!;
    const source = texts.find((t) => t.externalId === other[0])!;
    const result = await ingestor.ingestText({ externalId: single[0]!, text: source.text.replace(/\n\n/, '\n\nOok dit nog. ') });
    expect(result.status).toBe('UPDATED');
    const after = await storedGroups(database);
    expect(after.find((g) => g.includes(other[0]!))).toEqual([...other, single[0]!].sort());
    expect(after.length).toBe(before.length - 1);
    expect(await invariants(database)).toMatchObject({ grouped: texts.length, empty: 0, locks: 0 });
    // Back to its own text: the grouping is the evaluation's again.
    await ingestor.ingestText(texts.find((t) => t.externalId === single[0])!);
    expect(await storedGroups(database)).toEqual(await expectedGroups(database));
  });

  it('regroups on a relink, and groups articles stored before stories were kept', async () => {
    const db = database.database.db;
    const expected = await expectedGroups(database);
    await db.execute(sql`delete from story_terms`);
    await db.execute(sql`delete from article_stories`);
    await db.execute(sql`delete from stories`);
    await relinkAll(db, database.linker, () => {}, 4);
    expect(await storedGroups(database)).toEqual(expected);
    // A relink of articles that have a story: they leave and join again, the grouping stays.
    await relinkAll(db, database.linker, () => {}, 5);
    expect(await storedGroups(database)).toEqual(expected);
    const counts = await invariants(database);
    expect(counts).toMatchObject({ grouped: texts.length, empty: 0, locks: 0 });
    expect(counts.terms).toBe(counts.storedTerms);
  });
});

// Written for this test: six reports of one made-up event, each worded anew, so that they share
// names but (almost) no three-word shingle: no copies, and hardly a shared band, so nothing but the
// term locks orders their transactions. Such events, months apart, are stored at once.
const FOLLOW_UPS = [
  'Bij een ontploffing in de haven van {A} zijn dinsdag zeker negen mensen gewond geraakt. De burgemeester sprak van een zware klap. Ook in {B} waren ruiten gesprongen.',
  'De burgemeester van {A} heeft dinsdagmiddag een crisisberaad belegd. De schade aan de kades blijkt groter dan eerst gedacht, en uit {B} kwamen extra brandweerlieden.',
  'Het havenbedrijf laat weten dat de terminal in {A} voorlopig dicht blijft. Schepen worden omgeleid naar {B}, waar de drukte snel toeneemt, en naar {C}.',
  'Onderzoekers vermoeden een lek in een gasleiding onder terminal vier. Het stadsbestuur wil binnen een week weten wat er in {A} misging; inwoners van {B} eisen opheldering.',
  'Twee gewonden uit {A} liggen nog op de intensive care in {B}. Volgens de politie is het gevaar geweken, al blijft het terrein bij {C} afgesloten voor publiek.',
  'Honderden inwoners van {A} kwamen woensdagavond samen bij het stadhuis om de slachtoffers te herdenken. Ook uit {B} en {C} reisden mensen af.',
];
// Made-up places, three an event; events two months apart (beyond the copy window: the reports of
// two events are worded alike). Many events: each is a chance for the race the test looks for.
const EVENT_COUNT = 20;
const place = (i: number) => `${['Vel', 'Tar', 'Odra', 'Brun', 'Holt', 'Zee', 'Kes', 'Lum', 'Port', 'Gren'][i % 10]}${['mora', 'skin', 'vik', 'vaal', 'weerd', 'linge', 'drune'][Math.floor(i / 10)]}`;
const EVENTS = Array.from({ length: EVENT_COUNT }, (_, e) => {
  const month = String(1 + ((2 * e) % 12)).padStart(2, '0');
  const year = 2019 + Math.floor((2 * e) / 12);
  return { month: `${year}-${month}`, day: `10/${month}/${year % 100}`, A: place(3 * e), B: place(3 * e + 1), C: place(3 * e + 2) };
});
const eventTexts = EVENTS.flatMap((event, e) =>
  FOLLOW_UPS.map((template, i) => {
    const body = template.replace(/\{([ABC])\}/g, (_, key: 'A' | 'B' | 'C') => event[key]);
    return { externalId: `event-${e}-${i}`, event: e, text: ` date ${event.month} Nieuws uit ${event.A}, bericht ${i + 1}\n\n${event.day} - 1${i}u00 Bron: ANP\n\n${body}\n` };
  }),
);

describe.each(backends)('stories under concurrent ingest on %s', (backend) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase(backend, { seed: false });
  });
  afterAll(() => database?.close());

  it('groups reports of one event stored at the same moment by separate transactions as one story', async () => {
    const ingestor = createIngestor(database.database.db, database.linker);
    // All at once, on Postgres on several connections: without the term locks, two reports of one
    // event committed together do not see each other and start two stories.
    await Promise.all(eventTexts.map((text) => ingestor.ingestText(text)));
    const expected = canonical(EVENTS.map((_, e) => eventTexts.filter((t) => t.event === e).map((t) => t.externalId)));
    expect(await storedGroups(database)).toEqual(expected);
    const [copies] = await selectRows(database.database.db, sql`select count(*)::int as count from article_copies`, { count: col.int });
    expect(copies!.count).toBe(0);
    expect(await invariants(database)).toMatchObject({ articles: eventTexts.length, grouped: eventTexts.length, empty: 0, locks: 0 });
  });

  it('groups the fixture set under concurrent ingest as the evaluation does', async () => {
    const ingestor = createIngestor(database.database.db, database.linker);
    await Promise.all(texts.map((text) => ingestor.ingestText(text)));
    const expected = await expectedGroups(database);
    const stored = await storedGroups(database);
    expect(stored.filter((g) => !g[0]!.startsWith('event-'))).toEqual(expected);
  });
});

describe.skipIf(!postgresUrl)('two writers of one story at the same moment on Postgres (needs TEST_DATABASE_URL)', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase('postgres', { seed: false });
  });
  afterAll(() => database?.close());

  it('makes the second writer wait for the first to commit, then join its story', async () => {
    const db = database.database.db;
    const stored = (externalId: string) => {
      const article = parseArticle(eventTexts.find((t) => t.externalId === externalId)!);
      return storeArticle(db, article, linkArticle(database.linker, article));
    };
    // Two reports of one event that share no band key: nothing but the term locks orders them.
    const [first, second] = ['event-0-0', 'event-0-5'];
    let secondDone = false;
    let secondWrite: Promise<unknown> = Promise.resolve();
    await db.transaction(async (tx) => {
      const article = parseArticle(eventTexts.find((t) => t.externalId === first)!);
      await storeArticle(tx, article, linkArticle(database.linker, article));
      secondWrite = stored(second).then(() => (secondDone = true));
      await waitForLockWait(database.database.db);
      expect(secondDone).toBe(false);
    });
    await secondWrite;
    expect(await storedGroups(database)).toEqual([[first, second]]);
    const [shared] = await selectRows(
      db,
      sql`select count(*)::int as count from article_bands a join article_bands b on a.band_key = b.band_key and a.article_id < b.article_id`,
      { count: col.int },
    );
    expect(shared!.count).toBe(0);
  });
});

const STORY_FIELDS = /* GraphQL */ `
  fragment StoryFields on Story {
    id
    title
    articleCount
    firstPublishedOn
    lastPublishedOn
    sources
    representative { externalId publishedOn }
    articles(first: 2) { totalCount edges { node { externalId publishedOn } } pageInfo { hasNextPage endCursor } }
    actors(first: 5) { articleCount actor { slug } }
    conflicts { articleCount conflict { slug } }
  }
`;

describe.each(backends)('stories in the API on %s', (backend) => {
  let database: TestDatabase;
  let client: ReturnType<typeof testClient>;

  beforeAll(async () => {
    database = await openTestDatabase(backend, { seed: false });
    client = testClient(database);
    const ingestor = createIngestor(database.database.db, database.linker);
    for (const text of texts) await ingestor.ingestText(text);
  });
  afterAll(() => database?.close());

  it('serves the story of an article as a node: its articles oldest first, span, outlets, representative, actors and conflicts', async () => {
    const expected = (await expectedGroups(database)).find((g) => g.includes('d1a-kharkiv-markt-anp'))!;
    const data = await client.query(`query ($id: String!) { article(externalId: $id) { story { ...StoryFields } } } ${STORY_FIELDS}`, {
      id: 'd1a-kharkiv-markt-anp',
    });
    const story = data.article.story;
    expect(story.articleCount).toBe(expected.length);
    expect(story.articles.totalCount).toBe(expected.length);
    const dates = story.articles.edges.map((e: { node: { publishedOn: string } }) => e.node.publishedOn);
    expect(dates).toEqual([...dates].sort());
    expect(story.articles.edges[0].node).toEqual(story.representative);
    expect(story.firstPublishedOn).toBe(story.representative.publishedOn);
    expect(story.lastPublishedOn >= story.firstPublishedOn).toBe(true);
    expect(story.sources.length).toBeGreaterThan(0);
    expect(story.sources).toEqual([...story.sources].sort());
    expect(story.actors.length).toBeGreaterThan(0);
    for (const { articleCount } of [...story.actors, ...story.conflicts]) expect(articleCount).toBeGreaterThanOrEqual(1);

    // The rest of the articles by cursor, and the same story again through node(id).
    const rest = await client.query(`query ($id: ID!, $after: String) { node(id: $id) { ... on Story { articles(first: 100, after: $after) { edges { node { externalId } } } } } }`, {
      id: story.id,
      after: story.articles.pageInfo.endCursor,
    });
    const all = [...story.articles.edges, ...rest.node.articles.edges].map((e: { node: { externalId: string } }) => e.node.externalId);
    expect(all.sort()).toEqual(expected);
  });

  it('lists the stories of the corpus, of a filter, and of a conflict and an actor, newest first, with totals', async () => {
    const expected = await expectedGroups(database);
    const data = await client.query(`{ stories(first: 100) { totalCount edges { node { id lastPublishedOn articleCount } } } }`);
    expect(data.stories.totalCount).toBe(expected.length);
    const lasts = data.stories.edges.map((e: { node: { lastPublishedOn: string } }) => e.node.lastPublishedOn);
    expect(lasts).toEqual([...lasts].sort().reverse());
    expect(data.stories.edges.map((e: { node: { articleCount: number } }) => e.node.articleCount).sort()).toEqual(expected.map((g) => g.length).sort());

    const page = await client.query(`{ stories(first: 2) { edges { node { id } } pageInfo { endCursor } } }`);
    const next = await client.query(`query ($after: String) { stories(first: 100, after: $after) { edges { node { id } } } }`, { after: page.stories.pageInfo.endCursor });
    expect([...page.stories.edges, ...next.stories.edges].map((e: { node: { id: string } }) => e.node.id)).toEqual(data.stories.edges.map((e: { node: { id: string } }) => e.node.id));

    const story = await client.query(`{ article(externalId: "d1a-kharkiv-markt-anp") { story { id conflicts { conflict { slug } } actors(first: 1) { actor { slug } } } } }`);
    const { id, conflicts, actors } = story.article.story;
    const scoped = await client.query(
      `query ($conflict: ID!, $conflictSlug: String!, $actor: String!) {
        conflict(slug: $conflictSlug) { stories(first: 100) { totalCount edges { node { id } } } }
        actor(slug: $actor) { stories(first: 100) { totalCount edges { node { id } } } }
        filtered: stories(filter: { conflicts: { any: [$conflict] } }, first: 100) { totalCount edges { node { id } } }
      }`,
      { conflict: conflicts[0].conflict.slug, conflictSlug: conflicts[0].conflict.slug, actor: actors[0].actor.slug },
    );
    for (const list of [scoped.conflict.stories, scoped.actor.stories, scoped.filtered]) {
      expect(list.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(id);
      expect(list.totalCount).toBe(list.edges.length);
    }
    expect(scoped.filtered.totalCount).toBe(scoped.conflict.stories.totalCount);
  });

  it('refuses bad page sizes, cursors and list sizes with a clear error naming the argument', async () => {
    const tooMany = await client.fail(`{ stories(first: 101) { totalCount } }`);
    expect(tooMany.code).toBe('BAD_USER_INPUT');
    expect(tooMany.message).toMatch(/`first` must be between 1 and 100/);
    const cursor = await client.fail(`{ stories(after: "nonsense") { totalCount } }`);
    expect(cursor.message).toMatch(/`after` is not a cursor of this list/);
    const actors = await client.fail(`{ article(externalId: "d1a-kharkiv-markt-anp") { story { actors(first: 0) { articleCount } } } }`);
    expect(actors.message).toMatch(/`first` must be between 1 and 100, got 0/);
  });

  it('loads the stories of a whole page in a constant number of statements', async () => {
    // One list per request: two lists side by side reach the story loaders in one batch or in
    // two, as their statements happen to finish, so only one list's count is fixed.
    const PAGES = [
      `query Page($first: Int!) { articles(first: $first) { edges { node { id story { ...StoryFields } } } } } ${STORY_FIELDS}`,
      `query Page($first: Int!) { stories(first: $first) { edges { node { ...StoryFields } } } } ${STORY_FIELDS}`,
    ];
    for (const page of PAGES) {
      const count = async (first: number) => {
        database.sqlLog.length = 0;
        const data = await client.query(page, { first });
        const edges = (data.articles ?? data.stories).edges;
        return { statements: database.sqlLog.length, rows: edges.length };
      };
      // Once first: a connection the pool opens for it sends the driver's own type look-ups, which are no statements of the page.
      await count(2);
      const small = await count(2);
      const large = await count(20);
      expect(large.rows).toBeGreaterThan(small.rows);
      expect(large.statements).toBe(small.statements);
    }
  });
});
