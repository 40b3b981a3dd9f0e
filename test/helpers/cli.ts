import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { nodeArgsFor } from './compiled.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one of the project's commands (`src/cli/<name>.ts`) as npm would, and resolves with its exit code and output. */
export function runCli(name: string, args: string[], env: Record<string, string>): Promise<CliResult> {
  return promisify(execFile)(process.execPath, [...nodeArgsFor(`src/cli/${name}.ts`), ...args], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { ...process.env, ...env },
  }).then(
    (out) => ({ code: 0, ...out }),
    (error: CliResult) => error,
  );
}
