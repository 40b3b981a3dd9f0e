import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createIngestor } from '../src/ingest/ingest.js';
import { prepare, type Prepared } from '../src/prepare-database.js';
import { testClient } from './helpers/app.js';
import type { TestDatabase } from './helpers/db.js';
import { openPrepared, pgliteFolder } from './helpers/templates.js';

// Invented people and texts, written for this test.
const NAME = 'Jorunn Vandermeersch';
const articleText = (n: number) => ` date 2021-0${n} De Belgische diplomate ${NAME} leidt de nieuwe waarnemingsmissie.

Volgens ${NAME} moeten beide partijen de wapens neerleggen. De waarnemers reizen via Kamp Zilverberg naar het gebied (${n}).`;
/** A name with nothing around it that says what it names: it stays an unlinked name. */
const PLACE = 'Kamp Zilverberg';

const UNLINKED = `query($first: Int!, $after: String) { unlinkedNames(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { name articleCount mentionCount } } } }`;
const ARTICLE = `query($id: String!) { article(externalId: $id) { body actors { actor { slug status } mentions { text } }
  unlinkedMentions { start end text } } }`;

describe('curating the knowledge base: provisional actors, unlinked names and relinking', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cng-curation-'));
  let folder: Awaited<ReturnType<typeof pgliteFolder>>;
  /** The folder as `beforeAll` left it, for the relinking test to change on its own. */
  const relinkDir = join(dir, 'relink');
  let database: TestDatabase;

  const asTestDatabase = (prepared: Prepared): TestDatabase => ({ ...prepared, backend: 'pglite', sqlLog: [], close: () => prepared.database.close() });

  beforeAll(async () => {
    folder = await pgliteFolder(true);
    const seeded = await openPrepared({ dataDir: folder.dataDir });
    const ingestor = createIngestor(seeded.database.db, seeded.linker);
    for (const n of [1, 2]) await ingestor.ingestText({ externalId: `curation_${n}`, text: articleText(n) });
    await seeded.database.close();
    cpSync(folder.dataDir, relinkDir, { recursive: true });
    database = asTestDatabase(await openPrepared({ dataDir: folder.dataDir }));
  });
  afterAll(async () => {
    await database?.close();
    folder?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a person the knowledge base lacks as a provisional actor, other names as unlinked mentions', async () => {
    const { article } = await testClient(database).query(ARTICLE, { id: 'curation_1' });
    const person = article.actors.find((a: any) => a.actor.slug === 'jorunn-vandermeersch');
    expect(person.actor.status).toBe('PROVISIONAL');
    expect(person.mentions.map((m: any) => m.text)).toEqual([NAME, NAME]);
    expect(article.unlinkedMentions.map((m: any) => m.text)).toEqual([PLACE]);
    for (const m of article.unlinkedMentions) expect(article.body.slice(m.start, m.end)).toBe(m.text);
  });

  it('lists the most widespread unlinked names first, page by page', async () => {
    const client = testClient(database);
    const first = await client.query(UNLINKED, { first: 1 });
    expect(first.unlinkedNames.edges[0].node).toEqual({ name: PLACE, articleCount: 2, mentionCount: 2 });
    const rest = await client.query(UNLINKED, { first: 100, after: first.unlinkedNames.pageInfo.endCursor });
    const names = rest.unlinkedNames.edges.map((e: any) => e.node);
    expect(names.map((n: any) => n.name)).not.toContain(PLACE);
    expect(names.map((n: any) => n.name)).not.toContain(NAME);
    expect(first.unlinkedNames.totalCount).toBe(names.length + 1);
    const counts = names.map((n: any) => n.articleCount);
    expect(counts).toEqual([...counts].sort((a: number, b: number) => b - a));
  });

  it('relinks stored articles on start when the knowledge base has changed', async () => {
    const kbDir = join(dir, 'kb');
    cpSync(new URL('../seeds/kb/', import.meta.url), kbDir, { recursive: true });
    writeFileSync(
      join(kbDir, 'zz-curated.yaml'),
      `kind: PERSON\nactors:\n  - slug: jorunn-vandermeersch\n    name: ${NAME}\n    nameNl: ${NAME}\n    surnames: [Vandermeersch]\n`,
    );
    const relinked = asTestDatabase(await prepare({ dataDir: relinkDir, knowledgeBaseDir: kbDir }));
    onTestFinished(() => relinked.close());
    const client = testClient(relinked);
    const { article } = await client.query(ARTICLE, { id: 'curation_2' });
    // The entry takes over the provisional actor of its slug: curated now, with the same links.
    const linked = article.actors.find((a: any) => a.actor.slug === 'jorunn-vandermeersch');
    expect(linked.actor.status).toBe('CURATED');
    expect(linked.mentions.map((m: any) => m.text)).toEqual([NAME, NAME]);
    expect(article.unlinkedMentions.map((m: any) => m.text)).toEqual([PLACE]);
    const list = await client.query(UNLINKED, { first: 100 });
    expect(list.unlinkedNames.edges.map((e: any) => e.node.name)).not.toContain(NAME);
  }, 120_000);
});
