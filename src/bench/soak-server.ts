import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const SERVING = /GraphQL API (?:and GraphiQL )?on (http:\/\/\S+)\/graphql/;
const START_TIMEOUT_MS = 180_000;
/** Lines of the server's output kept to show when something goes wrong. */
const TAIL_LINES = 40;

/** The resident set size of a process in MiB, from /proc/<pid>/status; null off Linux or when it is gone. */
export function rssMb(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export interface SoakServer {
  /** `http://host:port`. */
  origin: string;
  pid: number;
  /** A fresh random token the server takes writes with; never printed. */
  writeToken: string;
  /** The server's last lines of output. */
  tail(): string[];
  /** SIGTERM, then the exit code (SIGKILL after 15 s). */
  stop(): Promise<number | null>;
}

/**
 * Runs src/main.ts as one Node process (so its pid is the server's, for RSS) in production mode on
 * a free port, with a fresh write token (and `env` besides), and resolves once it serves GraphQL.
 */
export async function startSoakServer(databaseUrl: string, env: Record<string, string> = {}): Promise<SoakServer> {
  const writeToken = randomBytes(24).toString('hex');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', WRITE_TOKEN: writeToken, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let partial = '';
  let onLine = (_line: string) => {};
  const collect = (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      if (lines.length > TAIL_LINES) lines.shift();
      onLine(line);
    }
  };
  // Read both pipes to the end: a full pipe would stall the server mid-soak.
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const code = await exited;
    clearTimeout(killer);
    return code;
  };

  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not serve within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    onLine = (line) => {
      const match = SERVING.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before serving:\n${lines.join('\n')}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  onLine = () => {};
  return { origin, pid: child.pid!, writeToken, tail: () => [...lines], stop };
}
