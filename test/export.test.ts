import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportedArticle } from '../src/export/read.js';
import { readArticles } from '../src/export/read.js';
import { exportArticles, exportPlaces } from '../src/export/write.js';
import type { ExportedPlace } from '../src/export/places.js';
import { col, selectRows } from '../src/db/rows.js';
import { createIngestor } from '../src/ingest/ingest.js';
import { testClient } from './helpers/app.js';
import { runCli } from './helpers/cli.js';
import { backends, openTestDatabase, type TestDatabase } from './helpers/db.js';
import { pgliteFolder } from './helpers/templates.js';

/** A strict RFC 4180 reader, written for these tests. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let value = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) throw new Error('unterminated quote');
        value += text.slice(i, quote);
        i = quote + 1;
        if (text[i] === '"') {
          value += '"';
          i += 1;
        } else break;
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') value += text[i++];
    }
    row.push(value);
    if (text[i] === ',') i += 1;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else if (i < text.length) throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  if (row.length > 0) throw new Error('last line does not end in CRLF');
  return rows;
}

async function exportToString(database: TestDatabase, format: 'ndjson' | 'csv', withBody = false, withStory = false) {
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk) => (text += chunk));
  const count = await exportArticles(database.database.db, out, format, { withBody, withStory });
  return { count, text };
}

describe.each(backends)('export on %s', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => (database = await openTestDatabase(backend)));
  afterAll(() => database?.close());

  it('writes one JSON line per article whose mentions point into the body', async () => {
    const { count, text } = await exportToString(database, 'ndjson', true);
    const lines = text.trimEnd().split('\n').map((line) => JSON.parse(line) as ExportedArticle);
    expect(count).toBe(5);
    expect(lines).toHaveLength(5);
    for (const article of lines) {
      expect(article.actors.length).toBeGreaterThan(0);
      expect(article.conflicts.length).toBeGreaterThan(0);
      for (const actor of article.actors) {
        for (const m of actor.mentions) expect(article.body!.slice(m.start, m.end)).toBe(m.text);
      }
    }
  });

  it('writes RFC 4180 CSV that reads back to the same links as the JSON', async () => {
    const json = (await exportToString(database, 'ndjson')).text.trimEnd().split('\n').map((l) => JSON.parse(l) as ExportedArticle);
    const [header, ...rows] = parseCsv((await exportToString(database, 'csv')).text);
    expect(header).toContain('actors');
    expect(rows).toHaveLength(json.length);
    const col = (name: string) => header!.indexOf(name);
    rows.forEach((row, i) => {
      expect(row).toHaveLength(header!.length);
      expect(row[col('id')]).toBe(json[i]!.id);
      expect(row[col('title')]).toBe(json[i]!.title);
      expect(row[col('actors')]!.split('|')).toEqual(json[i]!.actors.map((a) => a.slug));
      expect(row[col('mention_counts')]!.split('|').map(Number)).toEqual(json[i]!.actors.map((a) => a.mentions.length));
      expect(row[col('conflicts')]!.split('|')).toEqual(json[i]!.conflicts.map((c) => c.slug));
    });
  });

  it('adds the story of each article when asked, as the API gives its id, and leaves it out otherwise', async () => {
    const json = (await exportToString(database, 'ndjson', false, true)).text.trimEnd().split('\n').map((l) => JSON.parse(l) as ExportedArticle);
    const data = await testClient(database).query(`{ articles(first: 100) { edges { node { externalId story { id } } } } }`);
    const storyOf = new Map(data.articles.edges.map((e: { node: { externalId: string; story: { id: string } } }) => [e.node.externalId, e.node.story.id]));
    expect(json).toHaveLength(5);
    for (const article of json) expect(article.story).toBe(storyOf.get(article.id));
    const [header, ...rows] = parseCsv((await exportToString(database, 'csv', false, true)).text);
    expect(header!.at(-1)).toBe('story');
    rows.forEach((row, i) => expect(row.at(-1)).toBe(json[i]!.story));
    expect(parseCsv((await exportToString(database, 'csv')).text)[0]).not.toContain('story');
    expect(JSON.parse((await exportToString(database, 'ndjson')).text.split('\n')[0]!)).not.toHaveProperty('story');
  });

  it('reads page by page in id order, whatever the page size', async () => {
    const ids = async (pageSize: number) => {
      const seen: string[] = [];
      for await (const a of readArticles(database.database.db, { pageSize })) seen.push(a.id);
      return seen;
    };
    const all = await ids(500);
    expect(await ids(2)).toEqual(all);
    expect(new Set(all).size).toBe(5);
  });
});

interface PlaceCollection {
  type: string;
  features: {
    type: string;
    id: string;
    geometry: { type: string; coordinates: [number, number] };
    properties: Omit<ExportedPlace, 'latitude' | 'longitude'>;
  }[];
}

async function placesToString(database: TestDatabase, pageSize?: number) {
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk) => (text += chunk));
  const count = await exportPlaces(database.database.db, out, { pageSize });
  return { count, collection: JSON.parse(text) as PlaceCollection, text };
}

describe.each(backends)('GeoJSON export of places on %s', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
    // Places beyond the seeds', one named by two articles on different conflicts.
    const ingestor = createIngestor(database.database.db, database.linker);
    await ingestor.ingestText({
      externalId: 'geo-mosul',
      text: ` date 2017-07
Iraakse leger herovert oude stad van Mosul

Na negen maanden strijd heeft het Iraakse leger de oude stad van Mosul heroverd op Islamitische Staat. Premier Haider
al-Abadi kwam naar Mosul om de overwinning te vieren. Duizenden inwoners zijn nog op de vlucht naar kampen bij Erbil.
`,
    });
    await ingestor.ingestText({
      externalId: 'geo-erbil',
      text: ` date 2020-01
Raketten op Amerikaanse basis bij Erbil

Iran heeft in de nacht raketten afgevuurd op bases in Irak waar Amerikaanse troepen zijn gelegerd, bij Erbil en in de
provincie Anbar. De Verenigde Staten melden geen doden. Teheran noemt de aanval een vergelding voor de dood van Qassem Soleimani.
`,
    });
  });
  afterAll(() => database?.close());

  it('writes every place the articles name as one FeatureCollection, its counts those of the stored links', async () => {
    const { count, collection, text } = await placesToString(database);
    const db = database.database.db;
    const stored = await selectRows(
      db,
      sql`select p.key, p.name, p.latitude, p.longitude, count(*)::int as n from places p join article_places l on l.place_id = p.id group by p.id order by p.id`,
      { key: col.text, name: col.text, latitude: col.float, longitude: col.float, n: col.int },
    );
    const perConflict = await selectRows(
      db,
      sql`select p.key, c.slug, count(*)::int as n from places p join article_places l on l.place_id = p.id
          join article_conflicts x on x.article_id = l.article_id join conflicts c on c.id = x.conflict_id group by p.key, c.slug`,
      { key: col.text, slug: col.text, n: col.int },
    );
    expect(stored.length).toBeGreaterThan(2);
    expect(perConflict.some((row) => perConflict.some((other) => other.key === row.key && other.slug !== row.slug))).toBe(true);
    expect(collection.type).toBe('FeatureCollection');
    expect(count).toBe(stored.length);
    expect(collection.features.map((f) => f.id)).toEqual(stored.map((row) => row.key));
    collection.features.forEach((feature, i) => {
      const row = stored[i]!;
      expect(feature.type).toBe('Feature');
      expect(feature.geometry).toEqual({ type: 'Point', coordinates: [row.longitude, row.latitude] });
      expect(feature.properties).toMatchObject({ key: row.key, name: row.name, articleCount: row.n });
      expect(Object.keys(feature.properties).sort()).toEqual(['articleCount', 'conflicts', 'country', 'geonameId', 'key', 'kind', 'name', 'nameNl']);
      const expected = Object.fromEntries(perConflict.filter((c) => c.key === row.key).map((c) => [c.slug, c.n]));
      expect(feature.properties.conflicts).toEqual(expected);
      const counts = Object.values(feature.properties.conflicts);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
    });
    // One feature a line, so that a line-oriented tool can count or cut them.
    expect(text.split('\n').filter((line) => line.startsWith('{"type":"Feature"'))).toHaveLength(count);
  });

  it('writes the same collection whatever the page size, and leaves out places no article names any more', async () => {
    const whole = await placesToString(database);
    expect((await placesToString(database, 2)).text).toBe(whole.text);
    const db = database.database.db;
    await createIngestor(db, database.linker).ingestText({
      externalId: 'geo-erbil',
      text: ` date 2020-01
Raketten op Amerikaanse bases in Irak

Iran heeft in de nacht raketten afgevuurd op bases in Irak waar Amerikaanse troepen zijn gelegerd. De Verenigde Staten
melden geen doden. Teheran noemt de aanval een vergelding voor de dood van Qassem Soleimani.
`,
    });
    const [left] = await selectRows(
      db,
      sql`select count(*)::int as n from places p where not exists (select 1 from article_places l where l.place_id = p.id)`,
      { n: col.int },
    );
    const after = await placesToString(database);
    const names = (collection: PlaceCollection) => collection.features.map((f) => f.properties.name);
    expect(names(whole.collection)).toContain('Anbar');
    expect(names(after.collection)).not.toContain('Anbar');
    expect(left!.n).toBeGreaterThan(0);
    expect(after.count).toBe(whole.count - left!.n);
    const erbil = (collection: PlaceCollection) => collection.features.find((f) => f.properties.name === 'Erbil');
    expect(erbil(after.collection)!.properties.articleCount).toBe(erbil(whole.collection)!.properties.articleCount - 1);
  });
});

describe('npm run export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cng-export-'));
  // The seeded database, as a server leaves it.
  let folder: Awaited<ReturnType<typeof pgliteFolder>>;
  beforeAll(async () => {
    folder = await pgliteFolder(true);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    folder?.remove();
  });
  const run = (...args: string[]) => runCli('export', args, { DATABASE_URL: '', PGLITE_DIR: folder.dataDir });

  it('refuses an unknown format with a clear message', async () => {
    const result = await run('--format', 'xml');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--format must be ndjson, csv or geojson, got "xml"');
  });

  it('writes the corpus to a file', async () => {
    const out = join(dir, 'corpus.csv');
    const result = await run('--format', 'csv', '--out', out);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('exported 5 articles');
    expect(parseCsv(readFileSync(out, 'utf8'))).toHaveLength(6);
  }, 60_000);

  it('writes the places as GeoJSON, and refuses the article options there', async () => {
    const out = join(dir, 'places.geojson');
    const result = await run('--format', 'geojson', '--out', out);
    expect(result.code, result.stderr).toBe(0);
    const collection = JSON.parse(readFileSync(out, 'utf8')) as PlaceCollection;
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features.length).toBeGreaterThan(0);
    expect(result.stderr).toContain(`exported ${collection.features.length} places`);
    const refused = await run('--format', 'geojson', '--story');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--story is an option of the article formats, not of geojson');
  }, 60_000);
});
