import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { nodeArgsFor } from './compiled.js';

const root = new URL('../..', import.meta.url).pathname;

export interface ServerProcess {
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the first match in the output; rejects (with the output) on exit or timeout. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Resolves with the exit code once the process ends by itself or by a signal. */
  exited: Promise<number | null>;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Runs the server (`src/main.ts`, compiled for the run unless `fromSource`, through tsx as `npm
 * start` runs it) on PGlite unless DATABASE_URL is given, on a free port.
 */
export function spawnServer(env: Record<string, string>, { fromSource = false } = {}): ServerProcess {
  const child = spawn(process.execPath, fromSource ? ['--import', 'tsx', 'src/main.ts'] : nodeArgsFor('src/main.ts'), {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  function waitFor(pattern: RegExp, timeoutMs = 120_000): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const done = () => {
        listeners.delete(check);
        clearTimeout(timer);
      };
      const check = () => {
        const match = pattern.exec(output);
        if (match) {
          done();
          resolve(match);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${pattern} in the server output within ${timeoutMs} ms:\n${output}`));
      }, timeoutMs);
      listeners.add(check);
      void exited.then((code) => {
        if (!listeners.has(check)) return;
        check();
        if (!listeners.has(check)) return;
        done();
        reject(new Error(`server exited with ${code} before printing ${pattern}:\n${output}`));
      });
      check();
    });
  }

  return {
    child,
    output: () => output,
    waitFor,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** The base URL (`http://127.0.0.1:port`) once the process listens. */
export async function listeningAt(server: ServerProcess): Promise<string> {
  return (await server.waitFor(/Listening on (http:\/\/127\.0\.0\.1:\d+)/))[1]!;
}

/**
 * Waits until the API serves GraphQL (the database is ready); returns the base URL. The wait is a
 * hang guard, not a measure: a first start on an empty PGlite takes a minute on a busy machine.
 */
export async function servingAt(server: ServerProcess, timeoutMs = 170_000): Promise<string> {
  await server.waitFor(/GraphQL API (and GraphiQL )?on http:\/\/127\.0\.0\.1:\d+\/graphql/, timeoutMs);
  return listeningAt(server);
}

/** A port nothing listens on (free a moment ago). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface Posted {
  status: number;
  headers: Headers;
  body: any;
}

/** POSTs a GraphQL operation; the body is parsed when it is JSON. */
export async function postGraphQL(
  base: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Posted> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text for the failure message
  }
  return { status: response.status, headers: response.headers, body };
}

/** The server's output as log events; fails naming the first line that is not a JSON object. */
export function logEvents(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        const event = JSON.parse(line) as unknown;
        if (typeof event === 'object' && event !== null && !Array.isArray(event)) return event as Record<string, unknown>;
      } catch {
        // named below
      }
      throw new Error(`a log line that is not JSON: ${line}\n--- all output\n${output}`);
    });
}
