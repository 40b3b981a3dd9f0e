import { execSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { DataDirInUseError, lockDataDir, readHolder } from '../src/db/pglite-dir.js';
import { runCli, type CliResult } from './helpers/cli.js';
import { postGraphQL, servingAt, spawnServer, type ServerProcess } from './helpers/server.js';
import { pgliteFolder } from './helpers/templates.js';

const TOKEN = 'pglite-lock-test-token-0123';

/** A short article of our own in the corpus format, different for each n. */
function article(n: number): string {
  return ` date 2023-0${1 + (n % 9)} De Verenigde Naties melden nieuwe gevechten in het oosten van Oekraïne, dag ${n}.

Volgens waarnemers trokken Russische troepen zich terug uit een dorp bij Charkiv.

bron: Belga`;
}

const ARTICLE = `query($id: String!) { article(externalId: $id) { externalId title } }`;
const COUNT = `{ articles(first: 1) { totalCount } }`;

async function externalIds(base: string, ids: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const id of ids) {
    const { body } = await postGraphQL(base, ARTICLE, { id });
    expect(body.errors).toBeUndefined();
    if (body.data.article) found.push(body.data.article.externalId);
  }
  return found;
}

function show(result: CliResult): string {
  return `exit ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
}

describe('the lock on a PGlite folder, in one process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cng-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is refused a second time, naming this process, and taken again once released', async () => {
    const release = await lockDataDir(dir, 'http://127.0.0.1:9');
    expect(readHolder(dir)).toMatchObject({ pid: process.pid, hostname: hostname(), url: 'http://127.0.0.1:9' });
    const second = await lockDataDir(dir).then(
      () => null,
      (error: unknown) => error,
    );
    expect(second).toBeInstanceOf(DataDirInUseError);
    expect((second as Error).message).toContain(`the server at http://127.0.0.1:9 (pid ${process.pid}`);
    await release();
    expect(readHolder(dir)).toBeNull();
    expect(readdirSync(dir)).toEqual([]);
    await (await lockDataDir(dir))();
  });

  it('takes over at once from a holder whose process is gone, and never from a live one', async () => {
    // The lock as a process leaves it when killed: the lock folder and the record naming it.
    const leave = (pid: number) => {
      mkdirSync(join(dir, 'holder.lock'), { recursive: true });
      writeFileSync(join(dir, 'holder.json'), JSON.stringify({ pid, hostname: hostname(), command: 'src/main.ts', since: new Date().toISOString() }));
    };
    leave(spawnSync(process.execPath, ['-e', '']).pid!);
    // The lock was touched just now, so it is not stale: only the dead pid lets it be taken (a live one throws).
    const release = await lockDataDir(dir);
    expect(readHolder(dir)?.pid).toBe(process.pid);
    await release();

    leave(process.ppid);
    await expect(lockDataDir(dir)).rejects.toThrow(`\`src/main.ts\` (pid ${process.ppid}`);
    expect(readHolder(dir)?.pid).toBe(process.ppid);
  });

  it('stops ingest with exit 1 while a command (not a server) holds the folder, naming it', async () => {
    const folder = join(dir, 'held');
    const release = await lockDataDir(folder);
    const text = join(dir, 'held_article.txt');
    writeFileSync(text, article(9));
    try {
      const result = await runCli('ingest', [text], { DATABASE_URL: '', PGLITE_DIR: folder, WRITE_TOKEN: TOKEN });
      expect(result.code, show(result)).toBe(1);
      expect(result.stderr).toContain(`(pid ${process.pid}`);
      expect(result.stderr).toContain(`wait until it has finished (or stop it: kill ${process.pid})`);
      expect(existsSync(join(folder, 'PG_VERSION'))).toBe(false);
    } finally {
      await release();
    }
  }, 60_000);
});

describe('a server and the CLI on one PGlite folder', () => {
  const root = mkdtempSync(join(tmpdir(), 'cng-lock-cli-'));
  const files = join(root, 'articles');
  mkdirSync(files);
  /** Every folder of these tests: a copy of the seeded database, so that no server builds one first. */
  const folders: (() => void)[] = [];
  const servers: ServerProcess[] = [];
  afterAll(() => {
    for (const server of servers) server.child.kill('SIGKILL');
    for (const remove of folders) remove();
    rmSync(root, { recursive: true, force: true });
  });

  async function seededFolder(): Promise<string> {
    const { dataDir, remove } = await pgliteFolder(true);
    folders.push(remove);
    return dataDir;
  }
  const envOf = (dataDir: string) => ({ DATABASE_URL: '', PGLITE_DIR: dataDir, REDIS_URL: '' });
  const file = (name: string, n: number) => {
    const path = join(files, `${name}.txt`);
    writeFileSync(path, article(n));
    return path;
  };
  async function start(dataDir: string): Promise<{ server: ServerProcess; base: string }> {
    const server = spawnServer({ PGLITE_DIR: dataDir, WRITE_TOKEN: TOKEN });
    servers.push(server);
    return { server, base: await servingAt(server, 150_000) };
  }

  describe('while the server runs', () => {
    let dataDir: string;
    let env: ReturnType<typeof envOf>;
    let server: ServerProcess;
    let base: string;

    beforeAll(async () => {
      dataDir = await seededFolder();
      env = envOf(dataDir);
      ({ server, base } = await start(dataDir));
    }, 180_000);

    it('records the server that holds the folder, and refuses a second server naming the first', async () => {
      expect(readHolder(dataDir)).toMatchObject({ pid: server.child.pid, url: base });
      const second = spawnServer({ PGLITE_DIR: dataDir, WRITE_TOKEN: TOKEN });
      expect(await second.exited).toBe(1);
      expect(second.output()).toContain(`in use by the server at ${base} (pid ${server.child.pid}`);
      expect(second.output()).toContain('Stop that server first');
    }, 60_000);

    it('ingests through the server when the token is set: the article is served at once', async () => {
      const result = await runCli('ingest', [file('cli_via_server', 1)], { ...env, WRITE_TOKEN: TOKEN });
      expect(result.code, show(result)).toBe(0);
      expect(result.stdout).toContain(`The server at ${base} (pid ${server.child.pid}) has the folder open`);
      expect(result.stdout).toContain('read 1, new 1, updated 0, unchanged 0, duplicates 0, failed 0');
      expect(await externalIds(base, ['cli_via_server'])).toEqual(['cli_via_server']);
    }, 60_000);

    it('without the token, or with a wrong one, stops with exit 1 naming the server’s pid and port, and stores nothing', async () => {
      const [bare, wrong] = await Promise.all([
        runCli('ingest', [file('cli_no_token', 2)], { ...env, WRITE_TOKEN: '' }),
        runCli('ingest', [file('cli_bad_token', 3)], { ...env, WRITE_TOKEN: `${TOKEN}-wrong` }),
      ]);
      expect(bare.code, show(bare)).toBe(1);
      expect(bare.stdout).not.toContain('new 1');
      expect(bare.stderr).toContain(`the server at ${base} (pid ${server.child.pid}`);
      expect(bare.stderr).toContain('Set WRITE_TOKEN');
      expect(bare.stderr).toContain(`kill ${server.child.pid}`);
      expect(wrong.code, show(wrong)).toBe(1);
      expect(wrong.stderr).toContain(`the server at ${base} does not accept this WRITE_TOKEN`);
      expect(await externalIds(base, ['cli_no_token', 'cli_bad_token'])).toEqual([]);
    }, 60_000);

    it('refuses relink and export while the server holds the folder; --dry-run writes nothing', async () => {
      const [relink, exported, dry] = await Promise.all([
        runCli('relink', [], env),
        runCli('export', ['--format', 'ndjson'], env),
        runCli('ingest', ['--dry-run', file('dry_run', 4)], env),
      ]);
      for (const result of [relink, exported]) {
        expect(result.code, show(result)).toBe(1);
        expect(result.stderr).toContain(`the server at ${base} (pid ${server.child.pid}`);
        expect(result.stderr).toContain(`stop the server (kill ${server.child.pid})`);
      }
      expect(exported.stdout).toBe('');
      expect(dry.code, show(dry)).toBe(0);
      expect(dry.stdout).toContain('nothing was written');
      expect(await externalIds(base, ['dry_run'])).toEqual([]);
    }, 90_000);
  });

  // One story on a folder of its own: each step starts from where the one before left the folder.
  it('keeps every article through a stop and two exports, a restart once a command lets go, and a restart after a kill', async () => {
    const dataDir = await seededFolder();
    const env = envOf(dataDir);
    let { server, base } = await start(dataDir);

    // An article through the API, then the server stops and lets go of the folder.
    const mutation = `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { status } }`;
    const posted = await postGraphQL(base, mutation, { input: { externalId: 'via_mutation', text: article(5) } }, { authorization: `Bearer ${TOKEN}` });
    expect(posted.body.errors).toBeUndefined();
    expect(posted.body.data.ingestArticle.status).toBe('CREATED');
    const stored = ['via_mutation'];
    const total = (await postGraphQL(base, COUNT)).body.data.articles.totalCount as number;
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(existsSync(join(dataDir, 'holder.lock'))).toBe(false);
    expect(readHolder(dataDir)).toBeNull();

    // Two exports of the stopped folder: the same lines, every article.
    const first = await runCli('export', ['--format', 'ndjson'], env);
    const second = await runCli('export', ['--format', 'ndjson'], env);
    for (const result of [first, second]) {
      expect(result.code, show(result)).toBe(0);
      expect(result.stderr).toContain(`exported ${total} articles`);
    }
    expect(second.stdout).toBe(first.stdout);
    const ids = first.stdout.trim().split('\n').map((line) => JSON.parse(line).id as string);
    expect(ids).toEqual(expect.arrayContaining(stored));

    // A server started while a command holds the folder waits for it, saying so, then serves it all.
    const release = await lockDataDir(dataDir);
    server = spawnServer({ PGLITE_DIR: dataDir, WRITE_TOKEN: TOKEN });
    servers.push(server);
    await server.waitFor(new RegExp(`in use by \`[^\`]+\` \\(pid ${process.pid}, .*trying again`), 120_000);
    await release();
    base = await servingAt(server, 150_000);
    expect((await postGraphQL(base, COUNT)).body.data.articles.totalCount).toBe(total);
    expect(await externalIds(base, stored)).toEqual(stored);
    // The unique indexes still find what is stored: the same article again, as a file, changes nothing.
    writeFileSync(join(files, 'via_mutation.txt'), article(5));
    const again = await runCli('ingest', [join(files, 'via_mutation.txt')], { ...env, WRITE_TOKEN: TOKEN });
    expect(again.stdout, show(again)).toContain('unchanged 1');

    // A server that was killed leaves its lock behind, and does not keep the next one from starting.
    const killed = server.child.pid;
    expect(await server.stop('SIGKILL')).toBeNull();
    expect(readHolder(dataDir)?.pid).toBe(killed);
    ({ server, base } = await start(dataDir));
    expect(readHolder(dataDir)?.pid).toBe(server.child.pid);
    expect(await externalIds(base, stored)).toEqual(stored);
    expect(server.output()).not.toContain('in use');
    expect(await server.stop('SIGTERM')).toBe(0);
  }, 600_000);

  it('reads an export only from a migrated database, and names a damaged folder with the way out', async () => {
    const dataDir = await seededFolder();
    const env = envOf(dataDir);
    // One migration undone: an export says so instead of migrating.
    const database = await openDatabase({ dataDir });
    await database.db.execute(sql`delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)`);
    await database.close();
    const behind = await runCli('export', ['--format', 'csv'], env);
    expect(behind.code, show(behind)).toBe(1);
    expect(behind.stderr).toContain('is not migrated to this version of the code: run `npm run db:migrate`');

    // Random bytes over the write-ahead log: PGlite can no longer find its last checkpoint.
    const wal = join(dataDir, 'pg_wal');
    for (const name of readdirSync(wal).filter((entry) => /^[0-9A-F]{24}$/.test(entry))) {
      const handle = openSync(join(wal, name), 'r+');
      writeSync(handle, randomBytes(256 * 1024), 0, 256 * 1024, 0);
      closeSync(handle);
    }
    const damaged = spawnServer({ PGLITE_DIR: dataDir, WRITE_TOKEN: TOKEN });
    servers.push(damaged);
    expect(await damaged.exited, damaged.output()).toBe(1);
    const exported = await runCli('export', ['--format', 'csv'], env);
    expect(exported.code, show(exported)).toBe(1);
    for (const output of [damaged.output(), exported.stderr]) {
      expect(output).toMatch(new RegExp(`PGlite cannot open the database in ${dataDir} \\((Aborted\\(\\)|PGlite failed to initialize properly)\\)`));
      expect(output).not.toMatch(/RuntimeError|wasm-function|at .*\.js:\d+/);
    }
    // The way out the message gives, run as given.
    const command = /^ {2}(mv .*)$/m.exec(exported.stderr)![1]!;
    execSync(command);
    const aside = command.split(' ')[2]!;
    folders.push(() => rmSync(aside, { recursive: true, force: true }));
    expect(existsSync(join(aside, 'PG_VERSION'))).toBe(true);
    expect(existsSync(dataDir)).toBe(false);
  }, 180_000);
});
