import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { compiledDirFor, compileForRun, removeCompiled, warmCaches } from './helpers/compiled.js';
import { buildTemplates } from './helpers/templates.js';

/** What every test file of one run shares: where the database templates of this run live. */
export interface TestRun {
  /** A folder for this run's PGlite templates and clones; removed at the end of the run. */
  dir: string;
  /** Names this run's Postgres templates (`tpl_<id>_…`), so the end of the run drops its own and no one else's. */
  id: string;
  /** src/ compiled to JavaScript for the processes tests start (test/helpers/compiled.ts). */
  compiled: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    testRun: TestRun;
  }
}

/**
 * Runs once per `vitest run` (or watch session), before any worker: builds the database templates
 * (a test file that finds its template's content changed, in watch mode, builds a new one itself).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const id = randomBytes(4).toString('hex');
  const run: TestRun = { dir: mkdtempSync(join(tmpdir(), 'cng-test-run-')), id, compiled: compiledDirFor(id) };
  project.provide('testRun', run);
  // The config's `env` (the fast tier clears the Postgres URL) is what the workers will see.
  const env = { ...process.env, ...project.config.env };
  const teardown = async () => {
    rmSync(run.dir, { recursive: true, force: true });
    removeCompiled(run.compiled);
    const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
    if (!url) return;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const templates = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`tpl\\_${run.id}\\_%`}`;
      for (const { datname } of templates) await admin.unsafe(`drop database if exists ${datname} with (force)`);
    } finally {
      await admin.end({ timeout: 5 });
    }
  };
  try {
    // The compiler, and then the caches of the compiled code, run beside the template builds, which wait on
    // databases more than on the CPU.
    const compiling = compileForRun(id).then(() => warmCaches(run.compiled));
    await Promise.all([buildTemplates(run, env.TEST_DATABASE_URL || env.DATABASE_URL || null), compiling]);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
