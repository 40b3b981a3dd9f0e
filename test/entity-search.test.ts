import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIngestor } from '../src/ingest/ingest.js';
import { testClient } from './helpers/app.js';
import { contractOperation } from './helpers/contract.js';
import { backends, openTestDatabase, type TestDatabase } from './helpers/db.js';

const SEARCH = contractOperation('SearchArticles');
const SEARCH_IN = `query($q: String!, $mode: SearchMode) {
  articles(first: 20, filter: { search: $q, searchMode: $mode }) { totalCount edges { node { externalId snippet } } }
}`;

// Short made-up Dutch texts: each names an entity in a form other than the one searched for.
const TEXTS = {
  // "Poetin" only: never "Putin", never "Vladimir".
  es_poetin: ' date 2022-03 Poetin dreigt met nieuwe heffingen.\n\nPoetin zei dinsdag dat de gesprekken over graan voorlopig stilliggen.',
  // "Soedanese" only: the state is named by its adjective.
  es_soedanese: ' date 2023-05 Soedanese legerleiding belooft een bestand.\n\nHet Soedanese leger zegt de wapens drie dagen te laten zwijgen rond Khartoem.',
  // "Hizbollah", an alias of Hezbollah.
  es_hizbollah: ' date 2021-08 Hizbollah vuurt raketten af.\n\nDe beweging Hizbollah meldt dat de raketten op een legerpost vielen.',
};

describe.each(backends)('search that knows the entities on %s', (backend) => {
  let database: TestDatabase;
  let client: ReturnType<typeof testClient>;
  const hits = async (q: string, mode?: 'ENTITIES' | 'TEXT') => {
    const data = await client.query(SEARCH_IN, { q, mode });
    return (data.articles.edges as { node: { externalId: string } }[]).map((e) => e.node.externalId).filter((id) => id.startsWith('es_'));
  };
  const refusal = async (q: string) => {
    const body = await client.request(SEARCH, { q, first: 3 });
    expect(body.data ?? null, JSON.stringify(body)).toBeNull();
    expect(body.errors?.[0]?.extensions, JSON.stringify(body.errors)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter' });
    return body.errors![0]!.message;
  };

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    client = testClient(database);
    const ingestor = createIngestor(database.database.db, database.linker);
    for (const [externalId, text] of Object.entries(TEXTS)) await ingestor.ingestText({ externalId, text });
  });
  afterAll(() => database?.close());

  it('finds an article that writes "Poetin" by "Putin", and marks the name in its snippet', async () => {
    expect(await hits('Putin')).toEqual(['es_poetin']);
    const data = await client.query(SEARCH, { q: 'Putin', first: 20 });
    const edge = data.articles.edges.find((e: any) => e.node.externalId === 'es_poetin');
    expect(edge.node.snippet).toContain('<mark>Poetin</mark>');
  });

  it('finds an article that writes "Soedanese" by "Soedan", and one that writes "Hizbollah" by "Hezbollah"', async () => {
    expect(await hits('Soedan')).toEqual(['es_soedanese']);
    expect(await hits('Hezbollah')).toEqual(['es_hizbollah']);
  });

  it('reads adjacent words that together name an entity as one name', async () => {
    // The article has neither "Vladimir" nor "Putin"; "Vladimir Putin" is one of the names of the person it links.
    expect(await hits('Vladimir Putin')).toEqual(['es_poetin']);
    expect(await hits('"Vladimir Putin"')).toEqual(['es_poetin']);
  });

  it('needs every word group, each as a word or a link, and excludes an entity in every form', async () => {
    expect(await hits('Putin graan')).toEqual(['es_poetin']);
    expect(await hits('Putin raketten')).toEqual([]);
    expect((await hits('Putin OR Hezbollah')).sort()).toEqual(['es_hizbollah', 'es_poetin']);
    expect(await hits('raketten -Hezbollah')).toEqual([]);
    expect(await hits('raketten -Hezbollah', 'TEXT')).toEqual(['es_hizbollah']);
  });

  it('keeps plain full text in TEXT mode: only the words typed', async () => {
    expect(await hits('Putin', 'TEXT')).toEqual([]);
    expect(await hits('Soedan', 'TEXT')).toEqual([]);
    expect(await hits('Poetin', 'TEXT')).toEqual(['es_poetin']);
    expect(await hits('Soedanese', 'TEXT')).toEqual(['es_soedanese']);
  });

  it('says so when every word is a stopword', async () => {
    expect(await refusal('de het een')).toMatch(/^`search` has no word to look for in "de het een"/);
    const body = await client.request(SEARCH_IN, { q: 'de het', mode: 'TEXT' });
    expect(body.errors?.[0]?.message).toMatch(/no word to look for/);
  });

  it.each([
    ['"Poetin zei', /not closed/],
    ['Poetin -', /ends in a `-`/],
    ['OR Poetin', /`OR` without a word/],
    ['Poetin OR', /`OR` without a word/],
    ['Poetin OR OR Assad', /`OR` without a word/],
    ['Poetin -OR Assad', /`-` before `OR`/],
  ])('says what is wrong with broken syntax: %j', async (q, message) => {
    expect(await refusal(q)).toMatch(message);
  });

  it.each([
    ['-!', 3000],
    ['-(', 3000],
    ['- (', 1000],
    ['-!-', 2000],
  ])('refuses %j repeated %i times as BAD_USER_INPUT, never a server error', async (piece, times) => {
    const q = piece.repeat(times).slice(0, 1000);
    expect(await refusal(q)).toMatch(/`search`/);
  });

  it('reads any number of "-" and operator characters before a word as one exclusion', async () => {
    for (const q of [`graan ${'-!'.repeat(400)}Hezbollah`, `graan ${'-('.repeat(400)}Hezbollah`]) {
      const body = await client.request(SEARCH_IN, { q });
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      expect(body.data!.articles.edges.map((e: any) => e.node.externalId)).toContain('es_poetin');
    }
  });

  it('refuses a search of more than 50 words, naming the filter and the limit', async () => {
    expect(await refusal('vrede '.repeat(51))).toBe('`search` takes at most 50 words, got 51');
    expect((await client.request(SEARCH, { q: 'vrede '.repeat(50), first: 3 })).errors).toBeUndefined();
  });
});
