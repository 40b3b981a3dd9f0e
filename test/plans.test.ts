import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorProfileFloor, conflictTraversalFloor } from '../src/bench/floor.js';
import { col, selectRows } from '../src/db/rows.js';
import { testClient } from './helpers/app.js';
import { contractOperation } from './helpers/contract.js';
import { openTestDatabase, postgresUrl, type LoggedTestDatabase } from './helpers/db.js';

// The plans of the statements the contract operations send, on Postgres. A database of a few
// rows gets seq scans whatever the indexes, so this test fills its own database with enough
// rows (generate_series, then ANALYZE) for the planner to choose as it would on a large corpus.
// We chose real statistics over `enable_seqscan = off`: with seq scans merely forbidden the
// planner still finds a plan (a full index scan and a sort), and that is the failure that
// matters here, a page that is sorted after reading every row instead of read in index order.

const ARTICLES = 12_000;
/** Articles with a text vector too large to stay in the row by default. */
const LONG_ARTICLES = 200;
/** Large tables no paged statement may scan from end to end. */
const LARGE = ['articles', 'mentions', 'article_actors', 'article_conflicts', 'article_places'];
/** Places spread over the globe; each article names two, long-tailed like the actors. */
const PLACES = 400;

// Long-tailed links like a real corpus: a few actors and conflicts in many articles (random()
// cubed picks low positions often), most in few. About 8 actors and 1.7 conflicts per article.
// Written in transactions of CHUNK articles: the counters' upkeep takes a lock per article it
// recounts, held to commit, and Postgres's lock table holds some 6,400 (64 per connection).
const CHUNK = 1_000;
const UNLINKED = `a.id in (select b.id from articles b where not exists (select 1 from article_actors x where x.article_id = b.id))`;
const fill = (from: number, to: number, seed: number) => [
  `select setseed(${seed})`,
  `insert into articles (external_id, content_hash, title, body, raw, sources, published_on, date_precision)
   select 'plan_' || n, md5('plan_' || n), 'Bericht ' || n,
          'Bericht ' || n || ' over de ' || (array['gevechten', 'wapenstilstand', 'onderhandelingen', 'aanslag', 'vluchtelingen'])[1 + n % 5]
            || case when n % 200 = 0 then ' bij Kunduz' else '' end || '.',
          '', array['Belga'], date '2010-01-01' + (n * 7919 % 5840), 'DAY'
   from generate_series(${from}, ${to}) n`,
  // Long articles whose text vectors are larger than the 2 kB beyond which Postgres moves a value
  // out of the row by default: 300 words that hardly compress, and one they all share.
  ...(from === 1
    ? [
        `insert into articles (external_id, content_hash, title, body, raw, sources, published_on, date_precision)
         select 'long_' || n, md5('long_' || n), 'Verslag ' || n,
                'Zeebrugge ' || (select string_agg('w' || left(md5(n || '_' || k), 10), ' ') from generate_series(1, 300) k),
                '', array['Belga'], date '2012-01-01' + n, 'DAY'
         from generate_series(1, ${LONG_ARTICLES}) n`,
      ]
    : []),
  `insert into article_conflicts (article_id, conflict_id, score, published_on)
   select a.id, x.ids[1 + floor(power(random(), 2) * cardinality(x.ids))::int], 0.5, a.published_on
   from articles a cross join (select array_agg(id order by id) as ids from conflicts) x cross join generate_series(1, 2) k
   where ${UNLINKED}
   on conflict do nothing`,
  `insert into article_actors (article_id, actor_id, mention_count, published_on)
   select a.id, x.ids[1 + floor(power(random(), 3) * cardinality(x.ids))::int], 2, a.published_on
   from articles a cross join (select array_agg(id order by id) as ids from actors) x cross join generate_series(1, 9) k
   where ${UNLINKED}
   on conflict do nothing`,
  `insert into article_places (article_id, place_id, mention_count, confidence, published_on)
   select a.id, x.ids[1 + floor(power(random(), 2) * cardinality(x.ids))::int], 1, 0.9, a.published_on
   from articles a cross join (select array_agg(id order by id) as ids from places) x cross join generate_series(1, 2) k
   where a.id in (select b.id from articles b where not exists (select 1 from article_places y where y.article_id = b.id))
   on conflict do nothing`,
  `insert into mentions (article_id, actor_id, start, "end", text)
   select l.article_id, l.actor_id, l.position * 20 + m.shift, l.position * 20 + m.shift + 4, 'naam'
   from (select article_id, actor_id, row_number() over (partition by article_id order by actor_id) as position from article_actors
         where article_id not in (select article_id from mentions)) l
   cross join (values (0), (10)) m(shift)`,
];

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function* nodes(plan: PlanNode): Generator<PlanNode> {
  yield plan;
  for (const child of plan.Plans ?? []) yield* nodes(child);
}

/** One line per node, indented: the plan as a failure message shows it. */
function outline(plan: PlanNode, depth = 0): string {
  const on = plan['Relation Name'] ? ` on ${plan['Relation Name']}` : '';
  const using = plan['Index Name'] ? ` using ${plan['Index Name']}` : '';
  return [`${'  '.repeat(depth)}${plan['Node Type']}${on}${using}`, ...(plan.Plans ?? []).map((p) => outline(p, depth + 1))].join('\n');
}

describe.skipIf(!postgresUrl)('query plans on Postgres', () => {
  let database: LoggedTestDatabase;
  let client: ReturnType<typeof testClient>;
  let explainer: postgres.Sql;

  beforeAll(async () => {
    database = await openTestDatabase('postgres', { seed: false });
    client = testClient(database);
    explainer = postgres(database.database.url!, { max: 1, onnotice: () => {} });
    await explainer.unsafe(`select setseed(0.17)`);
    await explainer.unsafe(`insert into places (key, kind, name, latitude, longitude, population)
      select 'plan:' || n, 'CITY', 'Plaats ' || n, -60 + random() * 130, -180 + random() * 360, 1000 + n from generate_series(1, ${PLACES}) n`);
    for (let from = 1, seed = 0.42; from <= ARTICLES; from += CHUNK, seed /= 2) {
      await explainer.begin(async (tx) => {
        for (const statement of fill(from, Math.min(ARTICLES, from + CHUNK - 1), seed)) await tx.unsafe(statement);
      });
    }
    await explainer.unsafe('vacuum analyze');
  }, 300_000);
  afterAll(async () => {
    await explainer?.end();
    await database?.close();
  });

  /** Runs a contract operation (or, with `text`, any) and returns the plan of each statement it sent, with its text. */
  async function plansOf(operation: string, variables: Record<string, unknown>, text = contractOperation(operation)) {
    database.sqlStatements.length = 0;
    await client.query(text, variables);
    const statements = [...database.sqlStatements];
    return Promise.all(
      statements.map(async ({ query, params }) => {
        const [row] = await explainer.unsafe(`explain (format json) ${query}`, params as never[]);
        const plan = (row!['QUERY PLAN'] as { Plan: PlanNode }[])[0]!.Plan;
        return { query, plan, text: `${query}\n--- plan\n${outline(plan)}` };
      }),
    );
  }

  function expectNoLargeSeqScan(plans: Awaited<ReturnType<typeof plansOf>>) {
    for (const { plan, text } of plans) {
      const scanned = [...nodes(plan)].filter((n) => n['Node Type'] === 'Seq Scan' && LARGE.includes(n['Relation Name']!));
      expect(scanned.map((n) => n['Relation Name']), text).toEqual([]);
    }
  }

  /** A page read in key order from an index: no Sort between the Limit and the scan below it. */
  function expectPageInIndexOrder(plans: Awaited<ReturnType<typeof plansOf>>, table: string) {
    const pages = plans.filter(({ plan }) =>
      [...nodes(plan)].some((n) => n['Node Type'] === 'Limit' && [...nodes(n)].some((m) => m['Relation Name'] === table)),
    );
    expect(pages.length, `no paged statement over ${table}`).toBeGreaterThan(0);
    for (const { plan, text } of pages) {
      // Only the pages over the table: a statement may carry others sent with it (selectBatched).
      for (const limit of [...nodes(plan)].filter((n) => n['Node Type'] === 'Limit' && [...nodes(n)].some((m) => m['Relation Name'] === table))) {
        expect([...nodes(limit)].map((n) => n['Node Type']), text).not.toContain('Sort');
        const scans = [...nodes(limit)].filter((n) => n['Relation Name'] === table);
        for (const scan of scans) expect(scan['Node Type'], text).toMatch(/^Index( Only)? Scan$/);
      }
    }
  }

  it('ConflictTraversal pages each conflict’s articles by a backward scan of its link index', async () => {
    const plans = await plansOf('ConflictTraversal', { conflicts: 20, articles: 10 });
    expectNoLargeSeqScan(plans);
    expectPageInIndexOrder(plans, 'article_conflicts');
  });

  it('ActorProfile pages the actor’s articles by its link index and reads co-actors precomputed', async () => {
    const plans = await plansOf('ActorProfile', { slug: 'united-states' });
    expectNoLargeSeqScan(plans);
    expectPageInIndexOrder(plans, 'article_actors');
    const coActors = plans.find(({ query }) => query.includes('actor_pair_totals'));
    expect(coActors, plans.map((p) => p.query).join('\n\n')).toBeDefined();
  });

  it('ActorProfile reads the actor rows of its co-actor page and the ties at its end only, not of every pair', async () => {
    // The actor with the most co-actors: the long tail gives it hundreds, with few ties at the top.
    const [busiest] = await explainer<{ slug: string; pairs: number }[]>`select a.slug, count(*)::int as pairs
      from actor_pair_totals p join actors a on a.id in (p.actor_id, p.other_id) group by a.slug order by pairs desc, a.slug limit 1`;
    database.sqlStatements.length = 0;
    const { actor } = await client.query(contractOperation('ActorProfile'), { slug: busiest!.slug });
    const statement = database.sqlStatements.find(({ query }) => query.includes('actor_pair_totals'));
    expect(statement, database.sqlStatements.map((s) => s.query).join('\n\n')).toBeDefined();
    const [row] = await explainer.unsafe(`explain (analyze, format json) ${statement!.query}`, statement!.params as never[]);
    const plan = (row!['QUERY PLAN'] as { Plan: PlanNode }[])[0]!.Plan;
    type Analyzed = PlanNode & { 'Actual Rows': number; 'Actual Loops': number; 'Rows Removed by Filter'?: number };
    const actorRows = [...nodes(plan)]
      .filter((n) => n['Relation Name'] === 'actors')
      .reduce((sum, n) => {
        const analyzed = n as Analyzed;
        return sum + (analyzed['Actual Rows'] + (analyzed['Rows Removed by Filter'] ?? 0)) * analyzed['Actual Loops'];
      }, 0);
    const [ties] = await explainer<{ tied: number }[]>`select count(*)::int as tied from actor_pair_totals p
      join actors a on a.id in (p.actor_id, p.other_id) where a.slug = ${busiest!.slug} and p.article_count = ${actor.coActors.at(-1).articleCount}`;
    const shown = actor.coActors.length;
    expect(shown).toBe(10);
    expect(busiest!.pairs).toBeGreaterThan(10 * (shown + ties!.tied));
    // The page's rows twice (the ranking's name, the answer's columns), the ties at its end, and a
    // few rows of other statuses; reading every pair's actor would be hundreds of rows.
    expect(actorRows, outline(plan)).toBeLessThanOrEqual(2 * shown + ties!.tied + 5);
  });

  it('ArticlesWithEntities pages the corpus newest first by index, also after a cursor', async () => {
    const first = await client.query(contractOperation('ArticlesWithEntities'), { first: 50 });
    for (const after of [null, first.articles.pageInfo.endCursor]) {
      const plans = await plansOf('ArticlesWithEntities', { first: 50, after });
      expectNoLargeSeqScan(plans);
      expectPageInIndexOrder(plans, 'articles');
    }
  });

  it('SearchArticles finds the matches through the full-text index', async () => {
    const plans = await plansOf('SearchArticles', { q: 'Kunduz', first: 10 });
    expectNoLargeSeqScan(plans);
    // The statement before them looks the words up among the names; it reads no article.
    const matching = plans.filter(({ query }) => query.includes('from articles'));
    expect(matching.length).toBeGreaterThan(0);
    for (const { plan, text } of matching) {
      expect([...nodes(plan)].some((n) => n['Index Name'] === 'articles_search_idx'), text).toBe(true);
    }
  });

  it('SearchArticles for a name reads the linked articles by the link index and the words by the full-text index', async () => {
    const plans = await plansOf('SearchArticles', { q: 'Putin gevechten', first: 10 });
    expectNoLargeSeqScan(plans);
    const matching = plans.filter(({ query }) => query.includes('from articles'));
    expect(matching.length).toBeGreaterThan(0);
    for (const { plan, text } of matching) {
      const indexes = [...nodes(plan)].map((n) => n['Index Name']);
      expect(indexes, text).toContain('articles_search_idx');
      expect(indexes, text).toContain('article_actors_actor_idx');
    }
  });

  it('SearchArticles ranks long articles without a TOAST lookup per match', async () => {
    database.sqlStatements.length = 0;
    const result = await client.query(contractOperation('SearchArticles'), { q: 'Zeebrugge', first: 10 });
    expect(result.articles.totalCount).toBe(LONG_ARTICLES);
    const ranking = database.sqlStatements.find(({ query }) => query.includes('ts_rank'));
    expect(ranking, database.sqlStatements.map((s) => s.query).join('\n\n')).toBeDefined();
    const [row] = await explainer.unsafe(`explain (analyze, buffers, format json) ${ranking!.query}`, ranking!.params as never[]);
    const top = (row!['QUERY PLAN'] as { Plan: { 'Shared Hit Blocks': number; 'Shared Read Blocks': number } }[])[0]!.Plan;
    // Kept in the row, a match's vector is on its heap page; out of line, it costs a TOAST index
    // lookup and its chunks besides (about 4 buffers more per match here).
    expect(top['Shared Hit Blocks'] + top['Shared Read Blocks']).toBeLessThan(2 * LONG_ARTICLES);
  });

  it('runs statements on connections that never compile them to machine code', async () => {
    // Postgres's JIT compilation costs tens of ms a statement once its estimated cost is high
    // enough, as the co-actor statement's is on a large corpus.
    const [row] = await selectRows(database.database.db, sql`select current_setting('jit') as jit`, { jit: col.text });
    expect(row?.jit).toBe('off');
  });

  // The benchmark's floor must fetch the same data as the API, or its ratio means nothing.
  async function floorOf(call: { text: string; params: (string | number)[] }) {
    const [row] = await explainer.unsafe(call.text, call.params);
    return JSON.parse(row!.result as string);
  }

  it('the benchmark floor of ConflictTraversal returns what the API returns', async () => {
    const api = await client.query(contractOperation('ConflictTraversal'), { conflicts: 8, articles: 5 });
    const floor = await floorOf(conflictTraversalFloor(8, 5));
    const fromApi = api.conflicts.edges.map(({ node }: any) => ({
      name: node.name,
      articles: [node.articles.totalCount, node.articles.edges.map((e: any) => [e.node.title, e.node.actors.map((a: any) => a.actor.name)])],
      actors: [node.actors.totalCount, node.actors.edges.map((e: any) => [e.role, e.node.name, e.articleCount])],
    }));
    const fromFloor = floor.conflicts.map((c: any) => ({
      name: c.name,
      articles: [c.articles.totalCount, c.articles.nodes.map((a: any) => [a.title, a.actors.map((x: any) => x.name)])],
      actors: [c.actors.totalCount, c.actors.edges.map((e: any) => [e.role, e.name, e.articleCount])],
    }));
    expect(fromFloor).toEqual(fromApi);
    expect(floor.totalCount).toBe(api.conflicts.totalCount);
    expect(fromApi.some((c: any) => c.articles[0] > 0 && c.actors[1].some((a: any) => a[2] > 0))).toBe(true);
  });

  it('the benchmark floor of ActorProfile returns what the API returns', async () => {
    const api = await client.query(contractOperation('ActorProfile'), { slug: 'united-states' });
    const floor = await floorOf(actorProfileFloor('united-states'));
    expect(floor.articles.totalCount).toBe(api.actor.articles.totalCount);
    expect(floor.articles.edges.map((a: any) => a.title)).toEqual(api.actor.articles.edges.map((e: any) => e.node.title));
    expect(floor.coActors.map((a: any) => [a.name, a.articleCount])).toEqual(
      api.actor.coActors.map((a: any) => [a.actor.name, a.articleCount]),
    );
    expect(floor.conflicts.map((c: any) => [c.role, c.name])).toEqual(api.actor.conflicts.edges.map((e: any) => [e.role, e.node.name]));
  });

  it('finds the articles of a circle by the coordinates of places and the place index of article_places', async () => {
    const [place] = await explainer<{ latitude: number; longitude: number }[]>`select latitude, longitude from places where key = 'plan:7'`;
    const text = `query Near($near: Near!) { articles(first: 10, filter: { near: $near }) { totalCount edges { node { title } } } }`;
    const plans = await plansOf('Near', { near: { ...place, km: 300 } }, text);
    expectNoLargeSeqScan(plans);
    const near = plans.filter(({ query }) => query.includes('from places'));
    expect(near.length, plans.map((p) => p.query).join('\n\n')).toBe(2);
    for (const { plan, text } of near) {
      const indexes = [...nodes(plan)].map((n) => n['Index Name']);
      expect(indexes, text).toContain('places_latitude_longitude_idx');
      expect(indexes, text).toContain('article_places_place_idx');
    }
  });

  /** The plan of a statement as run (`explain analyze`), and how many rows it read of a table, over all loops. */
  async function analyzed(statement: { query: string; params: unknown }, table: string) {
    const [row] = await explainer.unsafe(`explain (analyze, format json) ${statement.query}`, statement.params as never[]);
    const plan = (row!['QUERY PLAN'] as { Plan: PlanNode }[])[0]!.Plan;
    type Analyzed = PlanNode & { 'Actual Rows': number; 'Actual Loops': number; 'Rows Removed by Filter'?: number };
    const read = [...nodes(plan)]
      .filter((n) => n['Relation Name'] === table)
      .reduce((sum, n) => {
        const a = n as Analyzed;
        return sum + (a['Actual Rows'] + (a['Rows Removed by Filter'] ?? 0)) * a['Actual Loops'];
      }, 0);
    return { plan, read, text: `${statement.query}\n--- plan\n${outline(plan)}` };
  }

  /**
   * The same, as a prepared statement under its generic plan: the server prepares its reads, and after five runs
   * Postgres may keep one plan for every parameter, made without knowing which place is asked for.
   */
  async function analyzedGeneric(statement: { query: string; params: unknown[] }, table: string) {
    const literal = (value: unknown): string =>
      Array.isArray(value) ? `'{${value.join(',')}}'` : typeof value === 'number' ? String(value) : `'${String(value).replace(/'/g, "''")}'`;
    // One connection: the setting and the prepared statement stay on it, and are undone whatever happens.
    await explainer.unsafe(`set plan_cache_mode = force_generic_plan`);
    await explainer.unsafe(`prepare generic_plan as ${statement.query}`);
    try {
      const args = statement.params.length > 0 ? `(${statement.params.map(literal).join(', ')})` : '';
      const [row] = await explainer.unsafe(`explain (analyze, format json) execute generic_plan${args}`);
      const plan = (row!['QUERY PLAN'] as { Plan: PlanNode }[])[0]!.Plan;
      type Analyzed = PlanNode & { 'Actual Rows': number; 'Actual Loops': number; 'Rows Removed by Filter'?: number };
      const read = [...nodes(plan)]
        .filter((n) => n['Relation Name'] === table)
        .reduce((sum, n) => {
          const a = n as Analyzed;
          return sum + (a['Actual Rows'] + (a['Rows Removed by Filter'] ?? 0)) * a['Actual Loops'];
        }, 0);
      return { plan, read, text: `${statement.query}\n--- generic plan\n${outline(plan)}` };
    } finally {
      await explainer.unsafe(`deallocate generic_plan`);
      await explainer.unsafe(`reset plan_cache_mode`);
    }
  }

  /** A place few articles name (some twenty of the 12,000), with its article count. */
  async function rarePlace() {
    const [rare] = await explainer<{ key: string; articles: number }[]>`select p.key, count(*)::int as articles
      from places p join article_places x on x.place_id = p.id where p.key like 'plan:%'
      group by p.id, p.key having count(*) between 10 and 30 order by count(*), p.id limit 1`;
    expect(rare, 'no place named by 10 to 30 articles').toBeDefined();
    return rare!;
  }

  /** The statements of the page and the count of an article list, run through the app and explained as run. */
  async function listStatements(filter: Record<string, unknown>) {
    const text = `query PlaceFilter($filter: ArticleFilter) { articles(first: 10, filter: $filter) { totalCount edges { node { title } } } }`;
    database.sqlStatements.length = 0;
    const result = await client.query(text, { filter });
    const statements = database.sqlStatements.filter(({ query }) => query.includes('from "articles"') || query.includes('from articles'));
    const all = database.sqlStatements.map((s) => s.query).join('\n\n');
    expect(statements.length, all).toBeGreaterThanOrEqual(2);
    const custom = await Promise.all(statements.map((s) => analyzed(s, 'articles')));
    const generic = [];
    for (const s of statements) generic.push(await analyzedGeneric(s, 'articles'));
    return { result, statements: [...custom, ...generic] };
  }

  // A place's articles come from the place index of article_places (place, date, article), so a page and a count
  // read as many articles as the place has, not the corpus newest first until the page is full.
  it('finds the articles naming a rarely named place from the place index, reading no more articles than it has', async () => {
    const rare = await rarePlace();
    const { place } = await client.query(`query P($key: String!) { place(key: $key) { id } }`, { key: rare.key });
    const { result, statements } = await listStatements({ places: { any: [place.id] } });
    expect(result.articles.totalCount).toBe(rare.articles);
    for (const { plan, read, text } of statements) {
      const indexes = [...nodes(plan)].map((n) => n['Index Name']);
      expect(indexes, text).toContain('article_places_place_idx');
      expect([...nodes(plan)].filter((n) => n['Node Type'] === 'Seq Scan' && LARGE.includes(n['Relation Name']!)), text).toEqual([]);
      expect(read, text).toBeLessThanOrEqual(rare.articles + 1);
    }
  });

  it('finds the articles near a rarely named place from the place index, reading no more articles than are near', async () => {
    const rare = await rarePlace();
    const [place] = await explainer<{ latitude: number; longitude: number }[]>`select latitude, longitude from places where key = ${rare.key}`;
    // A circle of a few km holds the place alone, unless another of the 400 lies that close.
    const [near] = await explainer<{ articles: number }[]>`select count(distinct x.article_id)::int as articles from places p
      join article_places x on x.place_id = p.id
      where 2 * 6371.0088 * asin(sqrt(power(sin(radians(p.latitude - ${place!.latitude}::float8) / 2), 2)
        + cos(radians(${place!.latitude}::float8)) * cos(radians(p.latitude)) * power(sin(radians(p.longitude - ${place!.longitude}::float8) / 2), 2))) <= 5`;
    const { result, statements } = await listStatements({ near: { ...place, km: 5 } });
    expect(result.articles.totalCount).toBe(near!.articles);
    for (const { plan, read, text } of statements) {
      const indexes = [...nodes(plan)].map((n) => n['Index Name']);
      expect(indexes, text).toContain('places_latitude_longitude_idx');
      expect(indexes, text).toContain('article_places_place_idx');
      expect(read, text).toBeLessThanOrEqual(near!.articles + 1);
    }
  });

  // Without a rarely named place's articles the page is most of the corpus: read newest first, each article's links
  // probed by their key, so that a page stops after its rows whatever plan the statement keeps.
  it('pages the articles not naming a rarely named place newest first, stopping after the page', async () => {
    const rare = await rarePlace();
    const { place } = await client.query(`query P($key: String!) { place(key: $key) { id } }`, { key: rare.key });
    const { statements } = await listStatements({ places: { none: [place.id] } });
    const pages = statements.filter(({ plan }) => [...nodes(plan)].some((n) => n['Node Type'] === 'Limit'));
    expect(pages.length, statements.map((s) => s.text).join('\n\n')).toBe(2);
    for (const page of pages) {
      expect([...nodes(page.plan)].map((n) => n['Index Name']), page.text).toContain('articles_published_on_id_idx');
      expect(page.read, page.text).toBeLessThanOrEqual(11 + rare.articles);
    }
  });

  it('counts the places of an actor’s articles from its link index and article_places by article', async () => {
    // An actor in about one article in a hundred: a few hundred links, as most actors of a large corpus.
    const [actor] = await explainer<{ slug: string }[]>`select a.slug from actors a join article_actors x on x.actor_id = a.id
      group by a.id, a.slug order by abs(count(*) - ${ARTICLES / 100}), a.id limit 1`;
    const text = `query ActorPlaces($slug: String!) { actor(slug: $slug) { places(first: 10) { articleCount place { key } } } }`;
    const plans = await plansOf('ActorPlaces', { slug: actor!.slug }, text);
    expectNoLargeSeqScan(plans);
    const pairs = plans.find(({ query }) => query.includes('row_number()'));
    expect(pairs, plans.map((p) => p.query).join('\n\n')).toBeDefined();
    const indexes = [...nodes(pairs!.plan)].map((n) => n['Index Name']);
    expect(indexes, pairs!.text).toContain('article_actors_actor_idx');
    expect(indexes, pairs!.text).toContain('article_places_pkey');
  });

  it('counts an unfiltered corpus from the precomputed monthly counts', async () => {
    const plans = await plansOf('ArticlesWithEntities', { first: 10 });
    const count = plans.find(({ query }) => query.includes('count') || query.includes('sum('));
    expect(count?.query, plans.map((p) => p.query).join('\n\n')).toContain('corpus_month_counts');
  });
});
