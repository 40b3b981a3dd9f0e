import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { prepare, seedIfEmpty, type Prepared } from '../../src/prepare-database.js';
import { seedLinking } from './linking.js';

/**
 * Migrating, syncing the ~5,400 actors of the knowledge base and ingesting the seed corpus takes
 * seconds per database (PGlite most), and nearly every test file wants such a database on each
 * backend. So each kind (seeded or not, per backend) is built once per test run, through the same
 * `prepare` and `seedIfEmpty` the server uses, and every test gets a copy: a Postgres database made
 * with `create database … template`, or a copy of a closed PGlite folder.
 */

const root = new URL('../..', import.meta.url).pathname;

/**
 * Everything a template's content follows from: the migrations, the knowledge base and seed
 * articles, and the code that migrates, syncs, links and stores (all of src/, to be safe). Taken
 * per test file, so a watch session that edits any of them builds new templates.
 */
function contentKey(): string {
  const hash = createHash('sha256');
  for (const folder of ['migrations', 'seeds', 'src']) {
    const files = (readdirSync(join(root, folder), { recursive: true }) as string[]).sort();
    for (const file of files) {
      const path = join(root, folder, file);
      if (!statSync(path).isFile()) continue;
      hash.update(`${folder}/${file}\0`).update(readFileSync(path)).update('\0');
    }
  }
  return hash.digest('hex').slice(0, 12);
}

let key: string | undefined;
const templateKey = () => (key ??= contentKey());

/** The run's shared folder and id, or null outside a run started with test/global-setup.ts. */
function testRun(): { dir: string; id: string } | null {
  try {
    return inject('testRun') ?? null;
  } catch {
    return null;
  }
}

export const templatesAvailable = () => testRun() !== null;

export interface OpenOptions {
  onQuery: (query: string, params: unknown[]) => void;
}

/** What `prepare` returns, for a copy of a database that `prepare` already made: nothing to migrate or sync. */
export async function openPrepared(options: { url?: string; dataDir?: string } & Partial<OpenOptions>): Promise<Prepared> {
  const { linker, fingerprint } = seedLinking();
  const database = await openDatabase({ ...options, maxConnections: 4 });
  return { database, replicas: [], linker, fingerprint };
}

// ---------------------------------------------------------------- PGlite: a closed folder, copied

/**
 * One process builds a folder while the others wait: `mkdir` of the lock is atomic. A lock whose
 * builder died (its pid is gone) is taken over.
 */
async function once(target: string, build: (into: string) => Promise<void>): Promise<void> {
  const lock = `${target}.lock`;
  for (;;) {
    if (existsSync(target)) return;
    try {
      mkdirSync(lock);
    } catch {
      const pid = holder(lock);
      if (pid && !alive(pid)) rmSync(lock, { recursive: true, force: true });
      await sleep(100);
      continue;
    }
    try {
      writeFileSync(join(lock, 'pid'), String(process.pid));
      if (existsSync(target)) return;
      const building = `${target}.building`;
      rmSync(building, { recursive: true, force: true });
      await build(building);
      renameSync(building, target);
      return;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

function holder(lock: string): number {
  try {
    return Number(readFileSync(join(lock, 'pid'), 'utf8'));
  } catch {
    return 0; // not written yet, or the lock is gone already
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

type Run = { dir: string; id: string };

async function pgliteTemplate(run: Run, seed: boolean): Promise<string> {
  const bare = join(run.dir, `pglite-${templateKey()}-bare`);
  await once(bare, async (into) => {
    const prepared = await prepare({ dataDir: into, linking: seedLinking() });
    await prepared.database.close();
  });
  if (!seed) return bare;
  const seeded = join(run.dir, `pglite-${templateKey()}-seeded`);
  await once(seeded, async (into) => {
    cpSync(bare, into, { recursive: true });
    const prepared = await openPrepared({ dataDir: into, onQuery: () => {} });
    try {
      await seedIfEmpty(prepared);
    } finally {
      await prepared.database.close();
    }
  });
  return seeded;
}

/** A closed PGlite folder of the caller's own, copied from this run's template, for this process or another to open. */
export async function pgliteFolder(seed: boolean): Promise<{ dataDir: string; remove: () => void }> {
  const template = await pgliteTemplate(testRun()!, seed);
  const dataDir = join(testRun()!.dir, `db-${randomBytes(6).toString('hex')}`);
  cpSync(template, dataDir, { recursive: true });
  return { dataDir, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** A PGlite database of its own for the caller, copied from this run's template; `remove` deletes its folder. */
export async function clonePglite(seed: boolean, options: OpenOptions): Promise<{ prepared: Prepared; remove: () => void }> {
  const { dataDir, remove } = await pgliteFolder(seed);
  try {
    return { prepared: await openPrepared({ dataDir, ...options }), remove };
  } catch (error) {
    remove();
    throw error;
  }
}

// ---------------------------------------------------------------- Postgres: create database … template

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/**
 * Builds `name` once on this server: under an advisory lock (a session lock, so it goes with a
 * builder that dies), into another name that is renamed only when complete.
 */
async function postgresOnce(admin: postgres.Sql, adminUrl: string, name: string, build: (url: string, building: string) => Promise<void>): Promise<void> {
  const exists = async () => (await admin`select 1 from pg_database where datname = ${name}`).length > 0;
  if (await exists()) return;
  const lock = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await lock`select pg_advisory_lock(hashtext(${name}))`;
    if (await exists()) return;
    const building = `${name}_b`;
    await admin.unsafe(`drop database if exists ${building} with (force)`);
    await build(withDatabase(adminUrl, building), building);
    await admin.unsafe(`alter database ${building} rename to ${name}`);
  } finally {
    await lock.end({ timeout: 5 });
  }
}

async function postgresTemplate(run: Run, admin: postgres.Sql, adminUrl: string, seed: boolean): Promise<string> {
  const prefix = `tpl_${run.id}_${templateKey()}`;
  const bare = `${prefix}_bare`;
  await postgresOnce(admin, adminUrl, bare, async (url, building) => {
    await admin.unsafe(`create database ${building}`);
    const prepared = await prepare({ url, linking: seedLinking() });
    await prepared.database.close();
  });
  if (!seed) return bare;
  const seeded = `${prefix}_seeded`;
  await postgresOnce(admin, adminUrl, seeded, async (url, building) => {
    await admin.unsafe(`create database ${building} template ${bare}`);
    const prepared = await openPrepared({ url, onQuery: () => {} });
    try {
      await seedIfEmpty(prepared);
    } finally {
      await prepared.database.close();
    }
  });
  return seeded;
}

/** The name of this run's Postgres template (built first when missing), to `create database … template` it. */
export async function postgresTemplateName(adminUrl: string, seed: boolean): Promise<string> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    return await postgresTemplate(testRun()!, admin, adminUrl, seed);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/** A Postgres database of its own for the caller, created from this run's template; `drop` drops it. */
export async function clonePostgres(adminUrl: string, seed: boolean, options: OpenOptions): Promise<{ prepared: Prepared; drop: () => Promise<void> }> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const name = `test_${randomBytes(6).toString('hex')}`;
  try {
    const template = await postgresTemplate(testRun()!, admin, adminUrl, seed);
    await admin.unsafe(`create database ${name} template ${template}`);
    const prepared = await openPrepared({ url: withDatabase(adminUrl, name), ...options });
    return {
      prepared,
      drop: async () => {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  } catch (error) {
    await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.end();
    throw error;
  }
}

/**
 * Builds every template of a run before any test file starts (from the global setup), so no test
 * file's setup waits for a build under its hook timeout; PGlite and Postgres are built side by side.
 */
export async function buildTemplates(run: Run, postgresUrl: string | null): Promise<void> {
  const builds: Promise<unknown>[] = [pgliteTemplate(run, true)];
  if (postgresUrl) {
    const admin = postgres(postgresUrl, { max: 1, onnotice: () => {} });
    builds.push(postgresTemplate(run, admin, postgresUrl, true).finally(() => admin.end({ timeout: 5 })));
  }
  await Promise.all(builds);
}
