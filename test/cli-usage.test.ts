import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };

/** Every npm script that runs a command of src/cli/, with the command's file name (the first script naming it). */
const commands = new Map<string, string>();
for (const [script, line] of Object.entries(pkg.scripts)) {
  const file = /\bsrc\/cli\/([\w-]+)\.ts\b/.exec(line)?.[1];
  if (file && !commands.has(file)) commands.set(file, script);
}

describe('every command answers a command line it cannot follow with its usage line', () => {
  it('finds the commands', () => {
    expect([...commands.keys()]).toEqual(expect.arrayContaining(['ingest', 'migrate', 'relink', 'export', 'kb-import', 'soak', 'bench']));
  });

  for (const [file, script] of commands) {
    it(`npm run ${script}: an unknown option is exit 2 with the usage line on stderr, no stack trace`, async () => {
      // A database that cannot be opened: the command must stop before it tries.
      const result = await runCli(file, ['--no-such-option'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', PGLITE_DIR: '/nonexistent/pglite' });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(`${script}: Unknown option '--no-such-option'`);
      expect(result.stderr).toMatch(new RegExp(`^Usage: npm run ${script.replace(':', '\\:')}\\b`, 'm'));
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stdout).toBe('');
    });
  }

  it('a value out of range is a usage error too, naming the option', async () => {
    const result = await runCli('bench-link', ['--rounds', 'many'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('bench:link: --rounds must be a whole number ≥ 1, got "many"');
    expect(result.stderr).toMatch(/^Usage: npm run bench:link/m);
  });

  it('refuses an ingest batch larger than the lock table can take in one transaction', async () => {
    const result = await runCli('ingest', ['--batch-size', '20000', 'seeds/articles'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ingest: --batch-size must be a whole number from 1 to 2000, got "20000"');
  });

  it('--help prints the help on stdout and exits 0', async () => {
    const result = await runCli('migrate', ['--help'], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run db:migrate\n/);
  });
});
