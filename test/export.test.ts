import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportedArticle } from '../src/export/read.js';
import { readArticles } from '../src/export/read.js';
import { exportArticles } from '../src/export/write.js';
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
    expect(result.stderr).toContain('--format must be ndjson or csv, got "xml"');
  });

  it('writes the corpus to a file', async () => {
    const out = join(dir, 'corpus.csv');
    const result = await run('--format', 'csv', '--out', out);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('exported 5 articles');
    expect(parseCsv(readFileSync(out, 'utf8'))).toHaveLength(6);
  }, 60_000);
});
