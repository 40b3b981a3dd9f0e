import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArticle } from '../src/corpus/parse.js';
import { col, selectRows } from '../src/db/rows.js';
import { GROUPING_LOCK } from '../src/ingest/grouping-lock.js';
import type { TextLinker } from '../src/ingest/ingest.js';
import { linkArticle } from '../src/ingest/link.js';
import { storeProvisionalActors } from '../src/ingest/provisional.js';
import { replaceLinks, storeArticle } from '../src/ingest/store.js';
import type { ProvisionalActor } from '../src/linking/types.js';
import { testClient, WRITE_TOKEN } from './helpers/app.js';
import { nodeArgsFor } from './helpers/compiled.js';
import { backends, openTestDatabase, postgresUrl, type TestDatabase } from './helpers/db.js';

/*
 * The same article ingested twice at the same moment is stored once, with all its links: through
 * concurrent mutations on both backends, and through two ingest processes at once on Postgres.
 * The tests look only at what a user sees: exit codes, rows, API answers.
 */

// Written for these tests: short agency-style items built from a few stories, each text distinct.
const STORIES = [
  {
    month: '2022-03',
    title: 'Russische troepen rukken op naar {place}',
    body: 'De Russische president Vladimir Poetin heeft opnieuw gedreigd met zwaardere aanvallen op Oekraïne. ' +
      'Bij beschietingen rond {place} vielen volgens de Oekraïense autoriteiten {n} doden.\n\n' +
      'Het Kremlin zegt dat de gesprekken met Kiev vastzitten. De NAVO roept Moskou op de troepen terug te trekken.',
    places: ['Charkiv', 'Marioepol', 'Tsjernihiv', 'Soemy', 'Cherson', 'Mykolajiv'],
  },
  {
    month: '2021-07',
    title: 'Taliban veroveren districten rond {place}',
    body: 'De taliban hebben het voorbije weekend {n} districten in het noorden van Afghanistan ingenomen, ook rond {place}. ' +
      'Het Afghaanse leger trok zich terug.\n\nIn Kaboel vreest de regering van president Ashraf Ghani een offensief op de grote steden. ' +
      'De Verenigde Staten halen hun laatste troepen weg.',
    places: ['Kunduz', 'Mazar-i-Sharif', 'Herat', 'Kandahar', 'Ghazni', 'Jalalabad'],
  },
  {
    month: '2016-10',
    title: 'Zware luchtaanvallen op {place}',
    body: 'Syrische en Russische gevechtsvliegtuigen hebben opnieuw {place} gebombardeerd. Daarbij kwamen zeker {n} burgers om.\n\n' +
      'Het regime van president Bashar al-Assad wil de stad voor de winter heroveren. ' +
      'De Verenigde Naties vragen een bestand om hulp binnen te laten.',
    places: ['Aleppo', 'Idlib', 'Homs', 'Douma', 'Hama', 'Deraa'],
  },
  {
    month: '2019-05',
    title: 'Gevechten om Tripoli houden aan bij {place}',
    body: 'De troepen van generaal Khalifa Haftar proberen al weken de Libische hoofdstad Tripoli in te nemen. ' +
      'Bij {place} sneuvelden volgens de regering van Fayez al-Sarraj {n} strijders.\n\n' +
      'De Verenigde Naties roepen beide kampen op de wapens neer te leggen.',
    places: ['Gharyan', 'Tarhuna', 'Misrata', 'Zawiya', 'Sirte', 'Garabulli'],
  },
  {
    month: '2020-01',
    title: 'Spanning tussen Iran en de VS loopt op na aanval bij {place}',
    body: 'Iran heeft raketten afgevuurd op Amerikaanse bases in Irak, onder meer bij {place}. ' +
      'Volgens Teheran is het een vergelding voor de dood van generaal Qassem Soleimani.\n\n' +
      'President Donald Trump zegt dat er {n} Amerikaanse militairen gewond raakten. Bron: Belga',
    places: ['Erbil', 'Ain al-Asad', 'Bagdad', 'Basra', 'Kirkoek', 'Mosul'],
  },
  {
    month: '2021-05',
    title: 'Raketten op Israël, luchtaanvallen op {place}',
    body: 'Hamas heeft vanuit de Gazastrook opnieuw raketten afgevuurd op Israël. ' +
      'Het Israëlische leger antwoordde met luchtaanvallen op {place}, waarbij {n} doden vielen.\n\n' +
      'Egypte probeert een bestand tot stand te brengen. (AFP)',
    places: ['Gaza-Stad', 'Khan Younis', 'Rafah', 'Beit Hanoun', 'Jabalia', 'Deir al-Balah'],
  },
];

/** The i-th article text; every i below 72 gives a distinct text. */
function articleText(i: number): string {
  const story = STORIES[i % STORIES.length]!;
  const place = story.places[Math.floor(i / STORIES.length) % story.places.length]!;
  const fill = (text: string) => text.replace('{place}', place).replace('{n}', String(3 + i));
  return ` date ${story.month} ${fill(story.title)}\n\n${fill(story.body)}\n`;
}

interface LinkCounts {
  actors: number;
  mentions: number;
  conflicts: number;
  unlinked: number;
}

interface StoredArticle extends LinkCounts {
  externalId: string;
  contentHash: string;
}

/** The links one ingest of the text stores: what the linker finds in the parsed article. */
function linksOf(linker: TextLinker, text: string): LinkCounts & { contentHash: string } {
  const article = parseArticle({ externalId: 'reference', text });
  const links = linker.linkWithUnknown({ title: article.title, body: article.body, publishedOn: article.publishedOn });
  const linked = links.actors.filter((a) => a.mentions.length > 0);
  return {
    contentHash: article.contentHash,
    actors: linked.length,
    mentions: linked.reduce((sum, a) => sum + a.mentions.length, 0),
    conflicts: links.conflicts.length,
    unlinked: links.unlinked.length,
  };
}

async function storedArticles(database: TestDatabase): Promise<StoredArticle[]> {
  return selectRows(
    database.database.db,
    sql`select a.external_id as "externalId", a.content_hash as "contentHash",
          (select count(*)::int from article_actors x where x.article_id = a.id) as actors,
          (select count(*)::int from mentions m where m.article_id = a.id) as mentions,
          (select count(*)::int from article_conflicts c where c.article_id = a.id) as conflicts,
          (select count(*)::int from unlinked_mentions u where u.article_id = a.id) as unlinked
        from articles a
        order by a.external_id`,
    { externalId: col.text, contentHash: col.text, actors: col.int, mentions: col.int, conflicts: col.int, unlinked: col.int },
  );
}

/** Every text is stored exactly once, under one of its ids, with the links a single ingest gives it. */
async function expectEachStoredOnce(database: TestDatabase, texts: Map<string, string[]>): Promise<void> {
  const rows = await storedArticles(database);
  for (const [text, externalIds] of texts) {
    const { contentHash, ...links } = linksOf(database.linker, text);
    const stored = rows.filter((row) => row.contentHash === contentHash || externalIds.includes(row.externalId));
    expect(stored, `the article stored as ${externalIds.join(' or ')}`).toHaveLength(1);
    expect(externalIds).toContain(stored[0]!.externalId);
    const { externalId: _id, contentHash: _hash, ...counts } = stored[0]!;
    // Every story names actors of the knowledge base, so complete links are never vacuously complete.
    expect(links.actors).toBeGreaterThan(0);
    expect(counts, `the links of ${stored[0]!.externalId}`).toEqual(links);
  }
}

/** The URL of the test's own Postgres database (the helper makes one per test file). */
async function urlOf(database: TestDatabase): Promise<string> {
  const [row] = await selectRows(database.database.db, sql`select current_database() as name`, { name: col.text });
  const url = new URL(postgresUrl!);
  url.pathname = `/${row!.name}`;
  return url.toString();
}

/**
 * Starts the writers while the test holds back every insert into `articles`, and lets them go only when
 * at least two are waiting: so they collide on the same rows at the same moment instead of merely running
 * at about the same time (the writes of an ingest take a fraction of a second, its start-up seconds).
 * Any ingest must insert into `articles`; reading it is not held back. On PGlite, which runs one
 * transaction at a time, the writers just start.
 */
async function collide<T>(database: TestDatabase, start: () => Promise<T>): Promise<T> {
  if (database.backend !== 'postgres') return start();
  const gate = postgres(await urlOf(database), { max: 2, onnotice: () => {} });
  let running: Promise<T> | undefined;
  try {
    await gate.begin(async (tx) => {
      await tx`lock table articles in share mode`;
      running = start();
      const settled = running.then(
        () => true,
        () => true,
      );
      const deadline = Date.now() + 120_000;
      for (;;) {
        // Waiting for this lock, or for each other if an ingest serialises writers with a lock of its own.
        const [row] = await gate`
          select count(*)::int as waiting from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`;
        if (row!.waiting >= 2) return;
        if (await Promise.race([settled, new Promise((resolve) => setTimeout(() => resolve(false), 50))])) return;
        if (Date.now() > deadline) throw new Error('the writers never reached the articles table');
      }
    });
  } finally {
    await gate.end();
  }
  return running!;
}

const INGEST = `mutation Ingest($input: IngestArticleInput!) {
  ingestArticle(input: $input) { status article { id externalId actors { actor { id } } } }
}`;

describe.each(backends)('the same article ingested at the same moment through the API on %s', (backend) => {
  let database: TestDatabase;
  let client: ReturnType<typeof testClient>;
  const headers = { authorization: `Bearer ${WRITE_TOKEN}` };
  const ingestAtOnce = (inputs: { externalId: string; text: string }[]) =>
    collide(database, () =>
      Promise.all(inputs.map((input) => client.query(INGEST, { input }, headers).then((data) => data.ingestArticle))),
    );

  beforeAll(async () => {
    database = await openTestDatabase(backend, { seed: false });
    client = testClient(database);
  });
  afterAll(() => database?.close());

  it('stores it once, with all its links, when two mutations send it together', async () => {
    const input = { externalId: 'tegelijk_1', text: articleText(0) };
    const results = await ingestAtOnce([input, input]);

    expect(results.map((r) => r.status).sort()).toEqual(['CREATED', 'UNCHANGED']);
    expect(results[0].article.id).toBe(results[1].article.id);
    expect(results[0].article.actors).toEqual(results[1].article.actors);
    await expectEachStoredOnce(database, new Map([[input.text, [input.externalId]]]));
  });

  it('stores each of several articles once when each is sent four times at once', async () => {
    const inputs = [1, 2, 3].map((i) => ({ externalId: `tegelijk_${i + 1}`, text: articleText(i) }));
    const results = await ingestAtOnce(inputs.flatMap((input) => [input, input, input, input]));

    for (const input of inputs) {
      const mine = results.filter((r) => r.article.externalId === input.externalId);
      expect(mine).toHaveLength(4);
      expect(mine.map((r) => r.status).sort()).toEqual(['CREATED', 'UNCHANGED', 'UNCHANGED', 'UNCHANGED']);
      expect(new Set(mine.map((r) => r.article.id)).size).toBe(1);
    }
    await expectEachStoredOnce(database, new Map(inputs.map((input) => [input.text, [input.externalId]])));
  });

  it('stores the same text once when it is sent at once under two external ids, the other as a duplicate', async () => {
    const text = articleText(4);
    const results = await ingestAtOnce([
      { externalId: 'kopie_a', text },
      { externalId: 'kopie_b', text },
    ]);

    expect(results.map((r) => r.status).sort()).toEqual(['CREATED', 'DUPLICATE']);
    expect(results[0].article.id).toBe(results[1].article.id);
    await expectEachStoredOnce(database, new Map([[text, ['kopie_a', 'kopie_b']]]));
  });
});

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Run {
  code: number | string | null;
  stdout: string;
  stderr: string;
}

describe.skipIf(!postgresUrl)('two ingest processes at the same moment on Postgres (needs TEST_DATABASE_URL)', () => {
  let database: TestDatabase;
  let url: string;
  const dir = mkdtempSync(join(tmpdir(), 'cng-concurrent-'));

  /** `npm run ingest -- <paths>` against the test's database, as its own process. */
  const ingest = (...paths: string[]) =>
    new Promise<Run>((resolve) => {
      execFile(
        process.execPath,
        [...nodeArgsFor('src/cli/ingest.ts'), ...paths],
        { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, timeout: 240_000, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) => resolve({ code: error ? (error.code ?? error.signal ?? 'failed') : 0, stdout, stderr }),
      );
    });

  const expectBothSucceeded = (runs: Run[]) => {
    for (const run of runs) expect(run.code, `exit code; stderr:\n${run.stderr.slice(-3000)}`).toBe(0);
  };

  beforeAll(async () => {
    database = await openTestDatabase('postgres', { seed: false });
    url = await urlOf(database);
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores one file once when two processes ingest it together, and both exit 0', async () => {
    const file = join(dir, 'dubbel_proces.txt');
    const text = articleText(40);
    writeFileSync(file, text);

    expectBothSucceeded(await collide(database, () => Promise.all([ingest(file), ingest(file)])));
    await expectEachStoredOnce(database, new Map([[text, ['dubbel_proces']]]));
  }, 300_000);

  it('stores each of three dozen overlapping files once, with all its links, and both exit 0', async () => {
    // Folder a holds articles 0–23, folder b 12–35: twelve files are in both. Each folder also holds the
    // text of article 20 under a name of its own, so three names race for one text.
    const texts = new Map<string, string[]>();
    for (const folder of ['a', 'b']) mkdirSync(join(dir, folder));
    for (let i = 0; i < 36; i++) {
      const name = `verhaal_${String(i).padStart(2, '0')}`;
      const text = articleText(i);
      texts.set(text, [name]);
      if (i < 24) writeFileSync(join(dir, 'a', `${name}.txt`), text);
      if (i >= 12) writeFileSync(join(dir, 'b', `${name}.txt`), text);
    }
    writeFileSync(join(dir, 'a', 'kopie_a.txt'), articleText(20));
    writeFileSync(join(dir, 'b', 'kopie_b.txt'), articleText(20));
    texts.get(articleText(20))!.push('kopie_a', 'kopie_b');

    const before = (await storedArticles(database)).length;
    expectBothSucceeded(await collide(database, () => Promise.all([ingest(join(dir, 'a')), ingest(join(dir, 'b'))])));
    await expectEachStoredOnce(database, texts);
    // Nothing else was stored: these 36 texts.
    expect(await storedArticles(database)).toHaveLength(before + 36);
  }, 300_000);
});

describe.skipIf(!postgresUrl)('a relink and a writer naming the same new person at the same moment on Postgres (needs TEST_DATABASE_URL)', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase('postgres', { seed: false });
  });
  afterAll(() => database?.close());

  it('creates the new person before the relink transaction, so that the writer does not wait for it', async () => {
    const db = database.database.db;
    const article = parseArticle({ externalId: 'herlinkt', text: articleText(3) });
    await storeArticle(db, article, linkArticle(database.linker, article));
    const [stored] = await selectRows(db, sql`select id from articles where external_id = 'herlinkt'`, { id: col.int });
    // An invented person the relinked links name for the first time, on the article's first word.
    const first = article.body.split(/\s/, 1)[0]!;
    const person: ProvisionalActor = {
      key: 'ilse-verschaeren',
      name: 'Ilse Verschaeren',
      kind: 'PERSON',
      description: null,
      mentions: [{ start: 0, end: first.length, text: first, method: 'RULE', confidence: 0.6 }],
    };
    const links = linkArticle(database.linker, article);
    const target = { articleId: stored!.id, publishedOn: article.publishedOn, links: { ...links, provisional: [...links.provisional, person] } };

    let relink: Promise<void> = Promise.resolve();
    let writer: Promise<string> = Promise.resolve('');
    await db.transaction(async (tx) => {
      // Holds the relink inside its transaction, at its grouping, after its links are written.
      await tx.execute(sql`select pg_advisory_xact_lock(${GROUPING_LOCK}::bigint)`);
      relink = replaceLinks(db, [target], undefined, [{ articleId: stored!.id, publishedOn: article.publishedOn, title: article.title, body: article.body }]);
      relink.catch(() => {});
      for (let waiting = false; !waiting; ) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const [row] = await selectRows(db, sql`select count(*)::int as count from pg_locks
              where locktype = 'advisory' and objid = ${GROUPING_LOCK} and not granted
                and database = (select oid from pg_database where datname = current_database())`, { count: col.int });
        waiting = row!.count > 0;
      }
      // Made in the relink's transaction, the person's rows would hold this writer until that
      // transaction commits, which waits for this one: the writer would never finish.
      writer = storeProvisionalActors(db, [person]).then(() => 'stored');
      const outcome = await Promise.race([writer, new Promise<string>((resolve) => setTimeout(() => resolve('waiting'), 5000))]);
      expect(outcome).toBe('stored');
    });
    await relink;
    await writer;
    const named = await selectRows(
      db,
      sql`select count(*)::int as count from article_actors l join actors a on a.id = l.actor_id where a.slug = 'ilse-verschaeren' and l.article_id = ${stored!.id}`,
      { count: col.int },
    );
    expect(named).toEqual([{ count: 1 }]);
  });
});
