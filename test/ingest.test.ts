import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleFormatError } from '../src/corpus/parse.js';
import { articleActors, articles } from '../src/db/schema.js';
import { createIngestor, type Ingestor } from '../src/ingest/ingest.js';
import { UnknownEntityError } from '../src/ingest/entity-ids.js';
import { storeArticle } from '../src/ingest/store.js';
import { testClient, WRITE_TOKEN } from './helpers/app.js';
import { contractOperation } from './helpers/contract.js';
import { runCli } from './helpers/cli.js';
import { backends, openTestDatabase, type TestDatabase } from './helpers/db.js';
import { parsedArticle } from './helpers/factories.js';
import { pgliteFolder } from './helpers/templates.js';

const seed = (name: string) => readFileSync(new URL(`../seeds/articles/${name}`, import.meta.url), 'utf8');
const SEED = '000_7ad58918c14715b9';

// Written for these tests: a short agency-style item.
const NEW_ARTICLE = ` date 2022-03 De Russische president Vladimir Poetin heeft opnieuw gedreigd met zwaardere aanvallen op Oekraïne.

Het Kremlin zegt dat de gesprekken met Kiev vastzitten. De NAVO roept Moskou op de troepen terug te trekken.

bron: Belga`;

describe.each(backends)('ingest on %s', (backend) => {
  let database: TestDatabase;
  let ingestor: Ingestor;
  const articleCount = async () => (await database.database.db.select({ n: count() }).from(articles))[0]!.n;

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    ingestor = createIngestor(database.database.db, database.linker);
  });
  afterAll(() => database?.close());

  it('changes nothing when the same file is ingested again', async () => {
    const before = await articleCount();
    const result = await ingestor.ingestText({ externalId: SEED, text: seed(`${SEED}.txt`) });
    expect(result.status).toBe('UNCHANGED');
    expect(await articleCount()).toBe(before);
  });

  it('reports the same text under another external id as a duplicate of the stored article', async () => {
    const original = await database.database.db.select({ id: articles.id }).from(articles).where(eq(articles.externalId, SEED));
    const result = await ingestor.ingestText({ externalId: 'copy_of_seed', text: seed(`${SEED}.txt`) });
    expect(result).toMatchObject({ status: 'DUPLICATE', articleId: original[0]!.id });
  });

  it('replaces an article and its links when its file changes', async () => {
    const created = await ingestor.ingestText({ externalId: 'changing', text: NEW_ARTICLE });
    expect(created.status).toBe('CREATED');
    const linksBefore = await database.database.db.select().from(articleActors).where(eq(articleActors.articleId, created.articleId));
    expect(linksBefore.length).toBeGreaterThan(0);

    const changed = NEW_ARTICLE.replace('bron: Belga', 'Ook de Verenigde Staten reageerden scherp.\n\nbron: Belga');
    const updated = await ingestor.ingestText({ externalId: 'changing', text: changed });
    expect(updated).toMatchObject({ status: 'UPDATED', articleId: created.articleId });
    const [row] = await database.database.db.select().from(articles).where(eq(articles.id, created.articleId));
    expect(row!.body).toContain('Verenigde Staten');
    expect(row!.raw).toBe(changed);
    const linksAfter = await database.database.db.select().from(articleActors).where(eq(articleActors.articleId, created.articleId));
    expect(linksAfter.length).toBeGreaterThan(linksBefore.length);
  });

  it('refuses text that is not in the corpus format and stores nothing', async () => {
    const before = await articleCount();
    await expect(ingestor.ingestText({ externalId: 'no_date', text: 'Zomaar een tekst zonder datumregel.' })).rejects.toBeInstanceOf(
      ArticleFormatError,
    );
    expect(await articleCount()).toBe(before);
  });

  it('writes an article whole or not at all', async () => {
    const before = await articleCount();
    const article = parsedArticle();
    const links = {
      actors: [{ slug: 'no-such-actor', mentions: [{ start: 0, end: 1, text: article.body[0]!, method: 'MANUAL' as const, confidence: 1 }] }],
      conflicts: [],
      provisional: [],
      unlinked: [],
    };
    await expect(storeArticle(database.database.db, article, links)).rejects.toBeInstanceOf(UnknownEntityError);
    expect(await articleCount()).toBe(before);
  });

  it('ingests through the IngestArticle contract operation with the write token', async () => {
    const client = testClient(database);
    const headers = { authorization: `Bearer ${WRITE_TOKEN}` };
    const input = { externalId: 'via_api', text: NEW_ARTICLE.replace('opnieuw', 'alweer') };
    const first = await client.query(contractOperation('IngestArticle'), { input }, headers);
    expect(first.ingestArticle.created).toBe(true);
    expect(first.ingestArticle.article.externalId).toBe('via_api');
    expect(first.ingestArticle.article.publishedOn).toBe('2022-03-01');
    const names = first.ingestArticle.article.actors.map((a: any) => a.actor.name);
    expect(names).toContain('Vladimir Putin');
    expect(names).toContain('Russia');

    const again = await client.query(contractOperation('IngestArticle'), { input }, headers);
    expect(again.ingestArticle.created).toBe(false);
    expect(again.ingestArticle.article.id).toBe(first.ingestArticle.article.id);

    const bad = await client.fail(contractOperation('IngestArticle'), { input: { externalId: 'bad', text: 'geen datum' } }, headers);
    expect(bad.code).toBe('BAD_USER_INPUT');
    expect(bad.extensions).toMatchObject({ problem: 'NO_DATE_LINE', externalId: 'bad' });
  });
});

describe('npm run ingest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cng-ingest-'));
  // A migrated and synced folder without articles: what the command finds after `npm run db:migrate`.
  let folder: Awaited<ReturnType<typeof pgliteFolder>>;
  beforeAll(async () => {
    folder = await pgliteFolder(false);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    folder?.remove();
  });

  const run = (...args: string[]) => runCli('ingest', args, { DATABASE_URL: '', PGLITE_DIR: folder.dataDir });

  it('loads the good files, names each bad one with its problem, and exits 1', async () => {
    const files = join(dir, 'articles');
    mkdirSync(files);
    writeFileSync(join(files, 'good_one.txt'), NEW_ARTICLE);
    writeFileSync(join(files, 'no_date.txt'), 'Een tekst zonder datumregel.\n');
    writeFileSync(join(files, 'empty.txt'), '');
    writeFileSync(join(files, 'latin1.txt'), Buffer.from([0x20, 0x64, 0x61, 0x74, 0x65, 0x20, 0x32, 0x30, 0x32, 0x30, 0x2d, 0x30, 0x31, 0x20, 0xe9, 0xe8]));

    const first = await run(files);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('new 1');
    expect(first.stdout).toContain('failed 3');
    expect(first.stderr).toMatch(/no_date\.txt: .*date/);
    expect(first.stderr).toMatch(/empty\.txt: /);
    expect(first.stderr).toMatch(/latin1\.txt: .*UTF-8/);

    const second = await run(join(files, 'good_one.txt'));
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('unchanged 1');
  }, 120_000);

  it('shows with --dry-run what would be stored, and writes nothing', async () => {
    const file = join(dir, 'dry_run.txt');
    writeFileSync(file, NEW_ARTICLE);
    const result = await runCli('ingest', ['--dry-run', file], { DATABASE_URL: '', PGLITE_DIR: join(dir, 'dry-db') });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('dry_run: "De Russische president Vladimir Poetin');
    expect(result.stdout).toContain('published 2022-03-01 (month only) · sources: Belga');
    expect(result.stdout).toMatch(/Vladimir Putin \(person, vladimir-putin\): 1 mention\n +dictionary 0\.98 +.*\[Vladimir Poetin\]/);
    expect(result.stdout).toMatch(/Conflicts \(\d\):\n +\d\.\d\d  .*\(russo-ukrainian-war\)/);
    expect(result.stdout).toContain('nothing was written');
    expect(existsSync(join(dir, 'dry-db'))).toBe(false);
  });

  it('explains itself with --help', async () => {
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npm run ingest');
  });
});
