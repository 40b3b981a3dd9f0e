import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'lexicon-cache-processes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A process that loads the knowledge base in `files`, builds a linker with its caches in `cache`, and prints what it links. */
const linkInProcess = (files: string, cache: string) =>
  new Promise<{ code: unknown; stdout: string; stderr: string }>((resolve) => {
    const script = `
      const { loadKnowledgeBase } = await import(${JSON.stringify(join(ROOT, 'src/linking/kb.ts'))});
      const { createLinker } = await import(${JSON.stringify(join(ROOT, 'src/linking/linker.ts'))});
      const linker = createLinker(loadKnowledgeBase(${JSON.stringify(files)}, { cache: ${JSON.stringify(cache)} }));
      console.log(JSON.stringify(linker.link({ title: '', body: 'Rudolf Elphberg sprak in Ruritanië; Elphberg zweeg.', publishedOn: '2020-01-01' })));`;
    execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (error.code ?? 'failed') : 0, stdout, stderr }),
    );
  });

it('leaves one whole lexicon cache when two processes build it at once, and both link alike', { timeout: 120_000 }, async () => {
  const files = join(dir, 'kb');
  const cache = join(dir, 'cache');
  mkdirSync(files);
  writeFileSync(join(files, 'states.yaml'), 'kind: STATE\nactors:\n  - slug: ruritania\n    name: Ruritania\n    nameNl: Ruritanië\n');
  writeFileSync(
    join(files, 'people.yaml'),
    'kind: PERSON\nactors:\n  - slug: rudolf\n    name: Rudolf Elphberg\n    nameNl: Rudolf Elphberg\n    surnames: [Elphberg]\n    country: ruritania\n',
  );
  for (let round = 0; round < 2; round++) {
    rmSync(cache, { recursive: true, force: true });
    const runs = await Promise.all([linkInProcess(files, cache), linkInProcess(files, cache)]);
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    expect(runs[1]!.stdout).toBe(runs[0]!.stdout);
    expect(JSON.parse(runs[0]!.stdout).actors.map((a: { slug: string }) => a.slug)).toEqual(['rudolf', 'ruritania']);
    const left = readdirSync(cache);
    expect(left.filter((f) => !f.endsWith('.json'))).toEqual([]);
    const lexicons = left.filter((f) => f.startsWith('knowledge-base-lexicon-'));
    expect(lexicons).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(cache, lexicons[0]!), 'utf8')).format).toBe(1);
  }
  // A third process reads what the two left.
  const again = await linkInProcess(files, cache);
  expect(again.code, again.stderr).toBe(0);
});
