import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const LISTENING = /GraphQL API (?:and GraphiQL )?on (http:\/\/\S+)\/graphql/;
const START_TIMEOUT_MS = 180_000;

export interface RunningServer {
  /** `http://host:port`, without a path. */
  origin: string;
  pid: number;
  /** The resident set size (MiB) once the server answered /ready, before any load. */
  readyRssMb: number | null;
  /** The highest resident set size seen so far (MiB): the sampled VmRSS and, when readable, VmHWM. */
  peakRssMb(): { vmHwmMb: number | null; sampledMb: number };
  /**
   * Resolves once the server has stopped using CPU. autocannon drops the requests in flight when a
   * run ends, but the server still works them off; the next run must not pay for them.
   */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/** A field of /proc/<pid>/status in MiB (the kernel gives kB); null when it cannot be read (not Linux, process gone). */
export function procStatusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time the process has used, in clock ticks (utime + stime of /proc/<pid>/stat); null off Linux. */
export function cpuTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces, so count the fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitUntilIdle(pid: number): Promise<void> {
  const SAMPLE_MS = 250;
  // At 100 ticks a second, 2 ticks in 250 ms is 8 % of a core: timers and GC, no request work.
  const IDLE_TICKS = 2;
  const deadline = Date.now() + 60_000;
  let last = cpuTicks(pid);
  if (last === null) return sleep(2_000);
  let quiet = 0;
  while (quiet < 2 && Date.now() < deadline) {
    await sleep(SAMPLE_MS);
    const now = cpuTicks(pid);
    if (now === null) return;
    quiet = now - last <= IDLE_TICKS ? quiet + 1 : 0;
    last = now;
  }
}

function waitForListening(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      // The server logs each request as operators run it; the benchmark's output shows the rest.
      if (!line.includes('"msg":"request"')) console.error(`[server] ${line}`);
      const match = LISTENING.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server exited before listening (${signal ?? `exit status ${code}`})`));
    });
  });
}

async function waitForReady(origin: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    try {
      const response = await fetch(`${origin}/ready`);
      if (response.ok) return;
    } catch {
      // not accepting connections yet
    }
    if (Date.now() > deadline) throw new Error(`${origin}/ready did not answer 200 within ${START_TIMEOUT_MS / 1000} s`);
    await sleep(200);
  }
}

/**
 * Starts src/main.ts in production mode on a free port, in one Node process (not through the
 * tsx launcher, which would put a second process between us and the server whose memory we read).
 */
export async function startServer(databaseUrl: string, extraEnv: Record<string, string> = {}, sampleEveryMs = 250): Promise<RunningServer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Uncached unless asked: a REDIS_URL of the shell must not change what is measured.
    REDIS_URL: '',
    ...extraEnv,
    DATABASE_URL: databaseUrl,
    NODE_ENV: 'production',
    SEED_ON_START: 'false',
    HOST: '127.0.0.1',
    PORT: '0',
  };
  delete env.WRITE_TOKEN;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start the server');
  let exited = false;
  child.on('exit', () => (exited = true));
  const stopChild = async () => {
    if (exited) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(killer);
  };

  let origin: string;
  try {
    origin = await waitForListening(child);
    await waitForReady(origin);
  } catch (error) {
    await stopChild();
    throw error;
  }

  const readyRssMb = procStatusMb(pid, 'VmRSS');
  let sampledMb = readyRssMb ?? 0;
  const sampler = setInterval(() => {
    sampledMb = Math.max(sampledMb, procStatusMb(pid, 'VmRSS') ?? 0);
  }, sampleEveryMs);
  sampler.unref();

  return {
    origin,
    pid,
    readyRssMb,
    peakRssMb: () => {
      sampledMb = Math.max(sampledMb, procStatusMb(pid, 'VmRSS') ?? 0);
      return { vmHwmMb: procStatusMb(pid, 'VmHWM'), sampledMb };
    },
    settle: () => waitUntilIdle(pid),
    async stop() {
      clearInterval(sampler);
      await stopChild();
    },
  };
}
