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
});
