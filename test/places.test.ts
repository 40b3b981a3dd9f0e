import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { col, selectRows } from '../src/db/rows.js';
import { createIngestor, type Ingestor } from '../src/ingest/ingest.js';
import { testClient } from './helpers/app.js';
import { backends, openTestDatabase, type TestDatabase } from './helpers/db.js';

/*
 * Places found at ingest are stored and served: Article.places with their mentions, Place as a node
 * with its articles, and ArticleFilter.places and .near. The texts are written for this test.
 */

const KHARKIV = ` date 2022-05
Russische troepen trekken zich terug bij Charkiv

Het Oekraïense leger heeft de Russische troepen rond Charkiv verder teruggedrongen. In de dorpen ten noorden van Charkiv
wordt nog gevochten, meldt de gouverneur. Teheran reageerde niet op vragen over de drones die boven de stad werden gezien.
Ook in de regio Donetsk werd zwaar gevochten.
`;

const GOMA = ` date 2024-02
Gevechten rond Goma houden aan

De rebellen van M23 rukken op naar Goma, de hoofdstad van Noord-Kivu. Duizenden mensen vluchtten naar kampen aan de rand
van de stad. Een woordvoerder van de VN in Kinshasa sprak van een humanitaire ramp.
`;

const PLACES = /* GraphQL */ `
  query Places($externalId: String!) {
    article(externalId: $externalId) {
      body
      places { mentionCount confidence place { id key name nameNl kind country latitude longitude geonameId } mentions { start end text method confidence } }
    }
  }
`;

interface ArticlePlaces {
  body: string;
  places: {
    mentionCount: number;
    confidence: number;
    place: { id: string; key: string; name: string; nameNl: string | null; kind: string; country: string | null; latitude: number; longitude: number; geonameId: number | null };
    mentions: { start: number; end: number; text: string; method: string; confidence: number }[];
  }[];
}

describe.each(backends)('places on %s', (backend) => {
  let database: TestDatabase;
  let client: ReturnType<typeof testClient>;
  let ingestor: Ingestor;

  beforeAll(async () => {
    database = await openTestDatabase(backend, { seed: false });
    client = testClient(database);
    ingestor = createIngestor(database.database.db, database.linker);
    // At once: on Postgres two transactions store places concurrently.
    await Promise.all([ingestor.ingestText({ externalId: 'kharkiv', text: KHARKIV }), ingestor.ingestText({ externalId: 'goma', text: GOMA })]);
  });
  afterAll(() => database?.close());

  const placesOf = async (externalId: string) => ((await client.query(PLACES, { externalId })).article as ArticlePlaces).places;

  it('stores the places an article names, with their mentions at their offsets in the body', async () => {
    const { body, places } = (await client.query(PLACES, { externalId: 'kharkiv' })).article as ArticlePlaces;
    const kharkiv = places.find((p) => p.place.key === 'geonames:706483')!;
    expect(kharkiv.place).toMatchObject({ name: 'Kharkiv', nameNl: 'Charkiv', kind: 'CITY', country: 'UA', geonameId: 706483 });
    expect(kharkiv.place.latitude).toBeCloseTo(49.98, 1);
    expect(kharkiv.place.longitude).toBeCloseTo(36.25, 1);
    expect(kharkiv.mentionCount).toBe(2); // the body names it twice; the title is not part of the body
    for (const m of kharkiv.mentions) expect(body.slice(m.start, m.end)).toBe(m.text);
    expect(kharkiv.mentions.map((m) => m.start)).toEqual([...kharkiv.mentions.map((m) => m.start)].sort((a, b) => a - b));
    expect(places[0]!.place.key).toBe('geonames:706483');
    expect(places.map((p) => p.place.key)).toContain('admin1:UA.05');
    // Teheran stands for Iran's government here: a state, not a place.
    expect(places.map((p) => p.place.name)).not.toContain('Tehran');
  });

  it('stores a place named by two articles once', async () => {
    const [goma] = [await placesOf('goma')];
    expect(goma!.map((p) => p.place.key)).toEqual(expect.arrayContaining(['geonames:216281', 'admin1:CD.11']));
    const rows = await selectRows(database.database.db, sql`select count(*)::int as n, count(distinct key)::int as keys from places`, {
      n: col.int,
      keys: col.int,
    });
    expect(rows[0]!.n).toBe(rows[0]!.keys);
  });

  it('serves a place as a node, by key, with its articles', async () => {
    const data = await client.query(/* GraphQL */ `
      { place(key: "geonames:706483") { id name articles { totalCount edges { node { externalId } } } } }
    `);
    const place = data.place as { id: string; name: string; articles: { totalCount: number; edges: { node: { externalId: string } }[] } };
    expect(place.articles).toEqual({ totalCount: 1, edges: [{ node: { externalId: 'kharkiv' } }] });
    const again = await client.query(/* GraphQL */ `query ($id: ID!) { node(id: $id) { ... on Place { key } } }`, { id: place.id });
    expect(again.node).toEqual({ key: 'geonames:706483' });
    expect((await client.query(`{ place(key: "geonames:1") { name } }`)).place).toBeNull();
  });

  it('filters articles by the places they name and by distance', async () => {
    const externalIds = async (filter: Record<string, unknown>) => {
      const data = await client.query(/* GraphQL */ `query ($filter: ArticleFilter) { articles(filter: $filter) { totalCount edges { node { externalId } } } }`, {
        filter,
      });
      return (data.articles as { edges: { node: { externalId: string } }[] }).edges.map((e) => e.node.externalId).sort();
    };
    expect(await externalIds({ places: { any: ['geonames:706483'] } })).toEqual(['kharkiv']);
    expect(await externalIds({ places: { none: ['geonames:706483'] } })).toEqual(['goma']);
    expect(await externalIds({ places: { any: ['geonames:1'] } })).toEqual([]);
    // Kharkiv lies some 410 km east of Kyiv, Goma some 4,900 km south-west of it.
    expect(await externalIds({ near: { latitude: 50.45, longitude: 30.52, km: 450 } })).toEqual(['kharkiv']);
    expect(await externalIds({ near: { latitude: 50.45, longitude: 30.52, km: 350 } })).toEqual([]);
    expect(await externalIds({ near: { latitude: -1.68, longitude: 29.22, km: 5 } })).toEqual(['goma']);
  });

  it('lists the conflicts of a place and the places of a conflict, counting the articles they share', async () => {
    const data = await client.query(/* GraphQL */ `
      {
        article(externalId: "kharkiv") { conflicts { conflict { slug } } }
        place(key: "geonames:706483") { conflicts(first: 5) { articleCount conflict { slug linkedPlaces(first: 20) { articleCount place { key } } } } }
      }
    `);
    const linked = (data.article as { conflicts: { conflict: { slug: string } }[] }).conflicts.map((c) => c.conflict.slug).sort();
    const conflicts = (data.place as { conflicts: { articleCount: number; conflict: { slug: string; linkedPlaces: { articleCount: number; place: { key: string } }[] } }[] }).conflicts;
    expect(linked.length).toBeGreaterThan(0);
    expect(conflicts.map((c) => c.conflict.slug).sort()).toEqual(linked);
    for (const { articleCount, conflict } of conflicts) {
      expect(articleCount).toBe(1);
      expect(conflict.linkedPlaces).toContainEqual({ articleCount: 1, place: { key: 'geonames:706483' } });
      expect(conflict.linkedPlaces.map((p) => p.place.key)).not.toContain('geonames:216281');
    }
    const response = await client.request(`{ place(key: "geonames:706483") { conflicts(first: 0) { articleCount } } }`);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/`first` must be between 1 and 100, got 0/);
  });

  it('refuses a bad place reference or circle, naming the input', async () => {
    const errorOf = async (filter: Record<string, unknown>) => {
      const response = await client.request(`query ($filter: ArticleFilter) { articles(filter: $filter) { totalCount } }`, { filter });
      return response.errors?.[0];
    };
    const bad = await errorOf({ places: { any: ['kharkiv'] } });
    expect(bad?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad?.message).toMatch(/filter\.places\.any\[0\].*geonames:1138958/);
    expect((await errorOf({ near: { latitude: 91, longitude: 0, km: 10 } }))?.message).toMatch(/near\.latitude.*-90 to 90, got 91/);
    expect((await errorOf({ near: { latitude: 0, longitude: 0, km: 0 } }))?.message).toMatch(/near\.km.*above 0/);
    expect((await errorOf({ near: { latitude: 0, longitude: 0, km: 5000 } }))?.message).toMatch(/near\.km.*at most 2000/);
  });

  it('replaces the places of an article whose text changed', async () => {
    await ingestor.ingestText({ externalId: 'goma', text: GOMA.replace(/Goma/g, 'Bukavu').replace('Noord-Kivu', 'Zuid-Kivu') });
    const keys = (await placesOf('goma')).map((p) => p.place.key);
    expect(keys).toContain('admin1:CD.12');
    expect(keys).not.toContain('geonames:216281');
    expect(keys).not.toContain('admin1:CD.11');
  });

  it('brings a stored place the gazetteer now describes otherwise up to date when an article names it again', async () => {
    const { place } = (await placesOf('kharkiv')).find((p) => p.place.kind === 'CITY')!;
    const row = async () =>
      (
        await selectRows(database.database.db, sql`select latitude, longitude, population from places where key = ${place.key}`, {
          latitude: col.float,
          longitude: col.float,
          population: col.int,
        })
      )[0]!;
    const current = await row();
    // As a place stored by an older gazetteer (say, a region once put at 0°, 0°) would be.
    await database.database.db.execute(sql`update places set latitude = 0, longitude = 0, population = 0 where key = ${place.key}`);
    await ingestor.ingestText({ externalId: 'kharkiv', text: `${KHARKIV}\nDe burgemeester van Charkiv vroeg om meer luchtafweer.\n` });
    expect(await row()).toEqual(current);
    expect(current.latitude).not.toBe(0);

    // A place stored as the gazetteer describes it is left alone (not rewritten, so not locked).
    const version = async () =>
      (await selectRows(database.database.db, sql`select xmin::text as v from places where key = ${place.key}`, { v: col.text }))[0]!.v;
    const before = await version();
    await ingestor.ingestText({ externalId: 'kharkiv', text: `${KHARKIV}\nOok bewoners in Charkiv vroegen om luchtafweer.\n` });
    expect(await version()).toBe(before);
  });

  it('stores a district the text names as one, and filters articles by its key', async () => {
    const text = ` date 2023-07\nDoden bij gevechten in Kurram\n\nBij gevechten tussen stammen in het district Kurram in Pakistan zijn elf mensen omgekomen.\n`;
    await ingestor.ingestText({ externalId: 'kurram', text });
    const kurram = (await placesOf('kurram')).find((p) => p.place.key === 'admin2:PK.03.1172574');
    expect(kurram?.place).toMatchObject({ name: 'Kurram District', kind: 'REGION', country: 'PK', geonameId: null });
    const data = await client.query(/* GraphQL */ `
      { articles(filter: { places: { any: ["admin2:PK.03.1172574"] } }) { edges { node { externalId } } }
        place(key: "admin2:PK.03.1172574") { name } }
    `);
    expect(data.articles).toEqual({ edges: [{ node: { externalId: 'kurram' } }] });
    expect(data.place).toEqual({ name: 'Kurram District' });
  });
});

// Three articles name Charkiv, in May and September 2022 (June to August quiet), and one Kabul.
const SPREAD: { externalId: string; text: string }[] = [
  {
    externalId: 'charkiv-mei',
    text: ` date 2022-05
Beschietingen op Charkiv gaan door

Russische artillerie heeft zaterdag opnieuw woonwijken van Charkiv beschoten. President Volodymyr Zelensky sprak van een
oorlogsmisdaad. In de regio Donetsk rukten Russische eenheden langzaam op.
`,
  },
  {
    externalId: 'charkiv-tegenoffensief',
    text: ` date 2022-09
Oekraïens tegenoffensief bij Charkiv

Het Oekraïense leger heeft ten oosten van Charkiv tientallen dorpen heroverd. Rusland bevestigde dat zijn
troepen zich terugtrekken. De Verenigde Staten beloofden nieuwe wapenleveranties aan Oekraïne.
`,
  },
  {
    externalId: 'charkiv-stroom',
    text: ` date 2022-09
Stroom valt uit in Charkiv na aanval op centrale

Na een Russische raketaanval op een elektriciteitscentrale zaten grote delen van Charkiv urenlang zonder stroom. Oekraïne
vraagt de NAVO om meer luchtafweer. Ook in Kyiv klonk luchtalarm.
`,
  },
  {
    externalId: 'kaboel-vliegveld',
    text: ` date 2021-08
Chaos op het vliegveld van Kaboel

Duizenden Afghanen proberen het vliegveld van Kaboel te bereiken sinds de Taliban de stad innamen. De Verenigde Staten
sturen extra troepen om de evacuatie te beveiligen. Ook uit Kandahar komen berichten over represailles.
`,
  },
];

const KHARKIV_KEY = 'geonames:706483';

describe.each(backends)('place timelines and the places of actors on %s', (backend) => {
  let database: TestDatabase;
  let client: ReturnType<typeof testClient>;

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    client = testClient(database);
    const ingestor = createIngestor(database.database.db, database.linker);
    for (const article of SPREAD) await ingestor.ingestText(article);
  });
  afterAll(() => database?.close());

  /** The stored months of a place's articles, counted in SQL from its links and the articles' dates. */
  async function storedMonths(key: string, from = '0001-01-01') {
    const rows = await selectRows(
      database.database.db,
      sql`select to_char(a.published_on, 'YYYY-MM') as month, count(*)::int as n
          from article_places l join places p on p.id = l.place_id join articles a on a.id = l.article_id
          where p.key = ${key} and a.published_on >= ${from}::date group by 1 order by 1`,
      { month: col.text, n: col.int },
    );
    return new Map(rows.map((row) => [row.month, row.n]));
  }

  it('counts the articles naming a place per month, quiet months included, as the links say', async () => {
    const data = await client.query(/* GraphQL */ `
      {
        place(key: "${KHARKIV_KEY}") {
          months: timeline { period from to articleCount corpusArticleCount share }
          years: timeline(interval: YEAR) { period articleCount }
          autumn: timeline(filter: { publishedFrom: "2022-09-01" }) { period articleCount }
        }
      }
    `);
    type Bucket = { period: string; articleCount: number; corpusArticleCount: number; share: number; from: string; to: string };
    const { months, years, autumn } = data.place as { months: Bucket[]; years: Bucket[]; autumn: Bucket[] };
    const stored = await storedMonths(KHARKIV_KEY);
    expect([...stored.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3);
    const periods = [...stored.keys()];
    expect(months[0]!.period).toBe(periods[0]);
    expect(months.at(-1)!.period).toBe(periods.at(-1));
    for (const bucket of months) {
      expect(bucket.articleCount).toBe(stored.get(bucket.period) ?? 0);
      expect(bucket.from).toBe(`${bucket.period}-01`);
      expect(bucket.share).toBeCloseTo(bucket.corpusArticleCount ? bucket.articleCount / bucket.corpusArticleCount : 0, 6);
      expect(bucket.corpusArticleCount).toBeGreaterThanOrEqual(bucket.articleCount);
    }
    // Every month between the first and the last, once, in order.
    const next = (period: string) => new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)), 1)).toISOString().slice(0, 7);
    months.slice(1).forEach((bucket, i) => expect(bucket.period).toBe(next(months[i]!.period)));
    expect(months.some((bucket) => bucket.articleCount === 0)).toBe(true);
    const byYear = new Map<string, number>();
    for (const [month, n] of stored) byYear.set(month.slice(0, 4), (byYear.get(month.slice(0, 4)) ?? 0) + n);
    expect(years.filter((y) => y.articleCount > 0).map((y) => [y.period, y.articleCount])).toEqual([...byYear]);
    const fromSeptember = await storedMonths(KHARKIV_KEY, '2022-09-01');
    expect(autumn.filter((b) => b.articleCount > 0).map((b) => [b.period, b.articleCount])).toEqual([...fromSeptember]);
  });

  it('lists the places named in the articles of an actor, most shared articles first, as the links say', async () => {
    const expected = await selectRows(
      database.database.db,
      sql`select p.key, count(*)::int as n from article_actors x join actors t on t.id = x.actor_id
          join article_places l on l.article_id = x.article_id join places p on p.id = l.place_id
          where t.slug = 'russia' group by p.id, p.key order by n desc, p.id`,
      { key: col.text, n: col.int },
    );
    expect(expected.length).toBeGreaterThan(2);
    expect(expected.map((row) => row.key)).toContain(KHARKIV_KEY);
    const { actor } = await client.query(/* GraphQL */ `
      { actor(slug: "russia") { all: places(first: 100) { articleCount place { key } } top: places(first: 2) { articleCount place { key } } } }
    `);
    const pairs = (list: { articleCount: number; place: { key: string } }[]) => list.map((row) => [row.place.key, row.articleCount]);
    expect(pairs(actor.all)).toEqual(expected.map((row) => [row.key, row.n]));
    expect(pairs(actor.top)).toEqual(pairs(actor.all).slice(0, 2));
    const { actor: taliban } = await client.query(`{ actor(slug: "taliban") { places { place { key } } } }`);
    expect(taliban.places.map((p: { place: { key: string } }) => p.place.key)).not.toContain(KHARKIV_KEY);
    for (const first of [0, 101]) {
      const response = await client.request(`{ actor(slug: "russia") { places(first: ${first}) { articleCount } } }`);
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.message).toMatch(new RegExp(`\`first\` must be between 1 and 100, got ${first}`));
    }
  });

  it('keeps the knowledge base’s place names on Conflict.places, marked deprecated in favour of linkedPlaces', async () => {
    const { conflict, __type } = await client.query(/* GraphQL */ `
      {
        conflict(slug: "russo-ukrainian-war") { places linkedPlaces { place { key } } }
        __type(name: "Conflict") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } }
      }
    `);
    expect(conflict.places.length).toBeGreaterThan(0);
    expect(conflict.places.every((name: unknown) => typeof name === 'string')).toBe(true);
    expect(conflict.linkedPlaces.map((p: { place: { key: string } }) => p.place.key)).toContain(KHARKIV_KEY);
    const field = (name: string) => __type.fields.find((f: { name: string }) => f.name === name);
    expect(field('places')).toMatchObject({ isDeprecated: true, deprecationReason: expect.stringContaining('linkedPlaces') });
    expect(field('linkedPlaces')).toMatchObject({ isDeprecated: false });
  });

  it('loads the places of a page of actors, with their timelines and conflicts, in a constant number of statements', async () => {
    const page = /* GraphQL */ `
      query Page($first: Int!) {
        actors(first: $first, orderBy: ARTICLE_COUNT) {
          edges { node { slug places(first: 3) { articleCount place { key timeline(interval: YEAR) { period articleCount } conflicts(first: 2) { articleCount conflict { slug } } } } } }
        }
      }
    `;
    const count = async (first: number) => {
      database.sqlLog.length = 0;
      const data = await client.query(page, { first });
      const edges = data.actors.edges as { node: { places: unknown[] } }[];
      return { statements: database.sqlLog.length, rows: edges.length, places: edges.reduce((n, e) => n + e.node.places.length, 0) };
    };
    // Once first: a connection the pool opens for it sends the driver's own type look-ups, which are no statements of the page.
    await count(2);
    const small = await count(2);
    const large = await count(20);
    expect(large.rows).toBeGreaterThan(small.rows);
    expect(large.places).toBeGreaterThan(small.places);
    expect(large.statements).toBe(small.statements);
  });
});
