import { execFile } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { inject } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;

/**
 * src/ compiled to JavaScript for the processes a test run starts (servers, commands), once per run:
 * started through tsx, each costs a second or two of CPU more, for its loader and the transforms,
 * and the suite starts about a hundred. Type checking is `tsc --noEmit`'s job, so this only emits,
 * file by file with esbuild (under a second, where `tsc --noCheck` took 6–7 s of CPU at the start of
 * every run): `isolatedModules` and `verbatimModuleSyntax` make a file's JavaScript depend on that
 * file alone, so both give the same modules.
 * The folder sits at the top of the checkout, as dist/ does, so paths that the code takes from its
 * own place (`../../seeds`, `../schema`) resolve as they do from src/ and in production.
 */
export function compiledDirFor(id: string): string {
  return join(root, `.test-dist-${id}`);
}

/** Writes the compiled run's files into `compiledDirFor(id)`. */
export async function compileForRun(id: string): Promise<void> {
  // The files src/tsconfig.build.json compiles: all of src/ but the browser's explorer.
  const sources = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.startsWith('explore/'))
    .map((file) => join(root, 'src', file));
  await build({
    entryPoints: sources,
    outbase: join(root, 'src'),
    outdir: compiledDirFor(id),
    tsconfig: join(root, 'src/tsconfig.build.json'),
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'error',
  });
}

/**
 * Builds, in one process of the compiled code, what the processes a run starts read from the cache (.data/cache/):
 * the seeds' knowledge base, its linker's lexicon and the gazetteer. Cold, these take some 11 s of CPU (the
 * gazetteer 5 of them); a process started before any other had written them built them all again, and the first
 * processes of a run started side by side. Warm, a process reads them in about 2 s. The caches of a compiled run
 * carry the same name from run to run (`codeVariant`, src/linking/kb-cache.ts), so a second run with the same code
 * finds them made.
 */
export async function warmCaches(dir: string): Promise<void> {
  const module = (file: string) => JSON.stringify(pathToFileURL(join(dir, file)).href);
  const script = [
    `const { loadKnowledgeBase } = await import(${module('linking/kb.js')});`,
    `const { createLinker } = await import(${module('linking/linker.js')});`,
    `const { loadGazetteer } = await import(${module('linking/gazetteer.js')});`,
    `const { createPlaceLinker } = await import(${module('linking/places.js')});`,
    'const kb = loadKnowledgeBase();',
    'createLinker(kb);',
    'createPlaceLinker(loadGazetteer(), kb);',
  ].join('\n');
  await promisify(execFile)(process.execPath, ['--input-type=module', '--eval', script], { cwd: root, maxBuffer: 1 << 24 });
}

export function removeCompiled(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

function compiledDir(): string | null {
  try {
    const dir = inject('testRun')?.compiled;
    return dir && existsSync(dir) ? dir : null;
  } catch {
    return null;
  }
}

/**
 * The node arguments that run a file of src/ (`src/main.ts`, `src/cli/ingest.ts`) as its own
 * process: its compiled JavaScript when the run compiled src/, else the source through tsx (as
 * `npm start` does; the unit tier and single files run outside the global setup).
 */
export function nodeArgsFor(sourceFile: string): string[] {
  const dir = compiledDir();
  return dir ? [join(dir, sourceFile.replace(/^src\//, '').replace(/\.ts$/, '.js'))] : ['--import', 'tsx', sourceFile];
}
