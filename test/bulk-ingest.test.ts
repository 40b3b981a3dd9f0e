import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArticle } from '../src/corpus/parse.js';
import { aggregateDrift, NO_DRIFT } from '../src/db/aggregate-drift.js';
import type { Db } from '../src/db/client.js';
import { col, selectRows } from '../src/db/rows.js';
import { countBacklog } from '../src/ingest/backlog.js';
import { ingestFiles, refreshStatistics } from '../src/ingest/bulk.js';
import { linkArticle, type TextLinker } from '../src/ingest/link.js';
import { storeArticles } from '../src/ingest/store.js';
import { createGenerator } from '../src/synth/generate.js';
import { nodeArgsFor } from './helpers/compiled.js';
import { backends, openTestDatabase, postgresUrl, type TestDatabase } from './helpers/db.js';
import { seedLinking } from './helpers/linking.js';

const { kb } = seedLinking();

/** Writes `n` synthetic articles into a new folder and returns it with the texts by external id. */
function synthFolder(n: number, seed: number): { dir: string; texts: Map<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'cng-bulk-'));
  const generator = createGenerator(kb, seed);
  const texts = new Map<string, string>();
  for (let i = 0; i < n; i++) {
    const { externalId, text } = generator.next();
    writeFileSync(join(dir, `${externalId}.txt`), text);
    texts.set(externalId, text);
  }
  return { dir, texts };
}

/** What the linker makes of a text: actor slugs with mention counts, and conflict slugs. */
function expectedLinks(linker: TextLinker, externalId: string, text: string): string {
  const article = parseArticle({ externalId, text });
  const links = linkArticle(linker, article);
  const bySlug = (a: { slug: string }, b: { slug: string }) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
  // A provisional actor is named by its key: its slug is the key only while no other actor holds that
  // slug (a name the linker held back for want of context can be a knowledge-base actor's slug).
  const provisional = links.provisional.map((p) => ({ slug: p.key, mentions: p.mentions }));
  const actors = [...links.actors, ...provisional].filter((a) => a.mentions.length > 0).sort(bySlug);
  const conflicts = [...links.conflicts].sort(bySlug);
  return `${actors.map((a) => `${a.slug}×${a.mentions.length}`).join(' ')} | ${conflicts.map((c) => c.slug).join(' ')}`;
}

/**
 * The same, read back from the database per external id; mentions counted from their own table, a
 * provisional actor named by its key.
 */
async function storedLinks(db: Db): Promise<Map<string, string>> {
  const actorName = sql`case when x.status = 'PROVISIONAL' then (select min(n.key) from actor_names n where n.actor_id = x.id) else x.slug end`;
  const rows = await selectRows(
    db,
    sql`select a.external_id as "externalId",
          coalesce((select string_agg(${actorName} || '×' || (select count(*) from mentions m where m.article_id = a.id and m.actor_id = x.id), ' ' order by ${actorName} collate "C")
             from article_actors aa join actors x on x.id = aa.actor_id where aa.article_id = a.id), '')
          || ' | ' ||
          coalesce((select string_agg(c.slug, ' ' order by c.slug collate "C")
             from article_conflicts ac join conflicts c on c.id = ac.conflict_id where ac.article_id = a.id), '') as links
        from articles a`,
    { externalId: col.text, links: col.text },
  );
  return new Map(rows.map((r) => [r.externalId, r.links]));
}

/** Stored articles counted neither by the counters' ledger nor waiting in the backlog, and the backlog's size. */
async function uncounted(db: Db): Promise<{ lost: number; backlog: number }> {
  const [row] = await selectRows(
    db,
    sql`select (select count(*)::int from articles a where not exists (select from aggregated_articles g where g.article_id = a.id)
                  and not exists (select from aggregate_backlog b where b.article_id = a.id)) as lost,
               (select count(*)::int from aggregate_backlog) as backlog`,
    { lost: col.int, backlog: col.int },
  );
  return row!;
}

describe.each(backends)('bulk ingest on %s', (backend) => {
  let database: TestDatabase;
  let folder: ReturnType<typeof synthFolder>;

  beforeAll(async () => {
    database = await openTestDatabase(backend, { seed: false });
    folder = synthFolder(120, 11);
  });
  afterAll(async () => {
    await database?.close();
    rmSync(folder.dir, { recursive: true, force: true });
  });

  it('stores every file once with the links the linker makes, through worker threads, in small batches, and on a second run links only what changed', async () => {
    // A copy of one text under another name, and a file that is not an article.
    const [firstId, firstText] = [...folder.texts][0]!;
    writeFileSync(join(folder.dir, 'zz_copy.txt'), firstText);
    writeFileSync(join(folder.dir, 'zz_bad.txt'), 'geen datumregel\n');
    const failures: string[] = [];
    const files = [...folder.texts.keys()].map((id) => join(folder.dir, `${id}.txt`));
    files.push(join(folder.dir, 'zz_copy.txt'), join(folder.dir, 'zz_bad.txt'));

    const summary = await ingestFiles(database.database.db, files, {
      linker: database.linker,
      workers: 2,
      batchSize: 25,
      onFailure: (path) => failures.push(path),
    });
    expect(summary).toMatchObject({ total: 122, read: 122, created: 120, duplicates: 1, failed: 1, unchanged: 0 });
    expect(failures).toEqual([join(folder.dir, 'zz_bad.txt')]);
    // Counted once at the end of the load: the counters are exact and nothing waits.
    expect(await aggregateDrift(database.database.db)).toEqual(NO_DRIFT);
    expect(await uncounted(database.database.db)).toEqual({ lost: 0, backlog: 0 });

    // The load made the corpus: the planner's statistics are renewed to count it.
    const plannedRows = async () =>
      (await selectRows(database.database.db, sql`select reltuples::int as n from pg_class where relname = 'articles'`, { n: col.int }))[0]!.n;
    expect(await plannedRows()).not.toBe(120);
    expect(await refreshStatistics(database.database.db, summary)).toEqual(expect.any(Number));
    expect(await plannedRows()).toBe(120);

    const stored = await storedLinks(database.database.db);
    expect(stored.size).toBe(120);
    for (const [id, text] of folder.texts) expect(stored.get(id), id).toBe(expectedLinks(database.linker, id, text));
    expect(stored.has('zz_copy')).toBe(false);
    expect(stored.get(firstId)).toBeDefined();

    // A second run over the same folder, one file changed since: that one is linked and stored again.
    const [id, text] = [...folder.texts][5]!;
    const changed = text.replace(/\.\s/, '. De Verenigde Naties roepen op tot een staakt-het-vuren. ');
    writeFileSync(join(folder.dir, `${id}.txt`), changed);
    const again = await ingestFiles(database.database.db, files.slice(0, -2), { linker: database.linker, workers: 0, batchSize: 50 });
    expect(again).toMatchObject({ read: 120, created: 0, updated: 1, unchanged: 119, failed: 0 });
    // One article of 120 is no reason to analyze again.
    expect(await refreshStatistics(database.database.db, again)).toBeNull();
    const restored = await storedLinks(database.database.db);
    expect(restored.get(id)).toBe(expectedLinks(database.linker, id, changed));
    expect(restored.get(id)).toContain('united-nations');
    expect(await aggregateDrift(database.database.db)).toEqual(NO_DRIFT);
  });

  it('leaves the counts of a batch stored with deferCounts to the backlog, which the next load counts', async () => {
    const { dir, texts } = synthFolder(6, 12);
    try {
      const items = [...texts].map(([externalId, text]) => {
        const article = parseArticle({ externalId, text });
        return { article, links: { ...linkArticle(database.linker, article) } };
      });
      await storeArticles(database.database.db, items, undefined, { deferCounts: true });
      expect(await uncounted(database.database.db)).toEqual({ lost: 0, backlog: 6 });
      const drift = await aggregateDrift(database.database.db);
      expect(drift['corpus_month_counts']).toBeGreaterThan(0);
      // A load with nothing new to store still counts what an earlier one left.
      const files = [...texts.keys()].map((id) => join(dir, `${id}.txt`));
      expect(await ingestFiles(database.database.db, files, { linker: database.linker, workers: 0 })).toMatchObject({ unchanged: 6, created: 0 });
      expect(await uncounted(database.database.db)).toEqual({ lost: 0, backlog: 0 });
      expect(await aggregateDrift(database.database.db)).toEqual(NO_DRIFT);
      expect(await countBacklog(database.database.db)).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!postgresUrl)('npm run ingest, killed halfway and run again (Postgres)', () => {
  let database: TestDatabase;
  let folder: ReturnType<typeof synthFolder>;
  const ARTICLES = 600;

  beforeAll(async () => {
    database = await openTestDatabase('postgres', { seed: false });
    folder = synthFolder(ARTICLES, 23);
  });
  afterAll(async () => {
    await database?.close();
    rmSync(folder.dir, { recursive: true, force: true });
  });

  const start = () =>
    spawn(process.execPath, [...nodeArgsFor('src/cli/ingest.ts'), '--batch-size', '30', '--workers', '1', folder.dir], {
      cwd: new URL('..', import.meta.url).pathname,
      env: { ...process.env, DATABASE_URL: database.database.url! },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const storedCount = async () =>
    (await selectRows(database.database.db, sql`select count(*)::int as n from articles`, { n: col.int }))[0]!.n;

  // A COMMIT the killed process had already sent still completes, and Postgres ends the other
  // transactions only when it notices the closed socket: the stored state is final once no
  // session of this database is inside a statement or a transaction any more.
  const untilBackendsSettle = async () => {
    for (let i = 0; i < 100; i++) {
      const [row] = await selectRows(
        database.database.db,
        sql`select count(*)::int as n from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid() and state is distinct from 'idle'`,
        { n: col.int },
      );
      if (row!.n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the killed ingest left sessions busy for 10 s');
  };

  it('leaves whole articles only, and completes every article exactly once', async () => {
    const first = start();
    const exited = new Promise((resolve) => first.on('exit', resolve));
    let atKill = 0;
    for (let i = 0; i < 600 && atKill < 90; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      atKill = await storedCount();
    }
    first.kill('SIGKILL');
    await exited;
    await untilBackendsSettle();
    const afterKill = await storedLinks(database.database.db);
    expect(afterKill.size).toBeGreaterThanOrEqual(90);
    expect(afterKill.size).toBeLessThan(ARTICLES);
    expect(afterKill.size % 30, 'whole batches only').toBe(0);
    for (const [id, links] of afterKill) expect(links, id).toBe(expectedLinks(database.linker, id, folder.texts.get(id)!));
    // The load counts at its end: every article that committed is counted or waits in the backlog,
    // and once the backlog is counted the counters are exact (no batch counted without its articles).
    expect((await uncounted(database.database.db)).lost).toBe(0);
    expect((await uncounted(database.database.db)).backlog).toBeGreaterThan(0);

    const second = start();
    let stdout = '';
    second.stdout.on('data', (chunk) => (stdout += chunk));
    const code = await new Promise((resolve) => second.on('exit', resolve));
    expect(code, stdout).toBe(0);
    expect(stdout).toContain(`new ${ARTICLES - afterKill.size}`);
    expect(stdout).toContain(`unchanged ${afterKill.size}`);

    const stored = await storedLinks(database.database.db);
    expect(stored.size).toBe(ARTICLES);
    for (const [id, text] of folder.texts) expect(stored.get(id), id).toBe(expectedLinks(database.linker, id, text));
    expect(await aggregateDrift(database.database.db)).toEqual(NO_DRIFT);
    expect(await uncounted(database.database.db)).toEqual({ lost: 0, backlog: 0 });
  }, 180_000);
});
