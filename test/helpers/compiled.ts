import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;

/**
 * src/ compiled to JavaScript for the processes a test run starts (servers, commands), once per run:
 * started through tsx, each costs a second or two of CPU more, for its loader and the transforms,
 * and the suite starts about a hundred. Type checking is `tsc --noEmit`'s job, so this only emits.
 * The folder sits at the top of the checkout, as dist/ does, so paths that the code takes from its
 * own place (`../../seeds`, `../schema`) resolve as they do from src/ and in production.
 */
export function compiledDirFor(id: string): string {
  return join(root, `.test-dist-${id}`);
}

/** Writes the compiled run's files into `compiledDirFor(id)`. */
export async function compileForRun(id: string): Promise<void> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const args = [tsc, '-p', 'src/tsconfig.build.json', '--noCheck', '--sourceMap', 'false', '--outDir', compiledDirFor(id)];
  await promisify(execFile)(process.execPath, args, { cwd: root });
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
